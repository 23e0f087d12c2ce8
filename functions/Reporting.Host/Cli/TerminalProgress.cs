using System.Diagnostics;

namespace Reporting.Host.Cli;

/// <summary>
/// Progress of long work. On a terminal: one line redrawn at most 10 times a second, a bar when the number of items
/// is known (files to ingest, reports to render) and a running count of rows when there are rows. When output is redirected (a log, CI): a plain line every
/// 10 seconds at most and one when the work ends, so a log shows that work went on without carriage-return clutter.
/// Safe to report from several threads (two exports are ingested at once).
/// </summary>
/// <param name="unit">What an item is, for the bar's count (bilingual, e.g. "文件/files").</param>
/// <param name="rows">The rows the work will read, when known (aggregation: the cases the curated manifests hold): then the bar follows rows.</param>
public sealed class TerminalProgress(CliContext context, string label, int? items = null, string unit = "文件/files", long? rows = null) : IProgress<long>, IDisposable
{
    private const int BarWidth = 24;
    private static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(10);

    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private long _lastDraw = -1000;
    private long _lastPlain;
    private long _rows;
    private int _done;
    private bool _drawn;
    private bool _reported;

    /// <summary>Rows so far.</summary>
    public void Report(long value)
    {
        lock (_gate)
        {
            _rows = value;
            _reported = true;
            Draw(force: false);
        }
    }

    /// <summary>One more item (file) finished.</summary>
    public void ItemDone()
    {
        lock (_gate)
        {
            _done++;
            _reported = true;
            Draw(force: true);
        }
    }

    /// <summary>Erases the drawn line, so a result printed next starts at the margin; the next report draws it again.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            if (context.Interactive && _drawn)
            {
                context.Error.Write("\r" + new string(' ', Math.Max(40, SafeWidth() - 1)) + "\r");
                context.Error.Flush();
                _drawn = false;
                _lastDraw = -1000;
            }
        }
    }

    public void Dispose()
    {
        Clear();
        lock (_gate)
        {
            if (!context.Interactive && _reported)
            {
                context.Error.WriteLine($"{Line()}，完成 / done");
            }
        }
    }

    /// <summary>The line as it reads now: label, bar and items when known, rows, elapsed time.</summary>
    public string Line()
    {
        var bar = "";
        if (items is > 0 and var total)
        {
            bar = $" {Bar((double)_done / total)} {_done}/{total} {unit}";
        }
        else if (rows is > 0 and var expected)
        {
            var share = Math.Min(1, (double)_rows / expected);
            bar = $" {Bar(share)} {100 * share:0}%";
        }
        var counted = _rows > 0 || items is null ? $"  {_rows:N0} 行/rows" : "";
        return $"{label}{bar}{counted}  {_watch.Elapsed:mm\\:ss}";
    }

    private static string Bar(double share)
    {
        var filled = (int)Math.Round(BarWidth * Math.Clamp(share, 0, 1));
        return $"[{new string('█', filled)}{new string('░', BarWidth - filled)}]";
    }

    private void Draw(bool force)
    {
        var now = _watch.ElapsedMilliseconds;
        if (context.Interactive)
        {
            if (!force && now - _lastDraw < 100)
            {
                return;
            }
            _lastDraw = now;
            context.Error.Write($"\r{Line()}   ");
            _drawn = true;
        }
        else if (now - _lastPlain >= PlainEvery.TotalMilliseconds)
        {
            // The first plain line comes ten seconds in: short work writes only its closing line.
            _lastPlain = now;
            context.Error.WriteLine(Line());
        }
    }

    private static int SafeWidth()
    {
        try
        {
            return Console.WindowWidth;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
