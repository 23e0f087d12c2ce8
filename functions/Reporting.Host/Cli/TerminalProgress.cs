using System.Diagnostics;

namespace Reporting.Host.Cli;

/// <summary>
/// A one-line counter on the terminal, redrawn at most 10 times a second; silent when output is redirected.
/// Safe to report from several threads (two exports are ingested at once).
/// </summary>
public sealed class TerminalProgress(CliContext context, string label) : IProgress<long>, IDisposable
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private long _lastDraw = -1000;
    private bool _drawn;
    private readonly Lock _gate = new();

    public void Report(long value)
    {
        if (!context.Interactive)
        {
            return;
        }
        lock (_gate)
        {
            if (_watch.ElapsedMilliseconds - _lastDraw < 100)
            {
                return;
            }
            _lastDraw = _watch.ElapsedMilliseconds;
            context.Error.Write($"\r{label} {value:N0} 行/rows  {_watch.Elapsed:mm\\:ss}   ");
            _drawn = true;
        }
    }

    public void Dispose()
    {
        if (_drawn)
        {
            context.Error.Write("\r" + new string(' ', label.Length + 40) + "\r");
        }
    }
}
