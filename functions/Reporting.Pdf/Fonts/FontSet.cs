using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace Reporting.Pdf.Fonts;

/// <summary>A character no font in the chain can show: named, with its code point and the text around it.</summary>
public sealed class MissingGlyphException(string message) : Exception(message);

/// <summary>
/// The fonts of one document: a fallback chain per weight, chosen per character, and the characters each face has
/// set. After the measuring pass <see cref="UseSubsets"/> swaps every face for its subset, which the drawing pass
/// shapes and embeds.
/// </summary>
public sealed class FontSet : IDisposable
{
    private readonly Face[] _regular;
    private readonly Face[] _bold;
    private readonly Dictionary<(bool Bold, int CodePoint), Face> _chosen = [];

    public FontSet(FontLibrary library)
    {
        var faces = new Dictionary<FontFace, Face>();
        Face Open(FontFace source) => faces.TryGetValue(source, out var face) ? face : faces[source] = new Face(source);
        _regular = library.Chain(bold: false).Select(Open).ToArray();
        _bold = library.Chain(bold: true).Select(Open).ToArray();
        Faces = faces.Values.ToList();
    }

    internal IReadOnlyList<Face> Faces { get; }

    public bool Subset { get; private set; }

    /// <summary>The face that sets this character at this weight: the first in the chain that has it.</summary>
    internal Face FaceFor(bool bold, int codePoint, string context)
    {
        if (_chosen.TryGetValue((bold, codePoint), out var chosen))
        {
            return chosen;
        }
        var chain = bold ? _bold : _regular;
        var face = chain.FirstOrDefault(f => f.Typeface.ContainsGlyph(codePoint))
            ?? throw new MissingGlyphException(
                $"没有字体含有字符“{char.ConvertFromUtf32(codePoint)}”（U+{codePoint:X4}，见“{Snippet(context)}”）；已试字体：{string.Join("、", chain.Select(f => f.Source.Family))}" +
                $" / no font has a glyph for '{char.ConvertFromUtf32(codePoint)}' (U+{codePoint:X4}, in \"{Snippet(context)}\"); fonts tried: {string.Join(", ", chain.Select(f => f.Source.Family))}");
        Record(face, codePoint);
        return _chosen[(bold, codePoint)] = face;
    }

    /// <summary>
    /// Charts set all their text in the first face of the chain (ScottPlot takes one typeface per label), so their
    /// characters are recorded there; a character that face lacks is an error, as in running text.
    /// </summary>
    internal void UseInChart(string text, bool bold)
    {
        var face = (bold ? _bold : _regular)[0];
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value < 0x20)
            {
                continue;
            }
            if (!face.Typeface.ContainsGlyph(rune.Value))
            {
                throw new MissingGlyphException(
                    $"图表字体 {face.Source.Family} 没有字符“{rune}”（U+{rune.Value:X4}，见“{Snippet(text)}”）/ the chart font {face.Source.Family} has no glyph for '{rune}' (U+{rune.Value:X4}, in \"{Snippet(text)}\")");
            }
            Record(face, rune.Value);
        }
    }

    /// <summary>Notes a character a face sets; once the faces are subset, it must be one the measuring pass noted.</summary>
    private void Record(Face face, int codePoint)
    {
        if (Subset && !face.Used.Contains(codePoint))
        {
            throw new InvalidOperationException($"U+{codePoint:X4} was not set in the measuring pass; the subset lacks it");
        }
        face.Used.Add(codePoint);
    }

    /// <summary>The typeface charts draw with: the first face of the chain, as it is now (the subset once cut).</summary>
    internal SKTypeface ChartTypeface(bool bold) => (bold ? _bold : _regular)[0].Typeface;

    /// <summary>Replaces every face by a subset holding the characters it set, plus ASCII (page numbers, figures).</summary>
    public void UseSubsets()
    {
        foreach (var face in Faces.Where(f => f.Used.Count > 0))
        {
            for (var c = 0x20; c < 0x7F; c++)
            {
                face.Used.Add(c);
            }
            // Chart tick labels are made while drawing; ScottPlot may write a true minus sign.
            face.Used.Add(0x2212);
            face.Replace(FontSubsetter.Subset(face.Source, face.Used));
        }
        Subset = true;
    }

    public void Dispose()
    {
        foreach (var face in Faces)
        {
            face.Dispose();
        }
    }

    private static string Snippet(string text) => text.Length <= 24 ? text : text[..24] + "…";

    internal sealed class Face(FontFace source) : IDisposable
    {
        public FontFace Source { get; } = source;

        public HashSet<int> Used { get; } = [];

        public SKTypeface Typeface { get; private set; } = SKTypeface.FromFile(source.Path, source.Index)
            ?? throw new IOException($"cannot open font {source.Path} (face {source.Index})");

        public SKShaper Shaper => _shaper ??= new SKShaper(Typeface);

        private SKShaper? _shaper;

        public void Replace(byte[] fontFile)
        {
            _shaper?.Dispose();
            _shaper = null;
            Typeface.Dispose();
            Typeface = SKTypeface.FromData(SKData.CreateCopy(fontFile)) ?? throw new InvalidOperationException($"the subset of {Source.Family} does not load");
        }

        public void Dispose()
        {
            _shaper?.Dispose();
            Typeface.Dispose();
        }
    }
}
