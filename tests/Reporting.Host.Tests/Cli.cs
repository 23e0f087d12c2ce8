using Microsoft.Extensions.Time.Testing;
using Reporting.Host.Cli;

namespace Reporting.Host.Tests;

/// <summary>Runs the <c>reporting</c> command line in-process, capturing its output, on a fixed clock.</summary>
internal static class Cli
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 2, 0, 0, TimeSpan.Zero);

    public static Task<(int Exit, string Out, string Error)> Run(params string[] args) => Run(settings: null, args);

    /// <param name="settings">Settings as appsettings.json or environment variables would give them.</param>
    public static async Task<(int Exit, string Out, string Error)> Run(IReadOnlyDictionary<string, string?>? settings, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await ReportingCli.RunAsync(args, stdout, stderr, new FakeTimeProvider(Now), settings);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
