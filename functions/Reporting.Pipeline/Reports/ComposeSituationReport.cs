using Reporting.Core.Courts;
using Reporting.Core.Indicators;
using Reporting.Core.Periods;
using Reporting.Core.Reports;
using Reporting.Pipeline.Aggregate;

namespace Reporting.Pipeline.Reports;

/// <summary>Reads what a situation report needs from the aggregate store and composes it.</summary>
public sealed class ComposeSituationReport(IAggregateStore aggregates, CourtRegistry registry, IndicatorCatalog catalog, TimeProvider clock)
{
    /// <returns>null when nothing is stored for the court and period.</returns>
    public async Task<SituationReport?> RunAsync(string court, Period period, Comparison comparison, CancellationToken cancellationToken = default)
    {
        var document = await aggregates.GetAsync(court, period.ToString(), cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return null;
        }
        var comparedWith = comparison == Comparison.YearOnYear ? period.YearEarlier() : period.Preceding();
        var caseload = document.Caseload
            .Select(c => CaseCategories.TryParseId(c.Category, out var category) ? (category, c) : ((CaseCategory, StoredCategory)?)null)
            .OfType<(CaseCategory Category, StoredCategory Stored)>()
            .OrderBy(c => c.Category)
            .Select(c => new CaseloadLine(c.Category.ChineseName(), Count(c.Stored.Current),
                Count(comparison == Comparison.YearOnYear ? c.Stored.YearEarlier : c.Stored.Preceding)))
            .ToList();
        var subordinates = new List<SubordinateSource>();
        if (registry.Contains(court))
        {
            foreach (var child in registry.ChildrenOf(court).OrderBy(c => c.Code, StringComparer.Ordinal))
            {
                if (await aggregates.GetAsync(child.Code, period.ToString(), cancellationToken).ConfigureAwait(false) is { } childDocument)
                {
                    subordinates.Add(new SubordinateSource(child.Code, child.Name, QueryIndicators.Readings(childDocument, catalog, comparison),
                        await HistoryAsync(childDocument, cancellationToken).ConfigureAwait(false)));
                }
            }
        }
        var generatedOn = ChinaTime.DateOf(clock.GetUtcNow());
        var source = new ReportSource(court, registry.TryGet(court, out var known) ? known.Name : court, period, comparedWith, comparison, generatedOn,
            QueryIndicators.Readings(document, catalog, comparison), caseload, await HistoryAsync(document, cancellationToken).ConfigureAwait(false),
            subordinates, catalog)
        {
            Divisions = await DivisionsAsync(document, comparison, cancellationToken).ConfigureAwait(false),
        };
        return SituationReportComposer.Compose(source);
    }

    /// <summary>The trend periods ending with the report's; the report period's own document, already read, is not read again.</summary>
    private async Task<IReadOnlyList<HistoryPoint>> HistoryAsync(AggregateDocument current, CancellationToken cancellationToken)
    {
        var history = new List<HistoryPoint>();
        foreach (var p in SituationReportComposer.TrendPeriods(Period.Parse(current.Period)))
        {
            var document = p.ToString() == current.Period
                ? current
                : await aggregates.GetAsync(current.Court, p.ToString(), cancellationToken).ConfigureAwait(false);
            history.Add(new HistoryPoint(p, document?.Indicators.ToDictionary(i => i.Id, i => i.Current.Value, StringComparer.Ordinal)));
        }
        return history;
    }

    /// <summary>The scope's divisions now and in the compared period (read from that period's own document).</summary>
    private async Task<IReadOnlyList<DivisionSource>> DivisionsAsync(AggregateDocument current, Comparison comparison, CancellationToken cancellationToken)
    {
        if (current.Divisions.Count == 0)
        {
            return [];
        }
        var earlierPeriod = comparison == Comparison.YearOnYear ? current.YearEarlierPeriod : current.PrecedingPeriod;
        var earlier = (await aggregates.GetAsync(current.Court, earlierPeriod, cancellationToken).ConfigureAwait(false))?.Divisions ?? [];
        var earlierByName = earlier.ToDictionary(d => d.Name ?? "", d => Values(d), StringComparer.Ordinal);
        return current.Divisions
            .Select(d => new DivisionSource(d.Name, Values(d), earlierByName.GetValueOrDefault(d.Name ?? "") ?? new Dictionary<string, IndicatorValue>()))
            .ToList();
    }

    private static Dictionary<string, IndicatorValue> Values(StoredDivision division) => division.Indicators
        .ToDictionary(i => i.Id, i => new IndicatorValue(i.Current.Numerator, i.Current.Denominator, i.Current.Value), StringComparer.Ordinal);

    private static CaseloadCount Count(StoredCaseload stored) => new(stored.Filed, stored.Closed, stored.Pending);
}
