using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Reporting.Core.Courts;
using Reporting.Core.Indicators;
using Reporting.Host.Serve;
using Reporting.Pipeline.Composition;

namespace Reporting.Host.Cli;

/// <summary>
/// A CLI command's services: the local composition over the data folder (<see cref="LocalServices"/>, as
/// <c>reporting serve</c> runs it), built through the generic host with settings from appsettings.json in the working
/// folder and environment variables, and started, so settings are checked and the registry read before the command's
/// first step. Standard output stays the command's: nothing is logged.
/// </summary>
public sealed class CommandHost : IAsyncDisposable
{
    public const string DefaultData = ".reporting";

    private readonly IHost _host;

    private CommandHost(IHost host, string data)
    {
        _host = host;
        Data = data;
    }

    /// <summary>The data folder's full path.</summary>
    public string Data { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>Builds and starts the host; a startup error (<see cref="IsStartupError"/>) is written to standard error and answered with null.</summary>
    public static async Task<CommandHost?> StartAsync(CliContext context, string data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var full = Path.GetFullPath(data);
        // The empty builder with only the sources a command reads: the defaults' file watchers, logging providers and
        // user secrets cost a short command a fifth of a second and give it nothing.
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = "reporting",
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        builder.Configuration
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables();
        if (context.Settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(context.Settings);
        }
        builder.Services.AddLogging();
        // System.CommandLine owns Ctrl+C and hands the command its cancellation token.
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        builder.Services.AddSingleton(context.Clock);
        builder.AddLocalReporting(full);
        var host = builder.Build();
        try
        {
            await host.RunStartupWorkAsync(cancellationToken).ConfigureAwait(false);
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsStartupError(e))
        {
            context.Error.WriteLine(e.Message);
            host.Dispose();
            return null;
        }
        return new CommandHost(host, full);
    }

    /// <summary>What a host's start reports to its user and stops for: a malformed setting, registry or catalogue.</summary>
    public static bool IsStartupError(Exception e) =>
        e is FormatException or ArgumentException or CourtRegistryException or IndicatorCatalogException;

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        _host.Dispose();
    }

    private sealed class CommandLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
