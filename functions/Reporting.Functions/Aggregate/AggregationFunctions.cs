using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Reporting.Pipeline.Aggregate;

namespace Reporting.Functions.Aggregate;

/// <summary>What an aggregation orchestration returns: plain values, so Durable stores and reads it back as is.</summary>
public sealed record AggregationOutcome(string RunId, long Cases, int Courts, IReadOnlyList<string> Periods, int Documents);

/// <summary>
/// The aggregation under Durable Functions: the orchestrator runs <see cref="AggregationOrchestrator"/> (no I/O, clock
/// from the context), and each activity is one method of <see cref="AggregationActivities"/>.
/// </summary>
public sealed class AggregationFunctions(AggregationActivities activities)
{
    public const string Orchestrator = "AggregateIndicators";

    [Function(Orchestrator)]
    public static async Task<AggregationOutcome> RunOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.GetInput<AggregationRequest>() ?? new AggregationRequest([]);
        var result = await AggregationOrchestrator.RunAsync(new DurableOrchestration(context), request);
        return new AggregationOutcome(result.RunId, result.Cases, result.Courts.Count, result.Periods.Select(p => p.ToString()).ToList(), result.Documents);
    }

    [Function(AggregationOrchestrator.Plan)]
    public Task<AggregationPlan> Plan([ActivityTrigger] PlanInput input, CancellationToken cancellationToken) =>
        activities.PlanAsync(input, cancellationToken);

    [Function(AggregationOrchestrator.Count)]
    public Task<CountResult> Count([ActivityTrigger] AggregationPlan plan, CancellationToken cancellationToken) =>
        activities.CountAsync(plan, cancellationToken);

    [Function(AggregationOrchestrator.PersistCourt)]
    public Task<int> PersistCourt([ActivityTrigger] PersistCourtInput input, CancellationToken cancellationToken) =>
        activities.PersistCourtAsync(input, cancellationToken);

    [Function(AggregationOrchestrator.RecordRun)]
    public Task<bool> RecordRun([ActivityTrigger] RunRecordInput input, CancellationToken cancellationToken) =>
        activities.RecordRunAsync(input, cancellationToken);
}
