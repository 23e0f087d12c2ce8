using Reporting.Core.Courts;
using Reporting.Core.Indicators;
using Reporting.Core.Periods;

namespace Reporting.Pipeline.Aggregate;

/// <summary>Reads stored aggregates for a court (and its subordinate courts, ordered by code, never by value).</summary>
public sealed class QueryIndicators(IAggregateStore aggregates, CourtRegistry registry, IndicatorCatalog catalog)
{
    /// <returns>null when nothing is stored for that court and period.</returns>
    public async Task<CourtIndicatorsRow?> RunAsync(string court, Period period, Comparison comparison, bool children,
        CancellationToken cancellationToken = default)
    {
        var row = await ReadAsync(court, period, comparison, cancellationToken).ConfigureAwait(false);
        if (row is null || !children || !registry.Contains(court))
        {
            return row;
        }
        var rows = new List<CourtIndicatorsRow>();
        foreach (var child in registry.ChildrenOf(court))
        {
            if (await ReadAsync(child.Code, period, comparison, cancellationToken).ConfigureAwait(false) is { } childRow)
            {
                rows.Add(childRow);
            }
        }
        return row with { Children = rows };
    }

    private async Task<CourtIndicatorsRow?> ReadAsync(string court, Period period, Comparison comparison, CancellationToken cancellationToken)
    {
        var document = await aggregates.GetAsync(court, period.ToString(), cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return null;
        }
        var readings = Readings(document, catalog, comparison);
        var summary = IndicatorSummary.Of(readings.Where(r => !r.Indicator.Extra).ToList(), comparison);
        var name = registry.TryGet(court, out var known) ? known.Name : court;
        return new CourtIndicatorsRow(court, name, document.Period,
            comparison == Comparison.YearOnYear ? document.YearEarlierPeriod : document.PrecedingPeriod,
            readings.Select(Row).ToList(),
            new SummaryRow(summary.Total, summary.InRange, summary.Comparable, summary.Improving, summary.Flat, summary.Worsening, summary.Sentence),
            null);
    }

    /// <summary>A stored document's indicators compared with the earlier period it also stores; ids the catalogue no longer has are skipped.</summary>
    public static List<IndicatorReading> Readings(AggregateDocument document, IndicatorCatalog catalog, Comparison comparison)
    {
        var readings = new List<IndicatorReading>();
        foreach (var stored in document.Indicators)
        {
            if (!catalog.TryGet(stored.Id, out var indicator))
            {
                continue;
            }
            var previous = comparison == Comparison.YearOnYear ? stored.YearEarlier : stored.Preceding;
            readings.Add(IndicatorReading.Compare(indicator, Value(stored.Current), Value(previous)));
        }
        return readings;
    }

    private static IndicatorValue Value(StoredValue stored) => new(stored.Numerator, stored.Denominator, stored.Value);

    private static IndicatorRow Row(IndicatorReading r) => new(
        r.Indicator.Id, r.Indicator.Name, r.Indicator.Group, UnitId(r.Indicator.Unit), r.Current.Value, r.Display, r.Current.Numerator,
        r.Current.Denominator, r.Previous?.Value, r.Change, r.Trend == Trend.None ? null : r.Trend.Id(), r.InRange,
        r.Indicator.Range is { } range ? new RangeRow(range.Low, range.High) : null, r.Unusual, r.LowSample);

    public static string UnitId(IndicatorUnit unit) => unit switch
    {
        IndicatorUnit.Percent => "percent",
        IndicatorUnit.Days => "days",
        IndicatorUnit.Ratio => "ratio",
        IndicatorUnit.RatioOneTo => "ratio-1x",
    };
}
