using Reporting.Ingestion.Reports;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Files;

namespace Reporting.Pipeline.Ingest;

/// <summary>What became of an export that arrived: its ingestion report, and the aggregation asked for (none when rejected).</summary>
public sealed record ReceivedExport(string Path, IngestionReport Report, AggregationTicket? Aggregation);

/// <summary>
/// Where exports arrive in every host: a file in court-exports/{court}/{yyyy-MM}/{name} (put there by an upload, a
/// court's own copy, or Blob Storage) is ingested and its court tree's aggregation is asked for. An export ingested
/// before asks again, so a crash between ingesting and asking cannot lose the change (a recount stores the same values).
/// </summary>
public sealed class ExportInbox(IngestStoredExport ingest, AggregationQueue queue)
{
    /// <summary>The raw-zone path of an upload, or the problems with its parts (keyed court, window, file).</summary>
    public static string? PathOf(string court, string window, string fileName, out Dictionary<string, string[]> errors)
    {
        errors = [];
        if (!Core.Courts.CourtCode.IsWellFormed(court))
        {
            errors["court"] = [$"法院代字“{court}”无效 / '{court}' is not a court code"];
        }
        if (!ExportPath.IsWindow(window))
        {
            errors["window"] = [$"导出窗口“{window}”应为 yyyy-MM 格式 / the export window '{window}' must be yyyy-MM"];
        }
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        if (!StorePath.IsSegment(name) || name.StartsWith('.'))
        {
            errors["file"] = [$"文件名“{fileName}”不可用 / the file name '{fileName}' cannot be stored"];
        }
        return errors.Count > 0 ? null : StorePath.Join(IngestStoredExport.ExportZone, court, window, name);
    }

    public async Task<ReceivedExport> IngestAsync(string path, IAggregationScheduler scheduler, CancellationToken cancellationToken = default)
    {
        var report = await ingest.RunAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
        var ticket = report.Status == IngestionStatus.Rejected
            ? null
            : await queue.RequestAsync(report.Court, scheduler, cancellationToken).ConfigureAwait(false);
        return new ReceivedExport(path, report, ticket);
    }
}
