using Reporting.Core.Indicators;
using Reporting.Core.Periods;
using Reporting.Core.Reports;

namespace Reporting.Core.Tests;

/// <summary>What a situation report selects, orders and says, from readings given by hand.</summary>
public sealed class SituationReportComposerTests
{
    private static readonly IndicatorCatalog Catalog = IndicatorCatalog.Default();

    private static IndicatorDefinition D(string id) => Catalog.Indicators.Single(i => i.Id == id);

    /// <summary>Every indicator at the same value in both periods (flat, in range), except those given.</summary>
    private static List<IndicatorReading> Readings(params (string Id, double Now, double Before)[] moved) =>
        Catalog.Indicators.Select(d =>
        {
            var inRange = d.Range is { } r ? (r.Low ?? r.High ?? 0.5) : 0.5;
            var (now, before) = moved.FirstOrDefault(m => m.Id == d.Id) is { Id: not null } m ? (m.Now, m.Before) : (inRange, inRange);
            return IndicatorReading.Compare(d, new IndicatorValue(now * 100, 100, now), new IndicatorValue(before * 100, 100, before));
        }).ToList();

    private static ReportSource Source(IReadOnlyList<IndicatorReading> readings, IReadOnlyList<SubordinateSource>? subordinates = null, Period? period = null)
    {
        var p = period ?? Period.Year(2025);
        return new ReportSource("浙01", "示例省甲市中级人民法院", p, p.YearEarlier(), Comparison.YearOnYear, new DateOnly(2026, 1, 15), readings,
            [new CaseloadLine("刑事", new CaseloadCount(120, 100, 40), new CaseloadCount(100, 100, 50)),
             new CaseloadLine("民事", new CaseloadCount(880, 900, 160), new CaseloadCount(900, 880, 150))],
            SituationReportComposer.TrendPeriods(p).Select(x => new HistoryPoint(x, null)).ToList(), subordinates ?? [], Catalog);
    }

    [Fact]
    public void Attention_ListsUnusualAndOutOfRangeIndicators_InCatalogueOrder_WithTheirMoveInWords()
    {
        // 案-件比 (#1) jumps above its 1.6 limit; 审限内结案率 (#8) drops 5 points but stays in range.
        var report = SituationReportComposer.Compose(Source(Readings(("on-time-closure-rate", 0.955, 0.99), ("case-matter-ratio", 1.7, 1.5))));

        Assert.Equal(["case-matter-ratio", "on-time-closure-rate"], report.Attention.Select(a => a.Reading.Indicator.Id));
        var ratio = report.Attention[0];
        Assert.True(ratio.OutOfRange);
        Assert.Equal("案-件比为1:1.70，去年同期为1:1.50，同比上升0.20（趋劣）；高于合理区间上限1:1.60；本期离开合理区间，属异动。", ratio.Sentence);
        Assert.Equal("审限内结案率为95.50%，去年同期为99.00%，同比下降3.50个百分点（趋劣）；变动幅度超过异动阈值，属异动。", report.Attention[1].Sentence);
        Assert.Equal(SituationReportComposer.TrendLength, ratio.Trend.Count);
    }

    [Fact]
    public void Overview_SumsTheCategories_AndStatesThemWithTheirChange()
    {
        var report = SituationReportComposer.Compose(Source(Readings()));

        Assert.Equal(new CaseloadCount(1000, 1000, 200), report.Overview.Total.Current);
        Assert.Equal("2025年，全院新收案件1,000件，同比持平；审结1,000件，同比上升2.0%；期末未结200件，同比持平。", report.Overview.Sentence);
    }

    [Fact]
    public void Subordinates_AreOrderedByCourtCode_NeverByValue()
    {
        var readings = Readings();
        var report = SituationReportComposer.Compose(Source(readings,
        [
            new SubordinateSource("浙0105", "北山县", Readings(("case-matter-ratio", 1.1, 1.1)), []),
            new SubordinateSource("浙0102", "东城区", Readings(("case-matter-ratio", 1.9, 1.9)), []),
            new SubordinateSource("浙0103", "西城区", Readings(("case-matter-ratio", 1.3, 1.3)), []),
        ]));

        Assert.Equal(["浙0102", "浙0103", "浙0105"], report.Subordinates!.Courts.Select(c => c.Code));
        Assert.Equal("下辖法院3个，下表按法院代字排列，不作排名。案-件比处于合理区间的2个，未处于合理区间的1个。", report.Subordinates.Sentence);
        Assert.Equal(SituationReportComposer.SubordinateColumns, report.Subordinates.Columns.Select(c => c.Id));
    }

    [Fact]
    public void TrendPeriods_AreTwelveMonthsForAYear_AndTwelveQuartersForAQuarter()
    {
        Assert.Equal(Enumerable.Range(1, 12).Select(m => Period.Month(2025, m)), SituationReportComposer.TrendPeriods(Period.Year(2025)));
        var quarters = SituationReportComposer.TrendPeriods(Period.Quarter(2025, 4));
        Assert.Equal(Period.Quarter(2023, 1), quarters[0]);
        Assert.Equal(Period.Quarter(2025, 4), quarters[^1]);
    }

    [Fact]
    public void Definitions_AreWrittenFromTheCountingTerms()
    {
        var report = SituationReportComposer.Compose(Source(Readings()));
        var ratio = report.Definitions.Single(d => d.Indicator.Id == "case-matter-ratio");

        Assert.Equal("期内立案的计入统计的案件件数", ratio.Numerator);
        Assert.Equal("期内立案的计入统计的案件中的新收案（“案”）件数", ratio.Denominator);
        Assert.Equal("不高于1:1.60", ratio.Range);
        Assert.Equal(Catalog.Indicators.Count, report.Definitions.Count);
    }

    [Fact]
    public void AnAttentionItem_IsBrokenDownByDivision_InNameOrder_LeavingOutDivisionsWithoutCases()
    {
        // 案-件比 (range up to 1.6): 民二庭 out of range and worse than a year ago; 民一庭 fine; 立案庭 has no 案 of its own.
        static Dictionary<string, IndicatorValue> Ratio(double cases, double matters) =>
            new() { ["case-matter-ratio"] = new IndicatorValue(cases, matters, matters == 0 ? null : cases / matters) };
        var source = Source(Readings(("case-matter-ratio", 1.7, 1.5))) with
        {
            Divisions =
            [
                new DivisionSource(null, Ratio(30, 20), Ratio(30, 20)),
                new DivisionSource("民二庭", Ratio(180, 100), Ratio(150, 100)),
                new DivisionSource("民一庭", Ratio(140, 100), Ratio(150, 100)),
                new DivisionSource("立案庭", Ratio(0, 0), Ratio(0, 0)),
            ],
        };

        var item = SituationReportComposer.Compose(source).Attention.Single();

        Assert.Equal(["民一庭", "民二庭", DivisionReading.Unnamed], item.Divisions.Select(d => d.Division));
        Assert.Equal(["1:1.40", "1:1.80", "1:1.50"], item.Divisions.Select(d => d.Reading.Display));
        Assert.Equal("分承办部门看，涉及3个部门，其中民二庭处于合理区间之外；民二庭同比趋劣。", item.DivisionSentence);
    }

    [Fact]
    public void WithoutDivisionsInTheData_AttentionItemsHaveNoDrillDown()
    {
        var item = SituationReportComposer.Compose(Source(Readings(("case-matter-ratio", 1.7, 1.5)))).Attention.Single();

        Assert.Empty(item.Divisions);
        Assert.Null(item.DivisionSentence);
    }
}
