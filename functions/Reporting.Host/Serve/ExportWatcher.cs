using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reporting.Ingestion.Reports;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Ingest;
using Reporting.Pipeline.Files;

namespace Reporting.Host.Serve;

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
