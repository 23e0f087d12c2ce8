using System.Diagnostics;

namespace Reporting.Benchmarks;

/// <summary>Runs this runner again in a fresh process (so time and peak memory are that run's own) and returns its last output line.</summary>
internal static class ChildProcess
{
    public static string LastLine(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            // Started as `dotnet Reporting.Benchmarks.dll`: the child needs the assembly too.
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Reporting.Benchmarks.dll"));
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
    }
}
