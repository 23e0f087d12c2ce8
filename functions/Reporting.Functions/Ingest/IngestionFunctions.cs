using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Reporting.Functions.Aggregate;
using Reporting.Pipeline.Ingest;

namespace Reporting.Functions.Ingest;

/// <summary>
/// A court's export lands in court-exports/{court}/{yyyy-MM}/{name}: ingest it, then ask for its court tree's
/// aggregation. The trigger is at-least-once; ingestion is idempotent by content, and an export already ingested
/// asks for aggregation again (a delivery after a crash between ingesting and asking must not lose the change; a
/// recount of unchanged data stores the same values). A rejected export changes nothing and starts nothing.
/// </summary>
public sealed class IngestionFunctions(ExportInbox inbox, ILogger<IngestionFunctions> log)
{
    public const string Name = "IngestCourtExport";

    [Function(Name)]
    public async Task Run(
        [BlobTrigger(IngestStoredExport.ExportZone + "/{court}/{window}/{name}", Source = BlobTriggerSource.EventGrid, Connection = FunctionApp.StorageConnection)]
        BlobClient blob,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var path = $"{IngestStoredExport.ExportZone}/{blob.Name}";
        var (_, report, ticket) = await inbox.IngestAsync(path, new DurableAggregationScheduler(durable), cancellationToken).ConfigureAwait(false);
        log.LogInformation("Ingested {Path}: {Status}, {Accepted} of {Read} rows, {Cases} cases, already ingested {Already}, report {Report}",
            path, report.Status, report.RowsAccepted, report.RowsRead, report.CasesStored, report.AlreadyIngested, report.ReportFile);
        if (ticket is not null)
        {
            log.LogInformation("Aggregation of tree {Tree}: instance {Instance} ({How})", ticket.Tree, ticket.InstanceId, ticket.Started ? "started" : "queued");
        }
    }
}
