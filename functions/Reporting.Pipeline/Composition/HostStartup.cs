using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Reporting.Pipeline.Composition;

/// <summary>Work a host does once before it serves anything: settings checked, stores made ready, reference data loaded.</summary>
public interface IStartupWork
{
    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Runs every <see cref="IStartupWork"/> in the order it was registered. A host runs it after building and before
/// starting: starting makes the hosted services (serve's watcher and worker, the Functions worker's channel), and
/// those are made with use cases that need the registry. A failure is the host's start failing, with its message (a
/// malformed setting, an unreadable registry), before any function is invoked, request served or command step run.
/// </summary>
public static class HostStartup
{
    public static async Task RunStartupWorkAsync(this IHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        foreach (var step in host.Services.GetServices<IStartupWork>())
        {
            await step.RunAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
