using System.Globalization;
using System.Text;
using Reporting.Core.Courts;

namespace Reporting.Core.Cases;

/// <summary>The part of a 案号 that failed to parse; named in every parse error.</summary>
public enum CaseNumberPart
{
    Whole,
    Year,
    Court,
    TypeCode,
    Sequence,
    Suffix,
}

public sealed class CaseNumberFormatException(string input, CaseNumberPart part, string messageZh, string messageEn)
    : FormatException($"案号“{input}”{messageZh} / case number '{input}': {messageEn}")
{
    public string Input { get; } = input;
    public CaseNumberPart Part { get; } = part;
    public string MessageZh { get; } = messageZh;
    public string MessageEn { get; } = messageEn;
}

/// <summary>
/// A 案号 per 法〔2015〕137号 as amended by 法〔2018〕335号:
/// （收案年度）法院代字 [专门审判代字 知] 类型代字 编号 号 [之一].
/// Pre-2016 numbers such as （2011）浙甬民一终字第00658号 parse as <see cref="IsLegacy"/>: their court part is an
/// abbreviation, not a 法院代字, so level is unknown and the type is read from the characters before 字第.
/// </summary>
public sealed record CaseNumber
{
    public required int Year { get; init; }
    /// <summary>法院代字 (e.g. 京0105); for a legacy number the abbreviation as written (e.g. 浙甬).</summary>
    public required string CourtCode { get; init; }
    /// <summary>The 2018 specialised-trial character 知 was present.</summary>
    public bool IsIntellectualProperty { get; init; }
    public required string TypeCode { get; init; }
    public required long Sequence { get; init; }
    /// <summary>Last number of a joint range such as 18775-18776号.</summary>
    public long? SequenceEnd { get; init; }
    /// <summary>1 for 之一, 2 for 之二 …; 0 when absent.</summary>
    public int SuffixOrdinal { get; init; }
    public bool IsLegacy { get; init; }
    /// <summary>Legacy only: the division and type characters as written (e.g. 民一终).</summary>
    public string? LegacyBody { get; init; }

    public CourtLevel CourtLevel => IsLegacy ? CourtLevel.Unknown : Courts.CourtCode.LevelOf(CourtCode);

    public CaseStage Stage => CaseTypes.TryGet(TypeCode, out var type) ? type.Stage : CaseStage.Other;

    /// <summary>Normal form: full-width brackets, no leading zeros, no 字第 padding.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(24);
        sb.Append('（').Append(Year.ToString(CultureInfo.InvariantCulture)).Append('）').Append(CourtCode);
        if (IsLegacy)
        {
            sb.Append(LegacyBody).Append("字第");
        }
        else
        {
            if (IsIntellectualProperty)
            {
                sb.Append('知');
            }
            sb.Append(TypeCode);
        }
        sb.Append(Sequence.ToString(CultureInfo.InvariantCulture));
        if (SequenceEnd is { } end)
        {
            sb.Append('-').Append(end.ToString(CultureInfo.InvariantCulture));
        }
        sb.Append('号');
        if (SuffixOrdinal > 0)
        {
            sb.Append('之').Append(ChineseNumerals.Format(SuffixOrdinal));
        }
        return sb.ToString();
    }

    public static CaseNumber Parse(string text) => CaseNumberParser.Parse(text);

    public static bool TryParse(string? text, out CaseNumber? caseNumber, out CaseNumberFormatException? error)
    {
        caseNumber = null;
        error = null;
        if (text is null)
        {
            error = new CaseNumberFormatException("", CaseNumberPart.Whole, "为空", "is empty");
            return false;
        }
        try
        {
            caseNumber = CaseNumberParser.Parse(text);
            return true;
        }
        catch (CaseNumberFormatException e)
        {
            error = e;
            return false;
        }
    }

    /// <summary>Normal form of <paramref name="text"/>, so that （2025）, (2025) and 〔2025〕 compare equal.</summary>
    public static string Normalize(string text) => Parse(text).ToString();
}

internal static class CaseNumberParser
{
    private const string OpenBrackets = "(（〔[［【﹝";
    private const string CloseBrackets = ")）〕]］】﹞";
    private const string RangeDashes = "-－—–~～";

    public static CaseNumber Parse(string input)
    {
        var text = Clean(input);
        if (text.Length == 0)
        {
            throw Fail(input, CaseNumberPart.Whole, "为空", "is empty");
        }
        var pos = 0;
        if (!OpenBrackets.Contains(text[0], StringComparison.Ordinal))
        {
            throw Fail(input, CaseNumberPart.Year, "缺少括号括起的收案年度", "the receipt year in brackets is missing");
        }
        pos++;
        var yearStart = pos;
        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }
        if (pos - yearStart != 4)
        {
            throw Fail(input, CaseNumberPart.Year, "收案年度应为4位数字", "the receipt year must be 4 digits");
        }
        var year = int.Parse(text.AsSpan(yearStart, 4), CultureInfo.InvariantCulture);
        if (year < 1949)
        {
            throw Fail(input, CaseNumberPart.Year, $"收案年度{year}无效", $"receipt year {year} is not valid");
        }
        if (pos >= text.Length || !CloseBrackets.Contains(text[pos], StringComparison.Ordinal))
        {
            throw Fail(input, CaseNumberPart.Year, "收案年度缺少右括号", "the closing bracket after the year is missing");
        }
        pos++;
        var rest = text.AsSpan(pos);
        var legacyMarker = rest.IndexOf("字第", StringComparison.Ordinal);
        return legacyMarker >= 0
            ? ParseLegacy(input, year, rest, legacyMarker)
            : ParseCurrent(input, year, rest);
    }

    private static CaseNumber ParseCurrent(string input, int year, ReadOnlySpan<char> rest)
    {
        string court;
        var pos = 0;
        if (rest.StartsWith(CourtCode.Supreme, StringComparison.Ordinal))
        {
            court = CourtCode.Supreme;
            pos = CourtCode.Supreme.Length;
        }
        else
        {
            if (rest.IsEmpty || !CourtCode.IsHighCourtCharacter(rest[0]))
            {
                var shown = rest.IsEmpty ? "" : rest[..1].ToString();
                throw Fail(input, CaseNumberPart.Court, $"法院代字“{shown}”无法识别", $"court code '{shown}' is not recognised");
            }
            pos = 1;
            while (pos < rest.Length && char.IsAsciiDigit(rest[pos]))
            {
                pos++;
            }
            var digits = pos - 1;
            if (digits is not (0 or 2 or 4))
            {
                throw Fail(input, CaseNumberPart.Court, $"法院代字“{rest[..pos]}”的数字应为0、2或4位", $"court code '{rest[..pos]}' must have 0, 2 or 4 digits");
            }
            court = rest[..pos].ToString();
        }

        var ip = false;
        if (pos < rest.Length && rest[pos] == '知' && CaseTypes.TryMatchLongest(rest[(pos + 1)..], out _))
        {
            ip = true;
            pos++;
        }
        if (!CaseTypes.TryMatchLongest(rest[pos..], out var type))
        {
            var shown = TakeNonDigits(rest[pos..]);
            throw Fail(input, CaseNumberPart.TypeCode, $"类型代字“{shown}”无法识别", $"case type code '{shown}' is not recognised");
        }
        pos += type.Code.Length;
        var (sequence, end, suffix) = ParseTail(input, rest[pos..]);
        return new CaseNumber
        {
            Year = year,
            CourtCode = court,
            IsIntellectualProperty = ip,
            TypeCode = type.Code,
            Sequence = sequence,
            SequenceEnd = end,
            SuffixOrdinal = suffix,
        };
    }

    private static CaseNumber ParseLegacy(string input, int year, ReadOnlySpan<char> rest, int marker)
    {
        var head = rest[..marker];
        // The court abbreviation runs up to the first category character (民 刑 行 执 赔 破 …).
        var category = head.IndexOfAny("民刑行执赔破清商知");
        if (head.IsEmpty || category <= 0)
        {
            throw Fail(input, CaseNumberPart.Court, "旧式案号缺少法院简称或案件类别", "legacy case number lacks a court abbreviation or case category");
        }
        var court = head[..category].ToString();
        if (!CourtCode.IsHighCourtCharacter(court[0]) && court != "最高法")
        {
            throw Fail(input, CaseNumberPart.Court, $"旧式案号法院简称“{court}”无法识别", $"legacy court abbreviation '{court}' is not recognised");
        }
        var body = head[category..].ToString();
        var (sequence, end, suffix) = ParseTail(input, rest[(marker + 2)..]);
        return new CaseNumber
        {
            Year = year,
            CourtCode = court,
            TypeCode = LegacyTypeCode(body),
            Sequence = sequence,
            SequenceEnd = end,
            SuffixOrdinal = suffix,
            IsLegacy = true,
            LegacyBody = body,
        };
    }

    /// <summary>
    /// Maps a legacy body such as 民一终 or 执恢 to today's 类型代字 by dropping division numerals and reading 提 as 再.
    /// Bodies that map to no known code keep their text and count as stage 其他.
    /// </summary>
    private static string LegacyTypeCode(string body)
    {
        var sb = new StringBuilder(body.Length);
        foreach (var c in body)
        {
            if ("一二三四五六七八九十".Contains(c, StringComparison.Ordinal) || c == '商')
            {
                continue;
            }
            sb.Append(c == '提' ? '再' : c);
        }
        var code = sb.ToString();
        if (code.StartsWith('知') && CaseTypes.TryGet(code.AsSpan(1), out _))
        {
            code = code[1..];
        }
        return code.Length == 0 ? body : code;
    }

    private static (long Sequence, long? End, int Suffix) ParseTail(string input, ReadOnlySpan<char> tail)
    {
        var pos = 0;
        var sequence = ReadNumber(input, tail, ref pos);
        long? end = null;
        if (pos < tail.Length && RangeDashes.Contains(tail[pos], StringComparison.Ordinal))
        {
            pos++;
            end = ReadNumber(input, tail, ref pos);
            if (end < sequence)
            {
                throw Fail(input, CaseNumberPart.Sequence, "联合编号的结束号小于起始号", "the end of a joint number range is below its start");
            }
        }
        if (pos >= tail.Length || tail[pos] != '号')
        {
            throw Fail(input, CaseNumberPart.Sequence, "编号后缺少“号”", "the character 号 after the sequence number is missing");
        }
        pos++;
        var suffix = 0;
        if (pos < tail.Length)
        {
            if (tail[pos] != '之' || !ChineseNumerals.TryParse(tail[(pos + 1)..], out suffix) || suffix <= 0)
            {
                var shown = tail[pos..].ToString();
                throw Fail(input, CaseNumberPart.Suffix, $"“号”后的“{shown}”无法识别（应为“之一”等）", $"'{shown}' after 号 is not recognised (expected a suffix such as 之一)");
            }
        }
        return (sequence, end, suffix);
    }

    private static long ReadNumber(string input, ReadOnlySpan<char> tail, ref int pos)
    {
        var start = pos;
        while (pos < tail.Length && char.IsAsciiDigit(tail[pos]))
        {
            pos++;
        }
        if (pos == start)
        {
            throw Fail(input, CaseNumberPart.Sequence, "缺少案件编号", "the sequence number is missing");
        }
        if (pos - start > 12 || !long.TryParse(tail[start..pos], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw Fail(input, CaseNumberPart.Sequence, "案件编号过长", "the sequence number is too long");
        }
        if (value == 0)
        {
            throw Fail(input, CaseNumberPart.Sequence, "案件编号不能为0", "the sequence number cannot be 0");
        }
        return value;
    }

    /// <summary>Full-width digits to ASCII; white space (including U+3000) removed.</summary>
    private static string Clean(string input)
    {
        var needsWork = false;
        foreach (var c in input)
        {
            if (char.IsWhiteSpace(c) || c is >= '０' and <= '９')
            {
                needsWork = true;
                break;
            }
        }
        if (!needsWork)
        {
            return input;
        }
        var sb = new StringBuilder(input.Length);
        foreach (var c in input)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }
            sb.Append(c is >= '０' and <= '９' ? (char)(c - '０' + '0') : c);
        }
        return sb.ToString();
    }

    private static string TakeNonDigits(ReadOnlySpan<char> text)
    {
        var n = 0;
        while (n < text.Length && n < 6 && !char.IsAsciiDigit(text[n]))
        {
            n++;
        }
        return text[..n].ToString();
    }

    private static CaseNumberFormatException Fail(string input, CaseNumberPart part, string zh, string en) => new(input, part, zh, en);
}

/// <summary>Chinese numerals 一 … 九十九 for 之一-style suffixes.</summary>
public static class ChineseNumerals
{
    private const string Digits = "零一二三四五六七八九";

    public static string Format(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 99);
        if (value < 10)
        {
            return Digits[value].ToString();
        }
        var tens = value / 10;
        var ones = value % 10;
        return (tens == 1 ? "十" : Digits[tens] + "十") + (ones == 0 ? "" : Digits[ones].ToString());
    }

    public static bool TryParse(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 3)
        {
            return false;
        }
        var ten = text.IndexOf('十');
        if (ten < 0)
        {
            return text.Length == 1 && TryDigit(text[0], out value) && value > 0;
        }
        var tens = 1;
        if (ten == 1 && !(TryDigit(text[0], out tens) && tens > 1))
        {
            return false;
        }
        if (ten > 1)
        {
            return false;
        }
        var ones = 0;
        var after = text[(ten + 1)..];
        if (after.Length > 1 || (after.Length == 1 && !(TryDigit(after[0], out ones) && ones > 0)))
        {
            return false;
        }
        value = tens * 10 + ones;
        return true;
    }

    private static bool TryDigit(char c, out int digit)
    {
        digit = Digits.IndexOf(c, StringComparison.Ordinal);
        return digit >= 0;
    }
}
