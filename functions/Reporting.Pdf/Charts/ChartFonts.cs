using ScottPlot;
using SkiaSharp;

namespace Reporting.Pdf.Charts;

/// <summary>
/// Hands ScottPlot the typefaces of the document being drawn. ScottPlot finds typefaces by name through a global list
/// of resolvers and caches them by name for the life of the process, so each document's faces are registered under
/// names of their own that are never asked for again once the document is written (the cache then holds a disposed
/// handle, a few bytes, per document).
/// </summary>
internal sealed class ChartFonts : IFontResolver
{
    private static readonly ChartFonts Instance = new();
    private static readonly Lock Gate = new();
    private static long _sequence;

    private readonly Dictionary<string, SKTypeface> _byName = new(StringComparer.Ordinal);

    static ChartFonts()
    {
        lock (Gate)
        {
            ScottPlot.Fonts.FontResolvers.Insert(0, Instance);
        }
    }

    /// <summary>Registers a typeface under a fresh name; the returned handle forgets it when disposed.</summary>
    public static Registration Register(SKTypeface typeface)
    {
        var name = $"reporting-pdf-{Interlocked.Increment(ref _sequence)}";
        lock (Gate)
        {
            Instance._byName[name] = typeface;
        }
        return new Registration(name);
    }

    public sealed class Registration(string name) : IDisposable
    {
        public string Name => name;

        public void Dispose()
        {
            lock (Gate)
            {
                Instance._byName.Remove(name);
            }
        }
    }

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) => Find(fontName);

    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) => Find(fontName);

    private SKTypeface? Find(string name)
    {
        lock (Gate)
        {
            return _byName.GetValueOrDefault(name);
        }
    }
}
