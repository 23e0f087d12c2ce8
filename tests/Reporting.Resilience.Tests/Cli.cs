using Reporting.Host.Cli;

namespace Reporting.Resilience.Tests;

/// <summary>Runs the <c>reporting</c> command line in-process (to prepare data), capturing its output.</summary>
internal static class Cli
{
    public static async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await ReportingCli.RunAsync(args, stdout, stderr, TimeProvider.System);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
