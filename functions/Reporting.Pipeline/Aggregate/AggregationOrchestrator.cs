using Reporting.Core.Periods;

namespace Reporting.Pipeline.Aggregate;

/// <summary>
/// What to aggregate: periods as text (2025-12, 2025-Q4, 2025, 2025-01..2025-11), none meaning every period the data
/// covers; and the courts whose data changed, none meaning all. A change recounts the whole court tree it belongs to
/// (<see cref="Reporting.Core.Courts.CourtRegistry.TreeOf"/>): a province under its high court, or everything when the
/// registry has a national court above the high courts. <paramref name="Tree"/> and <paramref name="Generation"/>: the
/// run was started by the tree's <see cref="AggregationQueue"/> for that generation of changes, and hands the queue on
/// when it ends (a run continued as new keeps its instance id, so the generation names its run record).
/// </summary>
public sealed record AggregationRequest(IReadOnlyList<string> Periods, IReadOnlyList<string>? ChangedCourts = null, string? Tree = null, long Generation = 0);

/// <summary>What a queued run ended with: its result (null when it failed) and, when more changes arrived meanwhile, the request to continue with.</summary>
public sealed record AggregationStep(AggregationResult? Result, AggregationRequest? Next);

public sealed record FinishInput(string Tree, string InstanceId);

public sealed record PlanInput(string RunId, IReadOnlyList<string> Periods, IReadOnlyList<string>? ChangedCourts = null);

public sealed record AggregationPlan(string RunId, IReadOnlyList<string> Courts, IReadOnlyList<string> Periods);

/// <summary>Counting's result: where the counts were stored, how many cases, and the months the data covers.</summary>
public sealed record CountResult(string FlowsPath, long Cases, int? FirstMonth, int? LastMonth);

public sealed record PersistCourtInput(string RunId, string Court, string FlowsPath, IReadOnlyList<string> Periods, DateTime ComputedAt);

public sealed record RunRecordInput(string RunId, DateTime Started, DateTime? Finished, string Status, int Courts, IReadOnlyList<string> Periods, string? Error);

/// <summary>
/// AggregateIndicators as orchestrator logic: plan (the court trees and periods affected) → count the trees (links cross courts, so the case table is
/// built once) → fan out per court (roll its scope up, compare 同比/环比, upsert its documents) → record the run.
/// Activities are idempotent and keyed by court and period, so rerunning after any failure converges.
/// </summary>
public static class AggregationOrchestrator
{
    public const string Plan = "AggregationPlan";
    public const string Count = "AggregationCount";
    public const string PersistCourt = "AggregationPersistCourt";
    public const string RecordRun = "AggregationRecordRun";
    public const string Finish = "AggregationFinish";

    public static readonly AggregationActivity<PlanInput, AggregationPlan> PlanStep = new(Plan, (a, input, ct) => a.PlanAsync(input, ct));
    public static readonly AggregationActivity<AggregationPlan, CountResult> CountStep = new(Count, (a, plan, ct) => a.CountAsync(plan, ct));
    public static readonly AggregationActivity<PersistCourtInput, int> PersistCourtStep = new(PersistCourt, (a, input, ct) => a.PersistCourtAsync(input, ct));
    public static readonly AggregationActivity<RunRecordInput, bool> RecordRunStep = new(RecordRun, (a, input, ct) => a.RecordRunAsync(input, ct));
    public static readonly AggregationActivity<FinishInput, AggregationRequest?> FinishStep = new(Finish, (a, input, ct) => a.FinishAsync(input, ct));

    /// <summary>Every activity the orchestrator calls: the table the function app's activity functions and the local runner follow.</summary>
    public static IReadOnlyList<IAggregationActivity> Activities { get; } = [PlanStep, CountStep, PersistCourtStep, RecordRunStep, FinishStep];

    /// <summary>
    /// A run the tree's queue started: aggregate, then hand the queue on. When uploads arrived during the run, the
    /// step carries the request to continue as new with (a failed run too: the new data may be what fixes it);
    /// otherwise a failure is thrown after the queue is released, so the next upload starts afresh.
    /// </summary>
    public static async Task<AggregationStep> RunQueuedAsync(IOrchestrationContext context, AggregationRequest request)
    {
        if (request.Tree is not { } tree)
        {
            return new AggregationStep(await RunAsync(context, request), null);
        }
        AggregationResult? result = null;
        Exception? failure = null;
        try
        {
            result = await RunAsync(context, request, request.Generation > 0 ? AggregationQueue.InstanceId(tree, request.Generation) : null);
        }
        catch (Exception e)
        {
            failure = e;
        }
        var next = await FinishStep.CallAsync(context, new FinishInput(tree, context.InstanceId));
        if (failure is not null && next is null)
        {
            throw new AggregationFailedException($"汇总失败 / aggregation of tree {tree} failed: {failure.Message}", failure);
        }
        return new AggregationStep(result, next);
    }

    /// <param name="runId">The run record's id; the instance id unless given.</param>
    public static async Task<AggregationResult> RunAsync(IOrchestrationContext context, AggregationRequest request, string? runId = null)
    {
        var started = context.CurrentUtcDateTime;
        var plan = await PlanStep.CallAsync(context, new PlanInput(runId ?? context.InstanceId, request.Periods, request.ChangedCourts));
        await RecordRunStep.CallAsync(context, new RunRecordInput(plan.RunId, started, null, "running", plan.Courts.Count, plan.Periods, null));
        try
        {
            var counted = await CountStep.CallAsync(context, plan);
            var periods = plan.Periods.Count > 0 ? plan.Periods : Covered(counted);
            var persisted = await Task.WhenAll(plan.Courts.Select(court =>
                PersistCourtStep.CallAsync(context, new PersistCourtInput(plan.RunId, court, counted.FlowsPath, periods, started))));
            await RecordRunStep.CallAsync(context,
                new RunRecordInput(plan.RunId, started, context.CurrentUtcDateTime, "completed", plan.Courts.Count, periods, null));
            return new AggregationResult(plan.RunId, counted.Cases, plan.Courts, periods.Select(Period.Parse).ToList(), persisted.Sum());
        }
        catch (Exception e)
        {
            await RecordRunStep.CallAsync(context,
                new RunRecordInput(plan.RunId, started, context.CurrentUtcDateTime, "failed", plan.Courts.Count, plan.Periods, e.Message));
            throw;
        }
    }

    /// <summary>Every month, quarter and year from the first month with data to the last.</summary>
    public static IReadOnlyList<string> Covered(CountResult counted)
    {
        if (counted.FirstMonth is not { } first || counted.LastMonth is not { } last)
        {
            return [];
        }
        var periods = new List<string>();
        for (var m = first; m <= last; m++)
        {
            periods.Add(Period.Month(m / 12, m % 12 + 1).ToString());
        }
        for (var q = first / 3; q <= last / 3; q++)
        {
            periods.Add(Period.Quarter(q / 4, q % 4 + 1).ToString());
        }
        for (var y = first / 12; y <= last / 12; y++)
        {
            periods.Add(Period.Year(y).ToString());
        }
        return periods;
    }
}

/// <summary>A queued run failed and nothing newer was waiting; the tree's queue is already released.</summary>
public sealed class AggregationFailedException(string message, Exception inner) : Exception(message, inner);
