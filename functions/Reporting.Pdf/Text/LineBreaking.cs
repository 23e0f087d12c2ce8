namespace Reporting.Pdf.Text;

/// <summary>A piece of text that is never split across lines: a Han character, a Latin word or number, a space.</summary>
public readonly record struct BreakUnit(int Start, int Length, BreakKind Kind)
{
    public int End => Start + Length;
}

public enum BreakKind
{
    Text,
    Space,
    Newline,
}

/// <summary>
/// Where Chinese text may break, by the kinsoku rules of GB/T 15834 as clreq describes them: a line may break between
/// any two Han characters, but never before closing punctuation (，。、；：？！）」』】》…) and never after opening
/// punctuation (（「『【《“); Latin words and numbers such as 12.5% stay whole. Forbidden breaks are avoided by gluing
/// the punctuation to its neighbour, which pushes it to the next line with that neighbour (push-out): a line can
/// never overflow by hanging punctuation.
/// </summary>
public static class LineBreaking
{
    /// <summary>Characters that may not start a line (行首禁则).</summary>
    public const string NoLineStart = "，。、；：？！）］｝〉》」』】〕〗〙〛…‥‰％℃”’·・～—!%),.:;?]}°¢";

    /// <summary>Characters that may not end a line (行尾禁则).</summary>
    public const string NoLineEnd = "（［｛〈《「『【〔〖〘〚“‘([{$£¥￥";

    /// <summary>Splits text into break units, with kinsoku characters glued to their neighbours.</summary>
    public static List<BreakUnit> Units(string text)
    {
        var raw = new List<BreakUnit>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                raw.Add(new BreakUnit(i, 1, BreakKind.Newline));
                i++;
            }
            else if (c is ' ' or '\t' or '\u00A0')
            {
                var start = i;
                while (i < text.Length && text[i] is ' ' or '\t' or '\u00A0')
                {
                    i++;
                }
                raw.Add(new BreakUnit(start, i - start, BreakKind.Space));
            }
            else if (IsWordCharacter(c))
            {
                var start = i;
                while (i < text.Length && IsWordCharacter(text[i]))
                {
                    i++;
                }
                raw.Add(new BreakUnit(start, i - start, BreakKind.Text));
            }
            else
            {
                var length = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
                raw.Add(new BreakUnit(i, length, BreakKind.Text));
                i += length;
            }
        }
        return Glue(text, raw);
    }

    /// <summary>
    /// Fills lines greedily: each line takes units while they fit; spaces at a line's end are dropped. A unit wider
    /// than a line on its own is cut by characters (a long number or address), the only way it can be shown.
    /// </summary>
    /// <param name="width">The width of text[start, start+length), as set in the paragraph's fonts.</param>
    /// <returns>Each line as the range of text it shows (without trailing spaces or the newline).</returns>
    public static List<(int Start, int End)> Lines(string text, float maxWidth, Func<int, int, float> width)
    {
        var lines = new List<(int, int)>();
        int start = -1, end = -1;
        float used = 0, space = 0;
        foreach (var unit in Units(text))
        {
            if (unit.Kind == BreakKind.Newline)
            {
                lines.Add(start < 0 ? (unit.Start, unit.Start) : (start, end));
                (start, used, space) = (-1, 0, 0);
                continue;
            }
            var w = width(unit.Start, unit.Length);
            if (unit.Kind == BreakKind.Space)
            {
                space += start < 0 ? 0 : w;
                continue;
            }
            if (start >= 0 && used + space + w <= maxWidth)
            {
                (used, space, end) = (used + space + w, 0, unit.End);
                continue;
            }
            if (start >= 0)
            {
                lines.Add((start, end));
                (start, used, space) = (-1, 0, 0);
            }
            var pieceStart = unit.Start;
            if (w > maxWidth)
            {
                // Wider than a whole line on its own (a long number or address): cut by characters.
                for (var k = unit.Start + 1; k < unit.End; k++)
                {
                    if (!char.IsLowSurrogate(text[k]) && width(pieceStart, k + 1 - pieceStart) > maxWidth && k > pieceStart)
                    {
                        lines.Add((pieceStart, k));
                        pieceStart = k;
                    }
                }
            }
            (start, end, used) = (pieceStart, unit.End, pieceStart == unit.Start ? w : width(pieceStart, unit.End - pieceStart));
        }
        if (start >= 0)
        {
            lines.Add((start, end));
        }
        else if (lines.Count == 0)
        {
            lines.Add((0, 0));
        }
        return lines;
    }

    private static bool IsWordCharacter(char c) => c is > ' ' and <= '~' or >= '\u00C0' and <= '\u024F';

    private static List<BreakUnit> Glue(string text, List<BreakUnit> raw)
    {
        var glued = new List<BreakUnit>(raw.Count);
        var joinNext = false;
        foreach (var unit in raw)
        {
            var first = text[unit.Start];
            var canJoinPrevious = glued.Count > 0 && glued[^1].Kind == BreakKind.Text && unit.Kind == BreakKind.Text;
            if (canJoinPrevious && (joinNext || NoLineStart.Contains(first, StringComparison.Ordinal)))
            {
                var previous = glued[^1];
                glued[^1] = previous with { Length = unit.End - previous.Start };
            }
            else
            {
                glued.Add(unit);
            }
            joinNext = unit.Kind == BreakKind.Text && NoLineEnd.Contains(text[unit.End - 1], StringComparison.Ordinal);
        }
        return glued;
    }
}
