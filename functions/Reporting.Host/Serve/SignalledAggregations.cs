using Reporting.Pipeline.Aggregate;

namespace Reporting.Host.Serve;

/// <summary>
/// The API's aggregation scheduler in serve: the in-process runner, waking the worker as soon as an instance is
/// scheduled instead of at its next tick.
/// </summary>
public sealed class SignalledAggregations(InProcessAggregations aggregations, PipelineSignal signal) : IAggregationScheduler
{
    public Task<AggregationInstanceState> StateAsync(string instanceId, CancellationToken cancellationToken = default) =>
        aggregations.StateAsync(instanceId, cancellationToken);

    public async Task ScheduleAsync(string instanceId, AggregationRequest request, CancellationToken cancellationToken = default)
    {
        await aggregations.ScheduleAsync(instanceId, request, cancellationToken).ConfigureAwait(false);
        signal.Notify();
    }
}
