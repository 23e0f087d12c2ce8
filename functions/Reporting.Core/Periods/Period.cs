using System.Globalization;
using System.Text.RegularExpressions;

namespace Reporting.Core.Periods;

public enum PeriodKind
{
    Month,
    Quarter,
    Year,
    MonthRange,
}

/// <summary>
/// A reporting period of whole calendar months, China Standard Time: 2024-12, 2024-Q4, 2024 or 2024-01..2024-11.
/// Dates are inclusive; every period starts on the first of a month and ends on the last day of one.
/// </summary>
public sealed partial record Period
{
    private Period(PeriodKind kind, int firstMonth, int months)
    {
        Kind = kind;
        FirstMonth = firstMonth;
        Months = months;
    }

    public PeriodKind Kind { get; }

    /// <summary>Index of the first month: year × 12 + (month − 1).</summary>
    public int FirstMonth { get; }

    public int Months { get; }

    public int LastMonth => FirstMonth + Months - 1;

    public DateOnly Start => FromIndex(FirstMonth);

    public DateOnly End => FromIndex(LastMonth + 1).AddDays(-1);

    public int Days => End.DayNumber - Start.DayNumber + 1;

    public static Period Month(int year, int month) => new(PeriodKind.Month, Index(year, month), 1);

    public static Period Quarter(int year, int quarter) => new(PeriodKind.Quarter, Index(year, quarter * 3 - 2), 3);

    public static Period Year(int year) => new(PeriodKind.Year, Index(year, 1), 12);

    public static Period Range(int firstMonthIndex, int lastMonthIndex) =>
        lastMonthIndex < firstMonthIndex
            ? throw new ArgumentException("a month range must not end before it starts")
            : new(PeriodKind.MonthRange, firstMonthIndex, lastMonthIndex - firstMonthIndex + 1);

    public static Period MonthOf(DateOnly day) => Month(day.Year, day.Month);

    /// <summary>同比: the same period one year earlier.</summary>
    public Period YearEarlier() => new(Kind, FirstMonth - 12, Months);

    /// <summary>环比: the preceding period of the same length.</summary>
    public Period Preceding() => new(Kind, FirstMonth - Months, Months);

    public bool Contains(DateOnly day) => day >= Start && day <= End;

    public override string ToString()
    {
        var (year, month) = (FirstMonth / 12, FirstMonth % 12 + 1);
        return Kind switch
        {
            PeriodKind.Month => $"{year:D4}-{month:D2}",
            PeriodKind.Quarter => $"{year:D4}-Q{(month + 2) / 3}",
            PeriodKind.Year => $"{year:D4}",
            PeriodKind.MonthRange => $"{year:D4}-{month:D2}..{LastMonth / 12:D4}-{LastMonth % 12 + 1:D2}",
        };
    }

    /// <summary>Chinese label for reports: 2024年12月, 2024年第四季度, 2024年, 2024年1—11月.</summary>
    public string ChineseLabel()
    {
        var (year, month) = (FirstMonth / 12, FirstMonth % 12 + 1);
        return Kind switch
        {
            PeriodKind.Month => $"{year}年{month}月",
            PeriodKind.Quarter => $"{year}年第{"一二三四"[(month - 1) / 3]}季度",
            PeriodKind.Year => $"{year}年",
            PeriodKind.MonthRange when LastMonth / 12 == year => $"{year}年{month}—{LastMonth % 12 + 1}月",
            PeriodKind.MonthRange => $"{year}年{month}月—{LastMonth / 12}年{LastMonth % 12 + 1}月",
        };
    }

    // [0-9], not \d: \d also matches full-width and other scripts' digits, which int.Parse then refuses with an exception.
    [GeneratedRegex(@"^([0-9]{4})-([0-9]{2})$")]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"^([0-9]{4})-[Qq]([1-4])$")]
    private static partial Regex QuarterPattern();

    [GeneratedRegex(@"^([0-9]{4})$")]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"^([0-9]{4})-([0-9]{2})\.\.([0-9]{4})-([0-9]{2})$")]
    private static partial Regex RangePattern();

    public static bool TryParse(string? text, out Period period)
    {
        period = null!;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        if (MonthPattern().Match(text) is { Success: true } m && ValidMonth(m.Groups[1], m.Groups[2], out var index))
        {
            period = new Period(PeriodKind.Month, index, 1);
            return true;
        }
        if (QuarterPattern().Match(text) is { Success: true } q && ValidYear(q.Groups[1], out var qYear))
        {
            period = Quarter(qYear, int.Parse(q.Groups[2].Value, CultureInfo.InvariantCulture));
            return true;
        }
        if (YearPattern().Match(text) is { Success: true } y && ValidYear(y.Groups[1], out var year))
        {
            period = Year(year);
            return true;
        }
        if (RangePattern().Match(text) is { Success: true } r && ValidMonth(r.Groups[1], r.Groups[2], out var first)
            && ValidMonth(r.Groups[3], r.Groups[4], out var last) && last >= first)
        {
            period = new Period(PeriodKind.MonthRange, first, last - first + 1);
            return true;
        }
        return false;
    }

    public static Period Parse(string text) => TryParse(text, out var period) ? period : throw new FormatException(Invalid(text));

    /// <summary>What every refusal of a period's text says (the API's, the CLI's, a parse's).</summary>
    public static string Invalid(string? text) =>
        $"期间“{text}”无效：应为 2024-12、2024-Q4、2024 或 2024-01..2024-11 / period '{text}' is not valid: expected 2024-12, 2024-Q4, 2024 or 2024-01..2024-11";

    private static bool ValidYear(Group group, out int year)
    {
        year = int.Parse(group.Value, CultureInfo.InvariantCulture);
        return year is >= 1949 and <= 2999;
    }

    private static bool ValidMonth(Group yearGroup, Group monthGroup, out int index)
    {
        index = 0;
        var month = int.Parse(monthGroup.Value, CultureInfo.InvariantCulture);
        if (!ValidYear(yearGroup, out var year) || month is < 1 or > 12)
        {
            return false;
        }
        index = Index(year, month);
        return true;
    }

    public static int Index(int year, int month) => year * 12 + month - 1;

    public static int IndexOf(DateOnly day) => Index(day.Year, day.Month);

    public static DateOnly FromIndex(int index) => new(index / 12, index % 12 + 1, 1);
}
