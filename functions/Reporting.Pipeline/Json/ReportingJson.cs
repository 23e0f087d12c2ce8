using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Reporting.Core.Indicators;
using Reporting.Ingestion.Reports;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Api;
using Reporting.Pipeline.Curated;
using Reporting.Pipeline.Delivery;
using Reporting.Pipeline.Ingest;

namespace Reporting.Pipeline.Json;

/// <summary>
/// The one JSON contract of stored and wire documents: web names (camelCase), Chinese written as is, and the
/// source-generated metadata of <see cref="ReportingJsonContext"/> for every type listed there (reflection for any
/// other, a host's own answer types). <see cref="Compact"/> for what machines read (aggregates, ledger, queue,
/// flows, the API), <see cref="Indented"/> for the files and output people read (ingestion reports, manifests, the CLI).
/// </summary>
public static class ReportingJson
{
    public static JsonSerializerOptions Compact { get; } = Make(indented: false);

    public static JsonSerializerOptions Indented { get; } = Make(indented: true);

    private static JsonSerializerOptions Make(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = JsonTypeInfoResolver.Combine(ReportingJsonContext.Default, new DefaultJsonTypeInfoResolver()),
        };
        options.MakeReadOnly();
        return options;
    }
}

/// <summary>The stored and wire types, their serialization generated at build time.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AggregateDocument))]
[JsonSerializable(typeof(AggregationRunRecord))]
[JsonSerializable(typeof(IReadOnlyList<AggregationRunRecord>))]
[JsonSerializable(typeof(LedgerEntry))]
[JsonSerializable(typeof(CuratedManifest))]
[JsonSerializable(typeof(FlowSnapshot))]
[JsonSerializable(typeof(AggregationQueue.TreeQueue))]
[JsonSerializable(typeof(IngestionReport))]
[JsonSerializable(typeof(List<IngestionReport>))]
[JsonSerializable(typeof(IReadOnlyList<IngestionReport>))]
[JsonSerializable(typeof(Subscription))]
[JsonSerializable(typeof(List<Subscription>))]
[JsonSerializable(typeof(SubscriptionRequest))]
[JsonSerializable(typeof(DeliveryRecord))]
[JsonSerializable(typeof(List<DeliveryRecord>))]
[JsonSerializable(typeof(ResendRequest))]
[JsonSerializable(typeof(CourtIndicatorsRow))]
[JsonSerializable(typeof(IndicatorSeries))]
[JsonSerializable(typeof(StoredPeriods))]
[JsonSerializable(typeof(List<CourtNode>))]
[JsonSerializable(typeof(List<ReportEntry>))]
[JsonSerializable(typeof(CallerInfo))]
[JsonSerializable(typeof(TreeAggregationState))]
[JsonSerializable(typeof(AggregationTicket))]
[JsonSerializable(typeof(ReceivedExport))]
[JsonSerializable(typeof(Problem))]
[JsonSerializable(typeof(PlanInput))]
[JsonSerializable(typeof(AggregationPlan))]
[JsonSerializable(typeof(CountResult))]
[JsonSerializable(typeof(PersistCourtInput))]
[JsonSerializable(typeof(RunRecordInput))]
[JsonSerializable(typeof(FinishInput))]
[JsonSerializable(typeof(AggregationRequest))]
internal sealed partial class ReportingJsonContext : JsonSerializerContext;
