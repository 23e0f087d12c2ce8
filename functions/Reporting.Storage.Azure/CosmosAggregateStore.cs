using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Ingest;
using Reporting.Pipeline.Json;

namespace Reporting.Storage.Azure;

/// <summary>
/// Aggregates in Azure Cosmos DB (see docs/data-model.md). Container <c>aggregates</c> is partitioned by court:
/// a document is read by a point read (id = court:period), and "every period of a court" is a single-partition
/// query. Container <c>runs</c> keeps run records in one small partition. Documents go through the stream API as
/// System.Text.Json, so what is stored is exactly what the SQLite store stores.
/// </summary>
public sealed class CosmosAggregateStore
{
    public const string AggregatesContainer = "aggregates";
    public const string RunsContainer = "runs";
    public const string LedgerContainer = "ledger";
    private const string RunsPartition = "runs";

    /// <summary>
    /// The aggregates' version: one document beside the run records (its own partition, so run queries never see it),
    /// rewritten after every run record, so the version is a point read instead of a scan of every run.
    /// </summary>
    private const string VersionPartition = "version";
    private const string VersionId = "runs";

    private static readonly JsonSerializerOptions Json = ReportingJson.Compact;

    private readonly Container _aggregates;
    private readonly Container _runs;
    private readonly Container _ledger;

    private CosmosAggregateStore(Container aggregates, Container runs, Container ledger)
    {
        _aggregates = aggregates;
        _runs = runs;
        _ledger = ledger;
    }

    /// <summary>Opens the store, creating database and containers when they do not exist (infrastructure creates them in Azure).</summary>
    public static async Task<Adapter> OpenAsync(CosmosClient client, string database, CancellationToken cancellationToken = default)
    {
        await CreateContainersAsync(client, database, cancellationToken).ConfigureAwait(false);
        return Open(client, database);
    }

    /// <summary>Creates the database and the store's containers where they do not exist yet.</summary>
    public static async Task CreateContainersAsync(CosmosClient client, string database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var db = (await client.CreateDatabaseIfNotExistsAsync(database, cancellationToken: cancellationToken).ConfigureAwait(false)).Database;
        await db.CreateContainerIfNotExistsAsync(AggregatesContainer, "/court", cancellationToken: cancellationToken).ConfigureAwait(false);
        await db.CreateContainerIfNotExistsAsync(RunsContainer, "/partition", cancellationToken: cancellationToken).ConfigureAwait(false);
        await db.CreateContainerIfNotExistsAsync(LedgerContainer, "/court", cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens a store whose database and containers already exist, as in Azure, where infrastructure creates them and
    /// the app's identity holds a data-plane role only (creating a container is a control-plane call it may not make).
    /// No request is sent until the first read or write.
    /// </summary>
    public static Adapter Open(CosmosClient client, string database)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new Adapter(new CosmosAggregateStore(
            client.GetContainer(database, AggregatesContainer), client.GetContainer(database, RunsContainer), client.GetContainer(database, LedgerContainer)));
    }

    /// <summary>The store as its two ports: aggregates and run records, and the ingestion ledger; each call tried again on transient failures (<see cref="CosmosRetry"/>).</summary>
    public sealed class Adapter(CosmosAggregateStore store) : IAggregateStore, IIngestionLedger
    {
        public Task<LedgerEntry?> FindAsync(string court, string ingestionId, CancellationToken cancellationToken = default) =>
            CosmosRetry.RunAsync(() => store.FindAsync(court, ingestionId, cancellationToken), cancellationToken);

        public Task RecordAsync(LedgerEntry entry, CancellationToken cancellationToken = default) =>
            CosmosRetry.RunAsync(() => store.RecordAsync(entry, cancellationToken), cancellationToken);

        public async Task UpsertAsync(IReadOnlyCollection<AggregateDocument> documents, CancellationToken cancellationToken = default)
        {
            // Each document is its own idempotent upsert keyed by court and period: a rerun after a partial failure converges.
            foreach (var chunk in documents.Chunk(16))
            {
                await Task.WhenAll(chunk.Select(d => CosmosRetry.RunAsync(() => store.UpsertAsync(d, cancellationToken), cancellationToken))).ConfigureAwait(false);
            }
        }

        public Task<AggregateDocument?> GetAsync(string court, string period, CancellationToken cancellationToken = default) =>
            CosmosRetry.RunAsync(() => store.GetAsync(court, period, cancellationToken), cancellationToken);

        public Task<IReadOnlyList<string>> PeriodsAsync(string court, CancellationToken cancellationToken = default) =>
            CosmosRetry.RunAsync(() => store.PeriodsAsync(court, cancellationToken), cancellationToken);

        public Task RecordRunAsync(AggregationRunRecord run, CancellationToken cancellationToken = default) =>
            CosmosRetry.RunAsync(() => store.RecordRunAsync(run, cancellationToken), cancellationToken);

        public Task<IReadOnlyList<AggregationRunRecord>> RunsAsync(int latest, CancellationToken cancellationToken = default) =>
            CosmosRetry.RunAsync(() => store.RunsAsync(latest, cancellationToken), cancellationToken);

        public Task<string> VersionAsync(CancellationToken cancellationToken = default) =>
            CosmosRetry.RunAsync(() => store.VersionAsync(cancellationToken), cancellationToken);
    }

    private async Task UpsertAsync(AggregateDocument document, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(document, Json));
        using var response = await _aggregates.UpsertItemStreamAsync(body, new PartitionKey(document.Court), cancellationToken: cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// A single-partition query on id. A point read would cost 1 RU instead of about 2.5, but the Cosmos test server
    /// answers a point read of a missing item with an error instead of 404, and the adapter must behave the same in
    /// the tests as in Azure (docs/data-model.md).
    /// </summary>
    private async Task<AggregateDocument?> GetAsync(string court, string period, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.court = @court AND c.id = @id")
            .WithParameter("@court", court).WithParameter("@id", $"{court}:{period}");
        var found = await QueryAsync(_aggregates, query, court, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0].Deserialize<AggregateDocument>(Json);
    }

    /// <summary>
    /// Runs a query inside one logical partition. The partition key is also in the query text: the test server
    /// insists on it, and in Azure it costs nothing extra.
    /// </summary>
    private static async Task<List<JsonElement>> QueryAsync(Container container, QueryDefinition query, string partition, CancellationToken cancellationToken)
    {
        var results = new List<JsonElement>();
        var options = new QueryRequestOptions { PartitionKey = new PartitionKey(partition), EnableOptimisticDirectExecution = true };
        using var iterator = container.GetItemQueryStreamIterator(query, requestOptions: options);
        while (iterator.HasMoreResults)
        {
            using var page = await iterator.ReadNextAsync(cancellationToken).ConfigureAwait(false);
            page.EnsureSuccessStatusCode();
            using var json = await JsonDocument.ParseAsync(page.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
            results.AddRange(json.RootElement.GetProperty("Documents").EnumerateArray().Select(d => d.Clone()));
        }
        return results;
    }

    private async Task<IReadOnlyList<string>> PeriodsAsync(string court, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT c.period FROM c WHERE c.court = @court").WithParameter("@court", court);
        var found = await QueryAsync(_aggregates, query, court, cancellationToken).ConfigureAwait(false);
        return found.Select(d => d.GetProperty("period").GetString()!).Order(StringComparer.Ordinal).ToList();
    }

    private async Task RecordRunAsync(AggregationRunRecord run, CancellationToken cancellationToken)
    {
        var element = JsonSerializer.SerializeToElement(run, Json);
        var body = new Dictionary<string, JsonElement>();
        foreach (var property in element.EnumerateObject())
        {
            body[property.Name] = property.Value.Clone();
        }
        body["id"] = JsonSerializer.SerializeToElement(run.RunId);
        body["partition"] = JsonSerializer.SerializeToElement(RunsPartition);
        using var stream = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(body, Json));
        using var response = await _runs.UpsertItemStreamAsync(stream, new PartitionKey(RunsPartition), cancellationToken: cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        // After the run record: a reader that sees the new version finds the record that made it.
        var version = new Dictionary<string, object?>
        {
            ["id"] = VersionId,
            ["partition"] = VersionPartition,
            ["version"] = $"{run.RunId}|{run.Status}|{run.Finished:O}|{Guid.NewGuid():N}",
        };
        using var versionBody = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(version, Json));
        using var written = await _runs.UpsertItemStreamAsync(versionBody, new PartitionKey(VersionPartition), cancellationToken: cancellationToken).ConfigureAwait(false);
        written.EnsureSuccessStatusCode();
    }

    private async Task<string> VersionAsync(CancellationToken cancellationToken)
    {
        using var response = await _runs.ReadItemStreamAsync(VersionId, new PartitionKey(VersionPartition), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return "none";
        }
        response.EnsureSuccessStatusCode();
        using var document = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
        return document.RootElement.GetProperty("version").GetString() ?? "none";
    }

    private async Task<IReadOnlyList<AggregationRunRecord>> RunsAsync(int latest, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.partition = @partition").WithParameter("@partition", RunsPartition);
        var found = await QueryAsync(_runs, query, RunsPartition, cancellationToken).ConfigureAwait(false);
        // Sorted here, not in the query: ORDER BY needs a query plan that the test server does not serve.
        return found.Select(d => d.Deserialize<AggregationRunRecord>(Json)!).OrderByDescending(r => r.Started).Take(latest).ToList();
    }

    /// <summary>Ledger entries live in container ledger, partitioned by court, id = the file's SHA-256.</summary>
    private async Task<LedgerEntry?> FindAsync(string court, string ingestionId, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.court = @court AND c.id = @id").WithParameter("@court", court).WithParameter("@id", ingestionId);
        var found = await QueryAsync(_ledger, query, court, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0].Deserialize<LedgerEntry>(Json);
    }

    private async Task RecordAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, JsonElement>();
        foreach (var property in JsonSerializer.SerializeToElement(entry, Json).EnumerateObject())
        {
            body[property.Name] = property.Value.Clone();
        }
        body["id"] = JsonSerializer.SerializeToElement(entry.IngestionId);
        using var stream = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(body, Json));
        using var response = await _ledger.UpsertItemStreamAsync(stream, new PartitionKey(entry.Court), cancellationToken: cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }
}
