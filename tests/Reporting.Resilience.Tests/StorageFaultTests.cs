using Microsoft.Extensions.Time.Testing;
using Reporting.Storage.Parquet;
using Reporting.Pipeline.Curated;
using Reporting.Storage.Azure;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Microsoft.Azure.Cosmos;
using Microsoft.Data.Sqlite;
using Reporting.Ingestion;
using Reporting.Pipeline.Ingest;
using Reporting.Tests.Shared;
using Xunit.Abstractions;

namespace Reporting.Resilience.Tests;

/// <summary>
/// Ingestion and aggregation over Blob Storage (Azurite) and Cosmos DB (the test server) while a tenth of their HTTP
/// requests fail: 503s, timeouts, connections dropped before sending and after the service did the work. The SDKs
/// retry what they can; what they give up on fails the step, which is run again as the blob trigger and Durable
/// would run it. The end state must equal a fault-free run's.
/// </summary>
public sealed class StorageFaultTests(Azurite azurite, CosmosServer cosmos, ITestOutputHelper output) : IClassFixture<Azurite>, IClassFixture<CosmosServer>, IDisposable
{
    private const double FaultRate = 0.1;
    private const int Attempts = 12;

    private readonly string _root = Directory.CreateTempSubdirectory("reporting-faults-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task IngestionAndAggregation_WithStorageFaults_RetryAndEndWithTheAggregatesOfAFaultFreeRun()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var province = await Province.CleanRunAsync(_root);

        Province.EmptyAzurite(azurite);
        var blobFaults = new FaultInjectingHandler(new SocketsHttpHandler(), FaultRate, seed);
        var cosmosFaults = new FaultInjectingHandler(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator },
            FaultRate, seed + 1);
        var database = "faults-" + Guid.NewGuid().ToString("N")[..8];
        await CosmosAggregateStore.OpenAsync(CosmosTestClient.Create(cosmos), database);
        var blobs = new BlobFileStore(FaultyBlobService(blobFaults));
        var store = CosmosAggregateStore.Open(FaultyCosmosClient(cosmosFaults), database);
        var ingest = new IngestExport(blobs, new CuratedZone(blobs, new ParquetCaseFiles()), store, province.Registry, new IngestionLimits(), new FakeTimeProvider(Province.UploadTime));
        var escaped = new List<Exception>();
        foreach (var file in province.Files)
        {
            await RetriedAsync(() => ingest.RunAsync(Province.Upload(file)), escaped);
        }
        await RetriedAsync(() => province.AggregateAsync(blobs, store, "faulty"), escaped);
        blobFaults.Enabled = cosmosFaults.Enabled = false;

        output.WriteLine($"blob faults {Show(blobFaults)}; cosmos faults {Show(cosmosFaults)}; steps that failed and were run again: {escaped.Count}");
        foreach (var type in escaped.GroupBy(e => e.GetType().Name))
        {
            output.WriteLine($"  {type.Key} × {type.Count()}: {type.First().Message.Split('\n')[0]}");
        }
        Assert.All(Enum.GetValues<StorageFault>(), f => Assert.True(blobFaults.Injected.GetValueOrDefault(f) > 0, $"no {f} injected into Blob Storage"));
        Assert.All(Enum.GetValues<StorageFault>(), f => Assert.True(cosmosFaults.Injected.GetValueOrDefault(f) > 0, $"no {f} injected into Cosmos DB"));
        // Every export counted once: each is in the ledger, and the aggregates (counts of cases) equal the fault-free run's.
        foreach (var (court, id) in province.Ingestions)
        {
            Assert.NotNull(await store.FindAsync(court, id));
        }
        Assert.Equal(await province.ContentsAsync(province.Clean), await province.ContentsAsync(store));
    }

    /// <summary>Runs a step until it succeeds, as the platform redelivers a failed trigger; what escaped each failed attempt is kept.</summary>
    private static async Task RetriedAsync(Func<Task> step, List<Exception> escaped)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await step();
                return;
            }
            catch (Exception e) when (attempt < Attempts)
            {
                escaped.Add(e);
            }
        }
    }

    private BlobServiceClient FaultyBlobService(FaultInjectingHandler faults)
    {
        var options = new BlobClientOptions { Transport = new HttpClientTransport(new HttpClient(faults)) };
        options.Retry.MaxRetries = 5;
        options.Retry.Delay = TimeSpan.FromMilliseconds(20);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(200);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(2);
        return new BlobServiceClient(azurite.ConnectionString, options);
    }

    private CosmosClient FaultyCosmosClient(FaultInjectingHandler faults) => new(cosmos.AccountEndpoint, CosmosServer.Key, new CosmosClientOptions
    {
        ConnectionMode = ConnectionMode.Gateway,
        LimitToEndpoint = true,
        RequestTimeout = TimeSpan.FromSeconds(3),
        HttpClientFactory = () => new HttpClient(faults, disposeHandler: false),
    });

    private static string Show(FaultInjectingHandler faults) => string.Join(", ", faults.Injected.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"));
}
