
namespace Reporting.Core.Cases;

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
