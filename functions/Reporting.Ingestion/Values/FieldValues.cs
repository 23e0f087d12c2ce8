using System.Globalization;

namespace Reporting.Ingestion.Values;

/// <summary>Parsers for the value forms export format v1 allows. Each returns false rather than guessing.</summary>
public static class FieldValues
{
    private static readonly DateOnly Excel1900Epoch = new(1899, 12, 30);
    private static readonly DateOnly Excel1904Epoch = new(1904, 1, 1);

    /// <summary>
    /// 2024-03-05, 2024/3/5, 2024.03.05, 2024年3月5日 (full-width digits too), optionally followed by a time of day,
    /// which is ignored; or an Excel serial date when the cell was numeric in an XLSX.
    /// </summary>
    public static bool TryParseDate(string text, bool excelSerial, bool date1904, out DateOnly date)
    {
        date = default;
        var span = text.AsSpan().Trim();
        if (excelSerial)
        {
            var epoch = date1904 ? Excel1904Epoch : Excel1900Epoch;
            // Written so that NaN fails too; the last serial is 9999-12-31, which comes 1,462 serials earlier from 1904.
            if (!double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial)
                || !(serial >= 1 && serial < DateOnly.MaxValue.DayNumber - epoch.DayNumber + 1))
            {
                return false;
            }
            date = epoch.AddDays((int)Math.Floor(serial));
            return true;
        }
        Span<int> parts = stackalloc int[3];
        var part = 0;
        var digits = 0;
        var i = 0;
        for (; i < span.Length && part < 3; i++)
        {
            var c = span[i];
            if (c is >= '０' and <= '９')
            {
                c = (char)(c - '０' + '0');
            }
            if (char.IsAsciiDigit(c))
            {
                if (++digits > (part == 0 ? 4 : 2))
                {
                    return false;
                }
                parts[part] = parts[part] * 10 + (c - '0');
                continue;
            }
            var separatorOk = part switch
            {
                0 => c is '-' or '/' or '.' or '年',
                1 => c is '-' or '/' or '.' or '月',
                _ => c is '日' or ' ' or 'T',
            };
            if (!separatorOk || digits == 0 || (part == 0 && digits != 4))
            {
                return false;
            }
            part++;
            digits = 0;
            if (part == 3)
            {
                i++;
                break;
            }
        }
        if (part == 2 && digits > 0)
        {
            part = 3;
        }
        if (part != 3)
        {
            return false;
        }
        var rest = span[i..].Trim();
        if (!rest.IsEmpty && !IsTimeOfDay(rest))
        {
            return false;
        }
        if (parts[0] < 1900 || parts[1] is < 1 or > 12 || parts[2] < 1 || parts[2] > DateTime.DaysInMonth(parts[0], parts[1]))
        {
            return false;
        }
        date = new DateOnly(parts[0], parts[1], parts[2]);
        return true;
    }

    private static bool IsTimeOfDay(ReadOnlySpan<char> rest) =>
        TimeOnly.TryParse(rest, CultureInfo.InvariantCulture, out _) || rest.SequenceEqual("00:00:00.000");

    /// <summary>Yuan: decimal with optional thousands separators, 元 or 万元 (× 10,000). Negative amounts are refused.</summary>
    public static bool TryParseMoney(string text, out decimal amount)
    {
        amount = 0;
        var span = text.AsSpan().Trim();
        decimal factor = 1;
        if (span.EndsWith("万元", StringComparison.Ordinal))
        {
            factor = 10_000;
            span = span[..^2];
        }
        else if (span.EndsWith("万", StringComparison.Ordinal))
        {
            factor = 10_000;
            span = span[..^1];
        }
        else if (span.EndsWith("元", StringComparison.Ordinal))
        {
            span = span[..^1];
        }
        span = span.Trim().TrimStart('¥').TrimStart('￥');
        if (span.IsEmpty || span.Length > 40)
        {
            return false;
        }
        Span<char> clean = stackalloc char[span.Length];
        var n = 0;
        // Thousands separators only between groups of three digits of the whole part: "1,2,3" is no amount, and a
        // misplaced separator more likely marks a decimal comma or two values run together than 123 yuan.
        var lastSeparator = -1;
        var digitsSinceSeparator = 0;
        var inFraction = false;
        foreach (var raw in span)
        {
            var c = raw is >= '０' and <= '９' ? (char)(raw - '０' + '0') : raw is '．' ? '.' : raw;
            if (c is ',' or '，')
            {
                if (inFraction || n == 0 || (lastSeparator >= 0 && digitsSinceSeparator != 3) || (lastSeparator < 0 && n > 3))
                {
                    return false;
                }
                lastSeparator = n;
                digitsSinceSeparator = 0;
                continue;
            }
            if (c == '.')
            {
                if (lastSeparator >= 0 && digitsSinceSeparator != 3)
                {
                    return false;
                }
                inFraction = true;
            }
            else if (char.IsAsciiDigit(c))
            {
                digitsSinceSeparator++;
            }
            clean[n++] = c;
        }
        if (!inFraction && lastSeparator >= 0 && digitsSinceSeparator != 3)
        {
            return false;
        }
        if (!decimal.TryParse(clean[..n], NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
            || value > decimal.MaxValue / factor)
        {
            return false;
        }
        // To the fen, halves away from zero as money is rounded (12.345 yuan is 12.35).
        amount = decimal.Round(value * factor, 2, MidpointRounding.AwayFromZero);
        return true;
    }

    /// <summary>是/否 and the usual spellings of yes and no.</summary>
    public static bool TryParseYesNo(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "是" or "开庭" or "已开庭" or "y" or "yes" or "true" or "1":
                value = true;
                return true;
            case "否" or "不开庭" or "未开庭" or "n" or "no" or "false" or "0":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }
}
