using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Reporting.Pipeline.Aggregate;

namespace Reporting.Functions.Aggregate;

/// <summary>The aggregation queue's scheduler over Durable's client: instances of <see cref="AggregationFunctions.Orchestrator"/>.</summary>
public sealed class DurableAggregationScheduler(DurableTaskClient client) : IAggregationScheduler
{
    public async Task<AggregationInstanceState> StateAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var instance = await client.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return instance?.RuntimeStatus switch
        {
            null => AggregationInstanceState.Missing,
            OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated => AggregationInstanceState.Ended,
            _ => AggregationInstanceState.Active,
        };
    }

    public async Task ScheduleAsync(string instanceId, AggregationRequest request, CancellationToken cancellationToken = default)
    {
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(AggregationFunctions.Orchestrator, request, new StartOrchestrationOptions(instanceId), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Another starter may have scheduled the same id first (two repairs of one tree): then that instance does the work.
            if (await StateAsync(instanceId, cancellationToken).ConfigureAwait(false) != AggregationInstanceState.Active)
            {
                throw;
            }
        }
    }
}
