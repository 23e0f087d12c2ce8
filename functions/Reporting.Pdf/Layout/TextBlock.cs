using System.Text;
using Reporting.Pdf.Text;

namespace Reporting.Pdf.Layout;

public enum TextAlign
{
    Left,
    Center,
    Right,
}

/// <summary>A span of a paragraph: text in one style.</summary>
public sealed record TextSpan(string Text, TextStyle Style);

/// <summary>
/// A paragraph of spans, broken into lines by <see cref="LineBreaking"/> and paged by line: what does not fit on this
/// page continues on the next from the first line not drawn.
/// </summary>
internal sealed class TextBlock(IReadOnlyList<TextSpan> spans, TextAlign align) : Element
{
    private int _nextLine;
    private (float Width, FontSetKey Fonts, List<Line> Lines)? _laidOut;

    private readonly record struct Line(int Start, int End, float Width, float Height, float Ascent, float Descent);

    private readonly record struct FontSetKey(object Fonts, bool Subset);

    internal override void Reset() => _nextLine = 0;

    internal override SpacePlan Measure(Size available, LayoutContext context)
    {
        var lines = Lines(available.Width, context);
        if (_nextLine >= lines.Count)
        {
            return SpacePlan.Empty;
        }
        var height = 0f;
        var count = 0;
        for (var i = _nextLine; i < lines.Count && height + lines[i].Height <= available.Height + 0.01f; i++)
        {
            height += lines[i].Height;
            count++;
        }
        if (count == 0)
        {
            return SpacePlan.Wrap("not even one line of text fits");
        }
        return _nextLine + count == lines.Count ? SpacePlan.Full(available.Width, height) : SpacePlan.Partial(available.Width, height);
    }

    internal override void Draw(Size available, LayoutContext context)
    {
        var lines = Lines(available.Width, context);
        var y = 0f;
        while (_nextLine < lines.Count && y + lines[_nextLine].Height <= available.Height + 0.01f)
        {
            var line = lines[_nextLine];
            var x = align switch
            {
                TextAlign.Center => (available.Width - line.Width) / 2,
                TextAlign.Right => available.Width - line.Width,
                TextAlign.Left => 0,
            };
            var baseline = y + (line.Height - line.Ascent - line.Descent) / 2 + line.Ascent;
            foreach (var (shaped, offset) in Shaped(context))
            {
                var from = Math.Max(line.Start, offset);
                var to = Math.Min(line.End, offset + shaped.Text.Length);
                if (from < to)
                {
                    shaped.Draw(context.Canvas, from - offset, to - offset, x, baseline);
                    x += shaped.Width(from - offset, to - from);
                }
            }
            y += line.Height;
            _nextLine++;
        }
    }

    private List<(ShapedText Text, int Offset)>? _shaped;
    private FontSetKey _shapedWith;

    private List<(ShapedText Text, int Offset)> Shaped(LayoutContext context)
    {
        var key = new FontSetKey(context.Fonts, context.Fonts.Subset);
        if (_shaped is null || _shapedWith != key)
        {
            _shaped = [];
            var offset = 0;
            foreach (var span in spans)
            {
                var text = span.Text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\t', ' ');
                _shaped.Add((new ShapedText(text, span.Style, context.Fonts), offset));
                offset += text.Length;
            }
            _shapedWith = key;
        }
        return _shaped;
    }

    private List<Line> Lines(float width, LayoutContext context)
    {
        var key = new FontSetKey(context.Fonts, context.Fonts.Subset);
        if (_laidOut is { } cached && cached.Width == width && cached.Fonts == key)
        {
            return cached.Lines;
        }
        var shaped = Shaped(context);
        var text = new StringBuilder();
        foreach (var (s, _) in shaped)
        {
            text.Append(s.Text);
        }
        var spanAt = new int[text.Length];
        for (var k = 0; k < shaped.Count; k++)
        {
            Array.Fill(spanAt, k, shaped[k].Offset, shaped[k].Text.Text.Length);
        }
        float Width(int start, int length)
        {
            var sum = 0f;
            for (var i = start; i < start + length; i++)
            {
                var (s, offset) = shaped[spanAt[i]];
                sum += s.Width(i - offset, 1);
            }
            return sum;
        }
        var lines = new List<Line>();
        foreach (var (start, end) in LineBreaking.Lines(text.ToString(), width, Width))
        {
            var height = 0f;
            var ascent = 0f;
            var descent = 0f;
            foreach (var (s, offset) in shaped)
            {
                if ((offset < end && offset + s.Text.Length > start) || (start == end && offset <= start))
                {
                    height = Math.Max(height, s.Style.Size * s.Style.LineHeight);
                    var (a, d) = s.Metrics();
                    ascent = Math.Max(ascent, a);
                    descent = Math.Max(descent, d);
                }
            }
            lines.Add(new Line(start, end, Width(start, end - start), height, ascent, descent));
        }
        _laidOut = (width, key, lines);
        return lines;
    }
}

/// <summary>Text made afresh from the layout state each time it is measured or drawn (page numbers, section pages).</summary>
internal sealed class ContextText(Func<LayoutContext, string> text, TextStyle style, TextAlign align) : Element
{
    private TextBlock Current(LayoutContext context) => new([new TextSpan(text(context), style)], align);

    internal override SpacePlan Measure(Size available, LayoutContext context) => Current(context).Measure(available, context);

    internal override void Draw(Size available, LayoutContext context) => Current(context).Draw(available, context);
}
