using System.Globalization;
using System.Text;
using Reporting.Core.Courts;

namespace Reporting.Core.Cases;

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
        var canonicalBrackets = text[0] == '（' && text[pos] == '）';
        pos++;
        var rest = text.AsSpan(pos);
        var legacyMarker = rest.IndexOf("字第", StringComparison.Ordinal);
        var number = legacyMarker >= 0
            ? ParseLegacy(input, year, rest, legacyMarker, out var canonicalTail)
            : ParseCurrent(input, year, rest, out canonicalTail);
        return canonicalBrackets && canonicalTail && ReferenceEquals(text, input) ? number.WithNormalText(input) : number;
    }

    private static CaseNumber ParseCurrent(string input, int year, ReadOnlySpan<char> rest, out bool canonical)
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
        // A known code followed by more Chinese characters (执前调: 执 and then 前调) is another, unknown code, not a
        // known one missing its number.
        if (!CaseTypes.TryMatchLongest(rest[pos..], out var type)
            || (pos + type.Code.Length < rest.Length && IsChineseCharacter(rest[pos + type.Code.Length]) && rest[pos + type.Code.Length] is not ('之' or '第' or '号')))
        {
            var shown = TakeNonDigits(rest[pos..]);
            throw Fail(input, CaseNumberPart.TypeCode, $"类型代字“{shown}”无法识别", $"case type code '{shown}' is not recognised");
        }
        pos += type.Code.Length;
        var (sequence, end, suffix) = ParseTail(input, rest[pos..], out canonical);
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

    private static CaseNumber ParseLegacy(string input, int year, ReadOnlySpan<char> rest, int marker, out bool canonical)
    {
        var head = rest[..marker];
        // The court abbreviation runs up to the first category character (民 刑 行 执 赔 破 …). The Supreme People's
        // Court's own numbers had none ((2012)民四终字第1号); other courts' abbreviations were local and did not always
        // start with the province (锡 for 无锡, 二中 for 北京二中院), so any short run of Chinese characters is taken.
        const string Categories = "民刑行执赔破清商知";
        // A bracketed 知 marks an IP division wherever it stands ((2008)沪二中(知)民初字): it is no category character.
        var masked = head.ToString().Replace("(知)", "(　)", StringComparison.Ordinal).Replace("（知）", "（　）", StringComparison.Ordinal);
        var category = masked.AsSpan().IndexOfAny(Categories);
        if (category == 0 && head[0] is '商' or '清' && masked.AsSpan(1).IndexOfAny(Categories) is var next and >= 0)
        {
            // 商 (商丘, 商洛) and 清 (清远) also begin place names: (2014)商民初字 is a court's, not the SPC's.
            category = next + 1;
        }
        if (head.IsEmpty || category < 0)
        {
            throw Fail(input, CaseNumberPart.Court, "旧式案号缺少案件类别", "legacy case number lacks a case category");
        }
        var court = head[..category].ToString();
        var provincial = court.Length > 0 && (CourtCode.IsHighCourtCharacter(court[0]) || court.StartsWith(CourtCode.Supreme, StringComparison.Ordinal));
        if (!provincial && (court.Length > 8 || court.Any(c => !IsChineseCharacter(c))))
        {
            throw Fail(input, CaseNumberPart.Court, $"旧式案号法院简称“{court}”无法识别", $"legacy court abbreviation '{court}' is not recognised");
        }
        var body = head[category..].ToString();
        var (sequence, end, suffix) = ParseTail(input, rest[(marker + 2)..], out canonical);
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

    private static bool IsChineseCharacter(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    /// <summary>
    /// Maps a legacy body such as 民一终 or 执恢 to today's 类型代字 by dropping division numerals and reading 提 as 再.
    /// Bodies that map to no known code keep their text and count as stage 其他.
    /// </summary>
    private static string LegacyTypeCode(string body)
    {
        // A bracketed 知 marked an IP division's case ((2009)沪一中民五(知)初字): the case is civil, like today's 知民初.
        body = body.Replace("(知)", "", StringComparison.Ordinal).Replace("（知）", "", StringComparison.Ordinal);
        var sb = new StringBuilder(body.Length);
        foreach (var c in body)
        {
            if ("一二三四五六七八九十".Contains(c, StringComparison.Ordinal))
            {
                continue;
            }
            if (c == '商')
            {
                // Commercial cases were civil cases of a 民二/民四 division: (2014)浙杭商初字 is today's 民初. Where the
                // body names 民 itself (豫商民初: 商 of 商丘 read as a category), 商 is dropped.
                if (!body.Contains('民', StringComparison.Ordinal))
                {
                    sb.Append('民');
                }
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

    /// <param name="canonical">The tail is already in normal form: no leading zeros, '-' for a range.</param>
    private static (long Sequence, long? End, int Suffix) ParseTail(string input, ReadOnlySpan<char> tail, out bool canonical)
    {
        var pos = 0;
        canonical = tail.Length > 0 && tail[0] != '0';
        var sequence = ReadNumber(input, tail, ref pos);
        long? end = null;
        if (pos < tail.Length && RangeDashes.Contains(tail[pos], StringComparison.Ordinal))
        {
            canonical &= tail[pos] == '-' && pos + 1 < tail.Length && tail[pos + 1] != '0';
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
