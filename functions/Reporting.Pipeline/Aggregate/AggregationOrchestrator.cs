using Reporting.Core.Periods;

namespace Reporting.Pipeline.Aggregate;

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
