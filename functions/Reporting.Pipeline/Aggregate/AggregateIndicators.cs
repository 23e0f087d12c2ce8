using Reporting.Core.Courts;
using Reporting.Core.Indicators;
using Reporting.Core.Periods;
using Reporting.Pipeline.Curated;
using Reporting.Pipeline.Files;

namespace Reporting.Pipeline.Aggregate;

/// <summary>What one aggregation computed.</summary>
public sealed record AggregationResult(string RunId, long Cases, IReadOnlyList<string> Courts, IReadOnlyList<Period> Periods, int Documents);

/// <summary>
/// Aggregates the indicators for every court's scope and every requested period into the aggregate store, by running
/// <see cref="AggregationOrchestrator"/> in-process: the same logic the function app runs under Durable Functions.
/// </summary>
public sealed class AggregateIndicators(IFileStore files, CuratedZone curated, IAggregateStore aggregates, CourtRegistry registry, IndicatorCatalog catalog, TimeProvider clock)
{
    /// <param name="changedCourts">Courts whose data changed: only their court trees are recounted. None: every court.</param>
    public async Task<AggregationResult> RunAsync(IReadOnlyList<Period>? periods = null, IProgress<long>? progress = null,
        IReadOnlyList<string>? changedCourts = null, CancellationToken cancellationToken = default)
    {
        var runId = $"aggregate-{clock.GetUtcNow():yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}"[..40];
        var activities = new AggregationActivities(files, curated, aggregates, registry, catalog) { Progress = progress };
        var context = new LocalOrchestration(runId, clock, LocalOrchestration.AggregationActivities(activities), cancellationToken);
        return await AggregationOrchestrator.RunAsync(context, new AggregationRequest((periods ?? []).Select(p => p.ToString()).ToList(), changedCourts))
            .ConfigureAwait(false);
    }
}
