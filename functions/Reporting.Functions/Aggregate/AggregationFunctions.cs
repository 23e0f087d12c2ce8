using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Reporting.Pipeline.Aggregate;

namespace Reporting.Functions.Aggregate;

/// <summary>What an aggregation orchestration returns: plain values, so Durable stores and reads it back as is.</summary>
/// <param name="ContinuedAsNew">Uploads arrived during the run: the instance goes on with a fresh run under the same id.</param>
public sealed record AggregationOutcome(string? RunId, long Cases, int Courts, IReadOnlyList<string> Periods, int Documents, bool ContinuedAsNew);

/// <summary>
/// The aggregation under Durable Functions: the orchestrator runs <see cref="AggregationOrchestrator"/> (no I/O, clock
/// from the context), and each activity function runs its entry of <see cref="AggregationOrchestrator.Activities"/>. A run the tree's queue
/// started ends by handing the queue on, continuing as new when uploads arrived meanwhile.
/// </summary>
public sealed class AggregationFunctions(AggregationActivities activities)
{
    public const string Orchestrator = "AggregateIndicators";

    [Function(Orchestrator)]
    public static async Task<AggregationOutcome> RunOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.GetInput<AggregationRequest>() ?? new AggregationRequest([]);
        var step = await AggregationOrchestrator.RunQueuedAsync(new DurableOrchestration(context), request);
        if (step.Next is { } next)
        {
            context.ContinueAsNew(next);
        }
        var result = step.Result;
        return new AggregationOutcome(result?.RunId, result?.Cases ?? 0, result?.Courts.Count ?? 0, result?.Periods.Select(p => p.ToString()).ToList() ?? [],
            result?.Documents ?? 0, step.Next is not null);
    }

    [Function(AggregationOrchestrator.Plan)]
    public Task<AggregationPlan> Plan([ActivityTrigger] PlanInput input, CancellationToken cancellationToken) =>
        AggregationOrchestrator.PlanStep.Run(activities, input, cancellationToken);

    [Function(AggregationOrchestrator.Count)]
    public Task<CountResult> Count([ActivityTrigger] AggregationPlan plan, CancellationToken cancellationToken) =>
        AggregationOrchestrator.CountStep.Run(activities, plan, cancellationToken);

    [Function(AggregationOrchestrator.PersistCourt)]
    public Task<int> PersistCourt([ActivityTrigger] PersistCourtInput input, CancellationToken cancellationToken) =>
        AggregationOrchestrator.PersistCourtStep.Run(activities, input, cancellationToken);

    [Function(AggregationOrchestrator.RecordRun)]
    public Task<bool> RecordRun([ActivityTrigger] RunRecordInput input, CancellationToken cancellationToken) =>
        AggregationOrchestrator.RecordRunStep.Run(activities, input, cancellationToken);

    [Function(AggregationOrchestrator.Finish)]
    public Task<AggregationRequest?> Finish([ActivityTrigger] FinishInput input, CancellationToken cancellationToken) =>
        AggregationOrchestrator.FinishStep.Run(activities, input, cancellationToken);
}
