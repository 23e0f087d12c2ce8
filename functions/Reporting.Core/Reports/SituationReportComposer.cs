using System.Globalization;
using Reporting.Core.Indicators;
using Reporting.Core.Periods;

namespace Reporting.Core.Reports;

/// <summary>Composes a situation report from stored aggregates: selects, orders and words; computes no indicator itself.</summary>
public static class SituationReportComposer
{
    /// <summary>Groups in the order the SPC lists them.</summary>
    public static IReadOnlyList<string> Groups { get; } = ["质量", "效率", "效果"];

    /// <summary>Columns of the subordinate courts' table: the core ratio and the indicators leadership asks after first.</summary>
    public static IReadOnlyList<string> SubordinateColumns { get; } =
        ["case-matter-ratio", "closure-receipt-ratio", "on-time-closure-rate", "average-closure-days", "first-instance-acceptance-rate", "enforcement-recovery-rate"];

    public const string CaseMatterRatio = "case-matter-ratio";

    /// <summary>How many periods a trend chart shows.</summary>
    public const int TrendLength = 12;

    public static SituationReport Compose(ReportSource source)
    {
        var cover = new ReportCover(source.Court, source.CourtName, source.Period, source.ComparedWith, source.Comparison, source.GeneratedOn);
        var main = source.Readings.Where(r => !r.Indicator.Extra).ToList();
        var groups = Groups
            .Select(g => new IndicatorGroup(g, main.Where(r => r.Indicator.Group == g).OrderBy(r => r.Indicator.Number).ToList()))
            .Concat(main.Where(r => !Groups.Contains(r.Indicator.Group)).GroupBy(r => r.Indicator.Group)
                .Select(g => new IndicatorGroup(g.Key, g.OrderBy(r => r.Indicator.Number).ToList())))
            .Where(g => g.Readings.Count > 0)
            .ToList();
        var attention = main
            .Where(r => r.Unusual || r.InRange == false)
            .OrderBy(r => r.Indicator.Number)
            .Select(r => (Reading: r, Divisions: Divisions(source.Divisions, r.Indicator)))
            .Select(a => new AttentionItem(a.Reading, a.Reading.InRange == false, ReportSentences.Attention(a.Reading, cover.ComparisonWord), Trend(source.History, a.Reading.Indicator.Id))
            {
                Divisions = a.Divisions,
                DivisionSentence = a.Divisions.Count > 0 ? ReportSentences.Divisions(a.Divisions, cover.ComparisonWord) : null,
            })
            .ToList();
        return new SituationReport(
            cover,
            Overview(source, cover),
            new IndicatorOverview(groups, IndicatorSummary.Of(main, source.Comparison)),
            attention,
            Subordinates(source),
            International(source.Readings, source.Period),
            source.Catalog.Indicators.Select(IndicatorDescription.Of).ToList(),
            source.Catalog.Note);
    }

    private static CaseloadOverview Overview(ReportSource source, ReportCover cover)
    {
        var lines = source.Caseload;
        var total = new CaseloadLine("合计", CaseloadCount.Sum(lines.Select(l => l.Current)), CaseloadCount.Sum(lines.Select(l => l.Before)));
        var scope = source.Subordinates.Count > 0 ? "全辖区" : "全院";
        return new CaseloadOverview(lines, total, ReportSentences.Caseload(cover.Period, scope, total, cover.ComparisonWord));
    }

    /// <summary>
    /// The indicator per 承办部门, in name order (never by value), unnamed cases last; only divisions with cases in the
    /// indicator's denominator this period, so a 立案庭 is not listed under an appeal rate.
    /// </summary>
    private static IReadOnlyList<DivisionReading> Divisions(IReadOnlyList<DivisionSource> divisions, IndicatorDefinition indicator) => divisions
        .Where(d => d.Current.TryGetValue(indicator.Id, out var v) && v.Denominator != 0)
        .OrderBy(d => d.Name is null)
        .ThenBy(d => d.Name, StringComparer.Ordinal)
        .Select(d => new DivisionReading(d.Name ?? DivisionReading.Unnamed,
            IndicatorReading.Compare(indicator, d.Current[indicator.Id], d.Earlier.GetValueOrDefault(indicator.Id) ?? new IndicatorValue(0, 0, null))))
        .ToList();

    public static IReadOnlyList<TrendPoint> Trend(IReadOnlyList<HistoryPoint> history, string indicatorId) =>
        history.Select(h => new TrendPoint(h.Period, h.Values is { } values && values.TryGetValue(indicatorId, out var v) ? v : null)).ToList();

    /// <summary>
    /// The twelve periods a trend covers, oldest first: the report period and the eleven months or quarters before it;
    /// for a year or a month range, the twelve months ending with its last month (twelve years would say little).
    /// </summary>
    public static IReadOnlyList<Period> TrendPeriods(Period period)
    {
        var last = period.Kind is PeriodKind.Month or PeriodKind.Quarter ? period : Period.Month(period.LastMonth / 12, period.LastMonth % 12 + 1);
        var periods = new List<Period> { last };
        for (var i = 1; i < TrendLength; i++)
        {
            periods.Add(periods[^1].Preceding());
        }
        periods.Reverse();
        return periods;
    }

    private static SubordinateOverview? Subordinates(ReportSource source)
    {
        if (source.Subordinates.Count == 0)
        {
            return null;
        }
        var columns = SubordinateColumns.Select(id => source.Catalog.TryGet(id, out var d) ? d : null).OfType<IndicatorDefinition>().ToList();
        var courts = source.Subordinates
            .OrderBy(c => c.Code, StringComparer.Ordinal)
            .Select(c => new SubordinateCourt(c.Code, c.Name,
                columns.Select(col => c.Readings.FirstOrDefault(r => r.Indicator.Id == col.Id)).OfType<IndicatorReading>().ToList(),
                Trend(c.History, CaseMatterRatio)))
            .ToList();
        return new SubordinateOverview(columns, courts, ReportSentences.Subordinates(courts, source.Catalog));
    }

    private static InternationalComparison International(IReadOnlyList<IndicatorReading> readings, Period period)
    {
        IndicatorReading? Find(string id) => readings.FirstOrDefault(r => r.Indicator.Id == id);
        var bands = readings
            .Where(r => r.Indicator.Id.StartsWith("pending-age-", StringComparison.Ordinal))
            .OrderBy(r => r.Indicator.Number)
            .Select(r => new PendingAgeBand(BandLabel(r.Indicator.Id), r))
            .ToList();
        var clearance = Find("clearance-rate");
        var disposition = Find("disposition-time");
        var linked = Find("case-matter-ratio-linked");
        return new InternationalComparison(clearance, disposition, bands, linked,
            ReportSentences.International(clearance, disposition, bands, linked, Find(CaseMatterRatio), period));
    }

    /// <summary>"pending-age-91-180" → "91–180天", "pending-age-731-plus" → "730天以上".</summary>
    private static string BandLabel(string id)
    {
        var parts = id["pending-age-".Length..].Split('-');
        return parts is [var from, "plus"]
            ? $"{(int.Parse(from, CultureInfo.InvariantCulture) - 1).ToString(CultureInfo.InvariantCulture)}天以上"
            : parts is [var a, var b] ? $"{a}–{b}天" : id;
    }
}
