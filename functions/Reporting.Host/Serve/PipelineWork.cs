using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reporting.Ingestion.Reports;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Delivery;
using Reporting.Pipeline.Ingest;
using Reporting.Pipeline.Reports;
using Reporting.Pipeline.Files;

namespace Reporting.Host.Serve;

/// <summary>Exports already handed to the inbox in this process, by path and stored version (an upload marks its own).</summary>
public sealed class SeenExports
{
    private readonly ConcurrentDictionary<string, string> _seen = new(StringComparer.Ordinal);

    public bool IsSeen(StoredFile file) => _seen.TryGetValue(file.Path, out var version) && version == file.Version;

    public void Mark(string path, string version) => _seen[path] = version;
}

/// <summary>Wakes the pipeline worker when an export asked for aggregation, instead of waiting for the next tick.</summary>
public sealed class PipelineSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up covers every request so far.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}

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

/// <summary>
/// Watches court-exports/ (the local folder's or Azurite's) and hands each new or changed file to the inbox. A file
/// is taken once it has the same version at two looks in a row, so a copy still being written is not read half-way.
/// After a restart every file is handed over again: ingestion knows each by its content and changes nothing, and the
/// recount it asks for stores the same values.
/// </summary>
public sealed class ExportWatcher(IFileStore files, ExportInbox inbox, InProcessAggregations aggregations, SeenExports seen, PipelineSignal signal,
    ServeSettings settings, ILogger<ExportWatcher> log) : BackgroundService
{
    private readonly Dictionary<string, string> _sighted = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = settings.Poll;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await LookAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Watching {Zone} failed; trying again in {Seconds} s", IngestStoredExport.ExportZone, interval.TotalSeconds);
            }
            await Task.Delay(interval, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task LookAsync(CancellationToken cancellationToken)
    {
        await foreach (var file in files.ListAsync(IngestStoredExport.ExportZone + "/", cancellationToken).ConfigureAwait(false))
        {
            if (seen.IsSeen(file) || file.Path.Split('/') is not [_, _, _, var name] || name.StartsWith('.') || name.StartsWith("~$", StringComparison.Ordinal))
            {
                continue; // not an export's place, or a hidden or office lock file beside one
            }
            if (!_sighted.TryGetValue(file.Path, out var version) || version != file.Version)
            {
                _sighted[file.Path] = file.Version;
                continue;
            }
            _sighted.Remove(file.Path);
            seen.Mark(file.Path, file.Version);
            try
            {
                var received = await inbox.IngestAsync(file.Path, aggregations, cancellationToken).ConfigureAwait(false);
                Log(log, received);
                if (received.Aggregation is not null)
                {
                    signal.Notify();
                }
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException)
            {
                log.LogWarning("Export {Path} skipped: {Reason}", file.Path, e.Message);
            }
        }
    }

    public static void Log(ILogger log, ReceivedExport received)
    {
        var report = received.Report;
        log.LogInformation("Ingested {Path} as {IngestionId}: {Status}, {Accepted} of {Read} rows, {Rejected} rejected, already ingested {Already}; aggregation {Instance}",
            received.Path, report.IngestionId, report.Status, report.RowsAccepted, report.RowsRead, report.RowsRejected, report.AlreadyIngested,
            received.Aggregation?.InstanceId ?? "none");
        if (report.Status == IngestionStatus.Rejected)
        {
            log.LogWarning("Export {Path} rejected: {Reason}", received.Path, report.Reason);
        }
    }
}

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
