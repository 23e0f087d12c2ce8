namespace Reporting.Host.Cli;

/// <summary>Where a command writes and what time it is: passed in, so tests run the CLI in-process.</summary>
/// <param name="Settings">Settings over appsettings.json and environment variables (tests); none from the command line itself.</param>
public sealed record CliContext(TextWriter Out, TextWriter Error, TimeProvider Clock, bool Interactive, IReadOnlyDictionary<string, string?>? Settings = null);
