using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Delivery;
using Reporting.Pipeline.Reports;

namespace Reporting.Host.Serve;

/// <summary>
/// The local host's clockwork: runs the aggregations the queue scheduled (at once when signalled), and every tick
/// renders the reports the schedule says are due (China Standard Time) and delivers them. At start it resumes
/// aggregations a previous process left queued and marks deliveries it left half-way as unconfirmed.
/// </summary>
public sealed class PipelineWorker(InProcessAggregations aggregations, AggregationQueue queue, RenderDueReports reports, ConfiguredDelivery delivery,
    PipelineSignal signal, ServeSettings settings, TimeProvider clock, ILogger<PipelineWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tick = settings.Tick;
        var startedAt = clock.GetUtcNow();
        await Guard("resume", async () =>
        {
            foreach (var ticket in await queue.ResumeAsync(aggregations, stoppingToken).ConfigureAwait(false))
            {
                log.LogInformation("Resumed aggregation {Instance} of tree {Tree} ({How})", ticket.InstanceId, ticket.Tree, ticket.Started ? "rescheduled" : "active");
            }
            if (delivery.Deliver is { } deliver)
            {
                foreach (var entry in await deliver.ReconcileAsync(startedAt, stoppingToken).ConfigureAwait(false))
                {
                    log.LogWarning("Delivery of {Court} {Period} to {Recipient} unconfirmed: the previous process stopped while sending", entry.Court, entry.Period, entry.Recipient);
                }
            }
        }).ConfigureAwait(false);
        var nextTick = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            await Guard("aggregation", async () =>
            {
                foreach (var step in await aggregations.RunScheduledAsync(stoppingToken).ConfigureAwait(false))
                {
                    if (step.Result is { } result)
                    {
                        log.LogInformation("Aggregation run {RunId}: {Cases} cases, {Courts} courts, {Periods} periods, {Documents} documents{Next}",
                            result.RunId, result.Cases, result.Courts.Count, result.Periods.Count, result.Documents, step.Next is null ? "" : "; continuing with newer uploads");
                    }
                }
            }).ConfigureAwait(false);
            if (clock.GetUtcNow() >= nextTick)
            {
                nextTick = clock.GetUtcNow() + tick;
                await Guard("reports", () => RenderAndDeliverAsync(stoppingToken)).ConfigureAwait(false);
            }
            await signal.WaitAsync(tick, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task RenderAndDeliverAsync(CancellationToken cancellationToken)
    {
        var rendering = await reports.RunAsync(aggregations, cancellationToken).ConfigureAwait(false);
        foreach (var report in rendering.Rendered)
        {
            log.LogInformation("Rendered report {Path} ({Bytes} bytes)", report.Path, report.Bytes);
        }
        foreach (var waiting in rendering.Recounting)
        {
            log.LogInformation("Report due while its court tree is being recounted; rendered at a later tick: {CourtAndPeriod}", waiting);
        }
        if (delivery.Deliver is not { } deliver)
        {
            return;
        }
        (await deliver.RunAsync(cancellationToken).ConfigureAwait(false)).Log(log);
    }

    private async Task Guard(string what, Func<Task> work)
    {
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Local host {Work} failed; trying again at the next tick", what);
        }
    }
}
