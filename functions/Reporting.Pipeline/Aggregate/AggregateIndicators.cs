using Reporting.Core.Courts;
using Reporting.Core.Indicators;
using Reporting.Core.Periods;
using Reporting.Storage.Aggregates;
using Reporting.Storage.Curated;
using Reporting.Storage.Files;

namespace Reporting.Pipeline.Aggregate;

/// <summary>What one aggregation computed.</summary>
public sealed record AggregationResult(string RunId, int Cases, IReadOnlyList<string> Courts, IReadOnlyList<Period> Periods, int Documents);

/// <summary>
/// Aggregates the 18 indicators (and the extras) for every court's scope and every requested period, with their
/// 同比 and 环比 comparisons, into the aggregate store. Deterministic: the same curated cases give the same documents,
/// so a rerun after a failure converges.
/// </summary>
public sealed class AggregateIndicators(IFileStore files, IAggregateStore aggregates, CourtRegistry registry, IndicatorCatalog catalog, TimeProvider clock)
{
    public async Task<AggregationResult> RunAsync(IReadOnlyList<Period>? periods = null, IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var started = clock.GetUtcNow();
        var runId = $"{started:yyyyMMddTHHmmssfffZ}-{Guid.NewGuid():N}"[..40];
        await aggregates.RecordRunAsync(new AggregationRunRecord(runId, started, null, "running", 0, [], null), cancellationToken).ConfigureAwait(false);
        try
        {
            var table = await LoadCasesAsync(progress, cancellationToken).ConfigureAwait(false);
            var sheet = new IndicatorEngine(catalog).Compute(table, registry);
            var plan = periods is { Count: > 0 } ? periods : CoveredPeriods(sheet);
            var courts = registry.Courts.Select(c => c.Code).Union(sheet.Courts.Where(c => table.Courts.Contains(c)), StringComparer.Ordinal).ToList();
            var documents = new List<AggregateDocument>(courts.Count * plan.Count);
            foreach (var court in courts)
            {
                foreach (var period in plan)
                {
                    documents.Add(Document(sheet, court, period, runId, started));
                }
            }
            await aggregates.UpsertAsync(documents, cancellationToken).ConfigureAwait(false);
            await aggregates.RecordRunAsync(new AggregationRunRecord(runId, started, clock.GetUtcNow(), "completed", courts.Count,
                plan.Select(p => p.ToString()).ToList(), null), cancellationToken).ConfigureAwait(false);
            return new AggregationResult(runId, table.Count, courts, plan, documents.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await aggregates.RecordRunAsync(new AggregationRunRecord(runId, started, clock.GetUtcNow(), "failed", 0, [], e.Message), CancellationToken.None)
                .ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Every court with curated cases (registered or not), each court's latest window winning per 案号.</summary>
    private async Task<CaseTable> LoadCasesAsync(IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var courts = new SortedSet<string>(registry.Courts.Select(c => c.Code), StringComparer.Ordinal);
        await foreach (var file in files.ListAsync(CuratedZone.Zone + "/", cancellationToken).ConfigureAwait(false))
        {
            var parts = file.Path.Split('/');
            if (parts.Length == 3 && parts[2] == "manifest.json")
            {
                courts.Add(parts[1]);
            }
        }
        var zone = new CuratedZone(files);
        var table = new CaseTable();
        foreach (var court in courts)
        {
            await foreach (var record in zone.ReadCasesAsync(court, cancellationToken).ConfigureAwait(false))
            {
                table.Add(record);
                if ((table.Count & 0xFFFF) == 0)
                {
                    progress?.Report(table.Count);
                }
            }
        }
        table.Link();
        progress?.Report(table.Count);
        return table;
    }

    /// <summary>Without a request: every month, quarter and year from the first month with data to the last.</summary>
    public static IReadOnlyList<Period> CoveredPeriods(IndicatorSheet sheet)
    {
        if (sheet.Coverage is not { } coverage)
        {
            return [];
        }
        var periods = new List<Period>();
        for (var m = coverage.First.FirstMonth; m <= coverage.Last.FirstMonth; m++)
        {
            periods.Add(Period.Month(m / 12, m % 12 + 1));
        }
        for (var q = coverage.First.FirstMonth / 3; q <= coverage.Last.FirstMonth / 3; q++)
        {
            periods.Add(Period.Quarter(q / 4, q % 4 + 1));
        }
        for (var y = coverage.First.FirstMonth / 12; y <= coverage.Last.FirstMonth / 12; y++)
        {
            periods.Add(Period.Year(y));
        }
        return periods;
    }

    private AggregateDocument Document(IndicatorSheet sheet, string court, Period period, string runId, DateTimeOffset computedAt)
    {
        var yoy = sheet.Read(court, period, Comparison.YearOnYear);
        var mom = sheet.Read(court, period, Comparison.PeriodOnPeriod);
        var indicators = yoy.Readings.Zip(mom.Readings, (y, m) => new StoredIndicator(
            y.Indicator.Id, Stored(y.Current), y.LowSample, y.InRange,
            Stored(y.Previous!), y.Trend.Id(), y.Unusual,
            Stored(m.Previous!), m.Trend.Id(), m.Unusual)).ToList();
        return new AggregateDocument(court, period.ToString(), yoy.ComparedWith.ToString(), mom.ComparedWith.ToString(), catalog.Version,
            computedAt, runId, indicators);
    }

    private static StoredValue Stored(IndicatorValue value) => new(value.Numerator, value.Denominator, value.Value);
}
