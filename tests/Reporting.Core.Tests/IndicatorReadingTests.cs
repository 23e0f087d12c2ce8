using Reporting.Core.Indicators;

namespace Reporting.Core.Tests;

public sealed class IndicatorReadingTests
{
    private static readonly IndicatorCatalog Catalog = IndicatorCatalog.Default();

    private static IndicatorDefinition I(string id)
    {
        Assert.True(Catalog.TryGet(id, out var indicator));
        return indicator;
    }

    private static IndicatorValue Rate(double numerator, double denominator) => new(numerator, denominator, denominator == 0 ? null : numerator / denominator);

    [Fact]
    public void Trend_FollowsTheDirection_OnRoundedValues()
    {
        var appeal = I("appeal-rate"); // lower is better
        Assert.Equal(Trend.Improving, IndicatorReading.Compare(appeal, Rate(10, 100), Rate(12, 100)).Trend);
        Assert.Equal(Trend.Worsening, IndicatorReading.Compare(appeal, Rate(14, 100), Rate(12, 100)).Trend);
        // 12.3441% and 12.3449% both print 12.34%: flat, although the raw values differ
        Assert.Equal(Trend.Flat, IndicatorReading.Compare(appeal, Rate(123441, 1_000_000), Rate(123449, 1_000_000)).Trend);
        var acceptance = I("first-instance-acceptance-rate"); // higher is better
        Assert.Equal(Trend.Improving, IndicatorReading.Compare(acceptance, Rate(90, 100), Rate(88, 100)).Trend);
    }

    [Fact]
    public void LowSampleOrUndefined_IsNotComparable()
    {
        var appeal = I("appeal-rate");
        var low = IndicatorReading.Compare(appeal, Rate(1, 9), Rate(12, 100));
        Assert.True(low.LowSample);
        Assert.False(low.Comparable);
        Assert.Equal(Trend.None, low.Trend);
        var undefined = IndicatorReading.Compare(appeal, Rate(0, 0), Rate(12, 100));
        Assert.Null(undefined.Current.Value);
        Assert.Equal("—", undefined.Display);
        Assert.False(undefined.Comparable);
    }

    [Fact]
    public void Unusual_AbsoluteForRates_RelativeForDays_AndLeavingTheRange()
    {
        var appeal = I("appeal-rate"); // threshold 3 percentage points, range ≤ 15%
        Assert.False(IndicatorReading.Compare(appeal, Rate(10, 100), Rate(12, 100)).Unusual);
        Assert.True(IndicatorReading.Compare(appeal, Rate(8, 100), Rate(12, 100)).Unusual);
        Assert.True(IndicatorReading.Compare(appeal, Rate(16, 100), Rate(14, 100)).Unusual); // moved out of its range
        var days = I("average-closure-days"); // 15% of the earlier value
        Assert.False(IndicatorReading.Compare(days, new(5700, 100, 57), new(5000, 100, 50)).Unusual);
        Assert.True(IndicatorReading.Compare(days, new(5800, 100, 58), new(5000, 100, 50)).Unusual);
    }

    [Fact]
    public void InRange_UsesTheCatalogueRange()
    {
        var onTime = I("on-time-closure-rate"); // 95% – 99.5%: 100% is not the goal
        Assert.True(IndicatorReading.Compare(onTime, Rate(97, 100), null).InRange);
        Assert.False(IndicatorReading.Compare(onTime, Rate(100, 100), null).InRange);
        Assert.Null(IndicatorReading.Compare(onTime, Rate(0, 0), null).InRange);
        // Judged on the value as shown: 1/199 shows 0.50%, the top of "≤ 0.50%", so it is in range, not 偏高.
        var longPending = I("long-pending-ratio");
        Assert.Equal(0.005, longPending.Range!.High);
        var edge = IndicatorReading.Compare(longPending, Rate(1, 199), null);
        Assert.Equal(("0.50%", true, false), (edge.Display, edge.InRange, edge.AboveRange));
        Assert.False(IndicatorReading.Compare(longPending, Rate(1, 190), null).InRange);
    }

    [Fact]
    public void Unusual_IsAMoveAboveTheThreshold_BetweenTheValuesAsShown()
    {
        var appeal = I("appeal-rate"); // threshold: 3 percentage points
        // 5.00% → 8.00% (both within its range) prints +3.00个百分点, exactly the threshold: no 异动, though the
        // exact move is 3.0004 points.
        var atThreshold = IndicatorReading.Compare(appeal, new IndicatorValue(0, 0, 0.079955), new IndicatorValue(0, 0, 0.049951));
        var above = IndicatorReading.Compare(appeal, new IndicatorValue(0, 0, 0.0801), new IndicatorValue(0, 0, 0.05));

        Assert.Equal("+3.00个百分点", IndicatorFormat.Change(appeal, atThreshold.ShownChange));
        Assert.False(atThreshold.Unusual);
        Assert.True(above.Unusual);
    }

    [Fact]
    public void Display_AndChange_AsAReportPrintsThem()
    {
        Assert.Equal("12.35%", IndicatorFormat.Display(I("appeal-rate"), 0.12345));
        Assert.Equal("1:1.49", IndicatorFormat.Display(I("case-matter-ratio"), 1.4949));
        Assert.Equal("45.3", IndicatorFormat.Display(I("average-closure-days"), 45.25));
        // Half-way values whose nearest binary number lies just below: a reader (and a spreadsheet) rounds them up.
        Assert.Equal("1:1.01", IndicatorFormat.Display(I("case-matter-ratio"), 201.0 / 200));
        Assert.Equal("4.4", IndicatorFormat.Display(I("average-closure-days"), 87.0 / 20));
        Assert.Equal("1.01%", IndicatorFormat.Display(I("appeal-rate"), 201.0 / 20000));
        Assert.Equal("50.25%", IndicatorFormat.Display(I("appeal-rate"), 201.0 / 400));
        Assert.Equal("1:1.00", IndicatorFormat.Display(I("case-matter-ratio"), 1.00499));
        // The printed change is that of the printed values: 1:1.01 against 1:1.00 is +0.01, though 1.005 − 1.0 rounds to 0.00.
        var ratio = IndicatorReading.Compare(I("case-matter-ratio"), new IndicatorValue(201, 200, 201.0 / 200), new IndicatorValue(100, 100, 1.0));
        Assert.Equal("+0.01", IndicatorFormat.Change(ratio.Indicator, ratio.ShownChange));
        Assert.Equal(Trend.Worsening, ratio.Trend);
        Assert.Equal("+0.25个百分点", IndicatorFormat.Change(I("appeal-rate"), IndicatorFormat.ShownChange(I("appeal-rate"), 201.0 / 400, 0.5)));
        Assert.Equal("-2.00个百分点", IndicatorFormat.Change(I("appeal-rate"), -0.02));
        Assert.Equal("+0.05", IndicatorFormat.Change(I("case-matter-ratio"), 0.05));
    }

    [Fact]
    public void SummarySentence_CountsAreComputed_AndZeroClausesAreLeftOut()
    {
        var main = Catalog.Main.ToList();
        Assert.Equal(18, main.Count);
        var readings = main.Select((indicator, i) => IndicatorReading.Compare(indicator,
            Rate(i < 16 ? 50 : 0, 100), Rate(i < 15 ? 51 : 50, 100))).ToList();
        var summary = IndicatorSummary.Of(readings, Comparison.YearOnYear);
        Assert.Equal(18, summary.Total);
        Assert.Equal(summary.Improving + summary.Flat + summary.Worsening, summary.Comparable);
        Assert.Contains($"在具有可比性的{summary.Comparable}项指标中", summary.Sentence, StringComparison.Ordinal);
        Assert.DoesNotContain("0项", summary.Sentence, StringComparison.Ordinal);
        var flatOnly = IndicatorSummary.Of([IndicatorReading.Compare(I("appeal-rate"), Rate(12, 100), Rate(12, 100))], Comparison.PeriodOnPeriod);
        Assert.Equal("1项指标中，1项处于合理区间；在具有可比性的1项指标中，1项持平。", flatOnly.Sentence);
    }

    [Fact]
    public void Catalogue_SaysItsRangesAreIllustrative_AndHasEighteenPlusExtras()
    {
        Assert.Contains("示例", Catalog.Note, StringComparison.Ordinal);
        Assert.Contains("illustrative", Catalog.Note, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, 18), Catalog.Main.Select(i => i.Number));
        Assert.Equal(["效果", "效率", "质量"], Catalog.Main.Select(i => i.Group).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Catalogue_ProblemsNameTheEntryAndField()
    {
        const string Json = """
            { "version": "x", "note": "n", "indicators": [
              { "number": 1, "id": "a", "name": "甲", "englishName": "a", "group": "效果", "unit": "percent", "better": "up",
                "precision": 2, "unusual": { "kind": "absolute", "value": 0.03 },
                "numerator": [ { "stages": ["first"], "event": "closd" } ],
                "denominator": [ { "types": ["民X"], "event": "closed", "dispositions": ["结了"] } ] } ] }
            """;
        var error = Assert.Throws<IndicatorCatalogException>(() => IndicatorCatalog.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Json)), "test.json"));
        Assert.Contains("indicators[0] 'a'.better", error.Message, StringComparison.Ordinal);
        Assert.Contains("numerator[0].event", error.Message, StringComparison.Ordinal);
        Assert.Contains("denominator[0].types", error.Message, StringComparison.Ordinal);
        Assert.Contains("denominator[0].dispositions", error.Message, StringComparison.Ordinal);
    }
}
