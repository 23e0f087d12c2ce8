namespace Reporting.Host.Cli;

/// <summary>Where a command writes and what time it is: passed in, so tests run the CLI in-process.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, TimeProvider Clock, bool Interactive);
