using Microsoft.Extensions.Time.Testing;
using Reporting.Storage.Parquet;
using Reporting.Pipeline.Curated;
using Reporting.Storage.Azure;
using Azure.Storage.Blobs;
using Microsoft.Data.Sqlite;
using Reporting.Ingestion;
using Reporting.Ingestion.Reports;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Ingest;
using Reporting.Tests.Shared;

namespace Reporting.Resilience.Tests;

/// <summary>
/// A busy morning: courts upload 100 exports at once to the court-exports container (Azurite), some of them twice
/// under another name, and each upload's event is handled concurrently, a few of them delivered twice, as the blob
/// trigger may. Every export must be ingested exactly once and the aggregates must equal a sequential run's.
/// </summary>
public sealed class ConcurrentUploadTests(Azurite azurite, CosmosServer cosmos) : IClassFixture<Azurite>, IClassFixture<CosmosServer>, IDisposable
{
    private const int Uploads = 100;

    private readonly string _root = Directory.CreateTempSubdirectory("reporting-concurrent-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task HundredConcurrentUploads_SomeDuplicated_AreEachIngestedOnce_AndAggregateAsASequentialRunDoes()
    {
        var province = await Province.CleanRunAsync(_root);
        Assert.True(province.Files.Count < Uploads, "some uploads must repeat an export");
        // Every export under its own name, then again under other names until there are 100 uploads.
        var uploads = Enumerable.Range(0, Uploads)
            .Select(i => (File: province.Files[i % province.Files.Count], Name: $"{i / province.Files.Count}-{Path.GetFileName(province.Files[i % province.Files.Count].Path)}"))
            .ToList();

        Province.EmptyAzurite(azurite);
        var account = new BlobServiceClient(azurite.ConnectionString);
        var exports = account.GetBlobContainerClient(IngestStoredExport.ExportZone);
        await exports.CreateIfNotExistsAsync();
        var paths = await Task.WhenAll(uploads.Select(async u =>
        {
            var name = $"{u.File.Court}/{u.File.Window}/{u.Name}";
            await exports.GetBlobClient(name).UploadAsync(u.File.Path, overwrite: true);
            return $"{IngestStoredExport.ExportZone}/{name}";
        }));

        var database = "concurrent-" + Guid.NewGuid().ToString("N")[..8];
        var store = await CosmosAggregateStore.OpenAsync(CosmosTestClient.Create(cosmos), database);
        var blobs = new BlobFileStore(account);
        var ingest = new IngestExport(blobs, new CuratedZone(blobs, new ParquetCaseFiles()), store, province.Registry, new IngestionLimits(), new FakeTimeProvider(Province.UploadTime));
        var queue = new AggregationQueue(blobs, province.Registry);
        var inbox = new ExportInbox(new IngestStoredExport(blobs, ingest), queue);
        var aggregations = new InProcessAggregations(province.Activities(blobs, store), new FakeTimeProvider(Province.UploadTime));
        // At-least-once triggers: every tenth event comes twice.
        var events = paths.Concat(paths.Where((_, i) => i % 10 == 0)).ToList();
        var received = await Task.WhenAll(events.Select(path => Task.Run(() => inbox.IngestAsync(path, aggregations))));
        while ((await aggregations.RunScheduledAsync()).Count > 0)
        {
        }

        var firstTimes = received.Where(r => !r.Report.AlreadyIngested).ToList();
        Assert.All(received, r => Assert.NotEqual(IngestionStatus.Rejected, r.Report.Status));
        // Each distinct export was ingested by exactly one event, and it is the one the ledger holds.
        Assert.Equal(province.Files.Count, firstTimes.Count);
        Assert.Equal(province.Ingestions.Select(i => i.Id).Order(), firstTimes.Select(r => r.Report.IngestionId).Order());
        foreach (var (court, id) in province.Ingestions)
        {
            Assert.NotNull(await store.FindAsync(court, id));
        }
        var tree = await queue.ReadAsync(queue.TreeKey("浙"));
        Assert.Null(tree.Active);
        Assert.Equal(await province.ContentsAsync(province.Clean), await province.ContentsAsync(store));
    }
}
