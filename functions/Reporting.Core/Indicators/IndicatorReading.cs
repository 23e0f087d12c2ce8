using System.Globalization;
using Reporting.Core.Periods;

namespace Reporting.Core.Indicators;

public enum Trend
{
    /// <summary>Not comparable: a value is undefined or rests on too small a sample.</summary>
    None,
    Improving,
    Flat,
    Worsening,
}

/// <summary>An indicator's numerator and denominator for one court and period; the value is undefined when the denominator is 0.</summary>
public sealed record IndicatorValue(double Numerator, double Denominator, double? Value)
{
    public static IndicatorValue Of(IndicatorDefinition indicator, double numerator, double denominator, Period period) =>
        new(numerator, denominator, denominator == 0 ? null : numerator / denominator * (indicator.ScaleByPeriodDays ? period.Days : 1));
}

/// <summary>One indicator for one court and period, compared with an earlier period: what a report or the API shows.</summary>
public sealed record IndicatorReading
{
    public required IndicatorDefinition Indicator { get; init; }
    public required IndicatorValue Current { get; init; }
    public IndicatorValue? Previous { get; init; }
    public double? Change { get; init; }
    public Trend Trend { get; init; }
    public bool Comparable { get; init; }
    public bool LowSample { get; init; }
    /// <summary>Inside the reference range (达标); null when the value is undefined or the catalogue sets no range.</summary>
    public bool? InRange { get; init; }
    /// <summary>异动: moved more than the threshold, or left its range since the earlier period.</summary>
    public bool Unusual { get; init; }
    /// <summary>Inside the range in the earlier period and outside it now (one of the two reasons for 异动).</summary>
    public bool LeftRange { get; init; }

    /// <summary>Outside the range on its high side (偏高); false when inside, below, or undefined.</summary>
    public bool AboveRange => InRange == false && Indicator.Range?.High is { } high && Current.Value is { } v && IndicatorFormat.Shown(Indicator, v) > high;

    public string Display => IndicatorFormat.Display(Indicator, Current.Value);

    /// <summary>The change between the two values as shown, for printing (<see cref="Change"/> is the exact one).</summary>
    public double? ShownChange => IndicatorFormat.ShownChange(Indicator, Current.Value, Previous?.Value);

    public static IndicatorReading Compare(IndicatorDefinition indicator, IndicatorValue current, IndicatorValue? previous)
    {
        var lowSample = current.Denominator < indicator.MinSample;
        var previousLow = previous is not null && previous.Denominator < indicator.MinSample;
        // The range is judged on the value as shown, as the trend is: a report printing 0.50% against "≤ 0.50%" must
        // not call it 偏高 because the unrounded 0.5025% lies above.
        var inRange = current.Value is { } v && indicator.Range is { } range ? range.Contains(IndicatorFormat.Shown(indicator, v)) : (bool?)null;
        double? change = current.Value is { } now && previous?.Value is { } before ? now - before : null;
        var comparable = change is not null && !lowSample && !previousLow;
        var trend = Trend.None;
        if (comparable)
        {
            var a = IndicatorFormat.Rounded(indicator, current.Value!.Value);
            var b = IndicatorFormat.Rounded(indicator, previous!.Value!.Value);
            trend = a == b ? Trend.Flat : (a > b) == indicator.HigherIsBetter ? Trend.Improving : Trend.Worsening;
        }
        var unusual = false;
        var leftRange = false;
        if (IndicatorFormat.ShownChange(indicator, current.Value, previous?.Value) is { } delta)
        {
            // On the values as shown, like the trend and the range: a report printing +3.00个百分点 against a 3-point
            // threshold must not call it a move above the threshold.
            var shownBefore = IndicatorFormat.Shown(indicator, previous!.Value!.Value);
            var threshold = indicator.Unusual.Relative ? indicator.Unusual.Value * Math.Abs(shownBefore) : indicator.Unusual.Value;
            leftRange = indicator.Range is { } r && r.Contains(shownBefore) && inRange == false;
            unusual = Math.Abs(delta) > threshold + 1e-12 || leftRange;
        }
        return new IndicatorReading
        {
            Indicator = indicator,
            Current = current,
            Previous = previous,
            Change = change,
            Trend = trend,
            Comparable = comparable,
            LowSample = lowSample,
            InRange = inRange,
            Unusual = unusual,
            LeftRange = leftRange,
        };
    }
}

public static class IndicatorFormat
{
    /// <summary>The value as a report prints it: 12.50%, 45.3, 1.25, 1:1.49; "—" when undefined.</summary>
    public static string Display(IndicatorDefinition indicator, double? value)
    {
        if (value is not { } v)
        {
            return "—";
        }
        var rounded = Rounded(indicator, v).ToString("F" + indicator.Precision, CultureInfo.InvariantCulture);
        return indicator.Unit switch
        {
            IndicatorUnit.Percent => rounded + "%",
            IndicatorUnit.RatioOneTo => "1:" + rounded,
            _ => rounded,
        };
    }

    /// <summary>
    /// The number a reader sees (percentages in percent), rounded half away from zero at the display precision. The
    /// ratio is taken to 15 significant digits first, as a spreadsheet does: 201 ÷ 200 is 1.005 to a reader, though the
    /// nearest binary number is 1.00499…, and 87 days ÷ 20 cases is 4.35, which must show 4.4, not 4.3.
    /// </summary>
    public static double Rounded(IndicatorDefinition indicator, double value)
    {
        if (!double.IsFinite(value) || Math.Abs(value) >= 1e15)
        {
            return Math.Round(indicator.Unit == IndicatorUnit.Percent ? value * 100 : value, indicator.Precision, MidpointRounding.AwayFromZero);
        }
        // The double-to-decimal conversion keeps 15 significant digits, which drops the binary representation's residue.
        var exact = (decimal)value;
        if (indicator.Unit == IndicatorUnit.Percent)
        {
            exact *= 100;
        }
        return (double)Math.Round(exact, indicator.Precision, MidpointRounding.AwayFromZero);
    }

    /// <summary>The value as shown, in its own units (a rate as a fraction): 0.5025 shows as 50.25%, 1.00499 as 1:1.00, i.e. 1.00.</summary>
    public static double Shown(IndicatorDefinition indicator, double value) =>
        indicator.Unit == IndicatorUnit.Percent ? (double)((decimal)Rounded(indicator, value) / 100) : Rounded(indicator, value);

    /// <summary>
    /// The change a reader works out from the two values as shown (1:1.01 against 1:1.00 is +0.01), in the value's
    /// own units; null when either is undefined. Printing the unrounded difference could contradict the values beside it.
    /// </summary>
    public static double? ShownChange(IndicatorDefinition indicator, double? now, double? before) =>
        now is { } a && before is { } b ? (double)((decimal)Shown(indicator, a) - (decimal)Shown(indicator, b)) : null;

    /// <summary>A change as a report prints it: percentage points for rates, plain units otherwise, with a sign.</summary>
    public static string Change(IndicatorDefinition indicator, double? change)
    {
        if (change is not { } c)
        {
            return "—";
        }
        var shown = Rounded(indicator, c).ToString("F" + indicator.Precision, CultureInfo.InvariantCulture);
        var signed = c > 0 && !shown.StartsWith('-') ? "+" + shown : shown;
        return indicator.Unit == IndicatorUnit.Percent ? signed + "个百分点" : signed;
    }

    public static string ChineseName(this Trend trend) => trend switch
    {
        Trend.Improving => "趋优",
        Trend.Flat => "持平",
        Trend.Worsening => "趋劣",
        Trend.None => "不可比",
    };

    public static string Id(this Trend trend) => trend switch
    {
        Trend.Improving => "improving",
        Trend.Flat => "flat",
        Trend.Worsening => "worsening",
        Trend.None => "not-comparable",
    };
}
