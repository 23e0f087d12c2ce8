namespace Reporting.Pipeline.Aggregate;

/// <summary>
/// The aggregation queue's scheduler inside one process (the CLI and the local host): scheduled instances wait here
/// until <see cref="RunScheduledAsync"/> runs them, a run that hands on continues as new under its own id, as under
/// Durable Functions. State is in memory: after a restart every recorded instance reads as missing, and the next
/// request for its tree schedules it again.
/// </summary>
public sealed class InProcessAggregations(AggregationActivities activities, TimeProvider clock) : IAggregationScheduler
{
    private readonly Lock _lock = new();
    private readonly Queue<(string Id, AggregationRequest Request)> _scheduled = new();
    private readonly Dictionary<string, AggregationInstanceState> _states = new(StringComparer.Ordinal);

    public Task<AggregationInstanceState> StateAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_states.GetValueOrDefault(instanceId, AggregationInstanceState.Missing));
        }
    }

    public Task ScheduleAsync(string instanceId, AggregationRequest request, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_states.GetValueOrDefault(instanceId) != AggregationInstanceState.Active)
            {
                _states[instanceId] = AggregationInstanceState.Active;
                _scheduled.Enqueue((instanceId, request));
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>Runs every scheduled instance, and its continuations, until none is left; returns each execution's step.</summary>
    public async Task<IReadOnlyList<AggregationStep>> RunScheduledAsync(CancellationToken cancellationToken = default)
    {
        var steps = new List<AggregationStep>();
        while (true)
        {
            (string Id, AggregationRequest Request) next;
            lock (_lock)
            {
                if (!_scheduled.TryDequeue(out next))
                {
                    return steps;
                }
            }
            try
            {
                for (AggregationRequest? request = next.Request; request is not null;)
                {
                    var context = new LocalOrchestration(next.Id, clock, LocalOrchestration.AggregationActivities(activities), cancellationToken);
                    var step = await AggregationOrchestrator.RunQueuedAsync(context, request).ConfigureAwait(false);
                    steps.Add(step);
                    request = step.Next;
                }
            }
            finally
            {
                lock (_lock)
                {
                    _states[next.Id] = AggregationInstanceState.Ended;
                }
            }
        }
    }
}
