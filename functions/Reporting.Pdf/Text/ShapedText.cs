using System.Text;
using Reporting.Pdf.Fonts;
using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace Reporting.Pdf.Text;

/// <summary>
/// A string set in one style: split into runs by the face that has each character, each run shaped by HarfBuzz, and
/// the advances kept per UTF-16 index so that line breaking can measure any range and drawing can place any line.
/// </summary>
internal sealed class ShapedText
{
    private readonly FontSet _fonts;
    private readonly float[] _advance;
    private readonly List<(int Start, int End, FontSet.Face Face)> _runs = [];

    public ShapedText(string text, TextStyle style, FontSet fonts)
    {
        Text = text;
        Style = style;
        _fonts = fonts;
        _advance = new float[text.Length];
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '\n')
            {
                i++;
                continue;
            }
            var start = i;
            var face = fonts.FaceFor(style.Bold, char.ConvertToUtf32(text, i), text);
            i += char.IsSurrogatePair(text, i) ? 2 : 1;
            while (i < text.Length && text[i] != '\n' && fonts.FaceFor(style.Bold, char.ConvertToUtf32(text, i), text) == face)
            {
                i += char.IsSurrogatePair(text, i) ? 2 : 1;
            }
            _runs.Add((start, i, face));
            Shape(start, i, face);
        }
    }

    public string Text { get; }

    public TextStyle Style { get; }

    public float Width(int start, int length)
    {
        var sum = 0f;
        for (var i = start; i < start + length; i++)
        {
            sum += _advance[i];
        }
        return sum;
    }

    /// <summary>Ascent (above the baseline) and descent of the style's first face, in points.</summary>
    public (float Ascent, float Descent) Metrics() => _metrics ??= ReadMetrics();

    private (float Ascent, float Descent)? _metrics;

    private (float Ascent, float Descent) ReadMetrics()
    {
        using var font = new SKFont(_runs.Count > 0 ? _runs[0].Face.Typeface : _fonts.Faces[0].Typeface, Style.Size);
        return (-font.Metrics.Ascent, font.Metrics.Descent);
    }

    /// <summary>Draws text[start, end) with its left end at x on the given baseline.</summary>
    public void Draw(SKCanvas canvas, int start, int end, float x, float baseline)
    {
        using var paint = new SKPaint { Color = Style.Color, IsAntialias = true };
        foreach (var (runStart, runEnd, face) in _runs)
        {
            var from = Math.Max(start, runStart);
            var to = Math.Min(end, runEnd);
            if (from >= to)
            {
                continue;
            }
            using var font = new SKFont(face.Typeface, Style.Size);
            canvas.DrawShapedText(face.Shaper, Text[from..to], x, baseline, SKTextAlign.Left, font, paint);
            x += Width(from, to - from);
        }
    }

    private void Shape(int start, int end, FontSet.Face face)
    {
        var run = Text[start..end];
        using var font = new SKFont(face.Typeface, Style.Size);
        var result = face.Shaper.Shape(run, font);
        // HarfBuzz reports clusters as UTF-8 byte offsets into the run: map them back to UTF-16 indices.
        var utf16ByUtf8 = new int[Encoding.UTF8.GetByteCount(run) + 1];
        var bytes = 0;
        for (var k = 0; k < run.Length; k += char.IsSurrogatePair(run, k) ? 2 : 1)
        {
            var length = char.IsSurrogatePair(run, k) ? 4 : Encoding.UTF8.GetByteCount(run.AsSpan(k, 1));
            for (var b = 0; b < length; b++)
            {
                utf16ByUtf8[bytes + b] = k;
            }
            bytes += length;
        }
        utf16ByUtf8[bytes] = run.Length;
        for (var g = 0; g < result.Points.Length; g++)
        {
            var next = g + 1 < result.Points.Length ? result.Points[g + 1].X : result.Width;
            _advance[start + utf16ByUtf8[(int)result.Clusters[g]]] += next - result.Points[g].X;
        }
    }
}
