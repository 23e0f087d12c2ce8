using Microsoft.Extensions.Time.Testing;
using Reporting.Storage.Parquet;
using Reporting.Pipeline.Curated;
using Reporting.Storage.Local;
using System.Text.Json;
using Azure.Storage.Blobs;
using Reporting.Core.Courts;
using Reporting.Core.Indicators;
using Reporting.Ingestion;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Ingest;
using Reporting.Pipeline.Files;
using Reporting.Synthetic;
using Reporting.Tests.Shared;

namespace Reporting.Resilience.Tests;

/// <summary>
/// A small generated province (the demo registry, three months to 2025-12) and its fault-free run on a local folder
/// and SQLite: what the runs under faults and concurrency must end with.
/// </summary>
internal sealed class Province
{
    public static readonly DateTimeOffset UploadTime = new(2026, 1, 15, 2, 0, 0, TimeSpan.Zero);
    public static readonly string[] Periods = ["2025-10", "2025-11", "2025-12", "2025-Q4", "2025"];

    private Province(CourtRegistry registry, IReadOnlyList<GeneratedFile> files, SqliteAggregateStore clean, IReadOnlyList<(string Court, string Id)> ingestions)
    {
        Registry = registry;
        Files = files;
        Clean = clean;
        Ingestions = ingestions;
    }

    public CourtRegistry Registry { get; }
    public IReadOnlyList<GeneratedFile> Files { get; }
    public SqliteAggregateStore Clean { get; }

    /// <summary>Each export's ingestion id (its content's) and court, from the fault-free run.</summary>
    public IReadOnlyList<(string Court, string Id)> Ingestions { get; }

    public static async Task<Province> CleanRunAsync(string root)
    {
        var registry = CourtRegistry.Demo();
        var files = new ExportGenerator(registry).Generate(Path.Combine(root, "exports"), new GeneratorOptions { Months = 3, Scale = 0.1 });
        var store = new SqliteAggregateStore(Path.Combine(root, "clean.db"));
        var local = new LocalFileStore(Path.Combine(root, "clean"));
        var ingest = new IngestExport(local, new CuratedZone(local, new ParquetCaseFiles()), store, registry, new IngestionLimits(), new FakeTimeProvider(UploadTime));
        var ingestions = new List<(string, string)>();
        foreach (var file in files)
        {
            ingestions.Add((file.Court, (await ingest.RunAsync(Upload(file))).IngestionId));
        }
        var province = new Province(registry, files, store, ingestions);
        await province.AggregateAsync(local, store, "clean");
        return province;
    }

    public static ExportUpload Upload(GeneratedFile file) => new(file.Path, file.Path, file.Court, file.Window, UploadTime);

    public AggregationActivities Activities(IFileStore files, IAggregateStore store) => new(files, new CuratedZone(files, new ParquetCaseFiles()), store, Registry, IndicatorCatalog.Default());

    /// <summary>A whole-data aggregation run, as <c>reporting aggregate</c> does it.</summary>
    public async Task AggregateAsync(IFileStore files, IAggregateStore store, string instance)
    {
        var activities = LocalOrchestration.AggregationActivities(Activities(files, store));
        await AggregationOrchestrator.RunAsync(new LocalOrchestration(instance, new FakeTimeProvider(UploadTime), activities, CancellationToken.None), new AggregationRequest([]));
    }

    /// <summary>Every stored aggregate of every court and period, without what differs by run (run id, time).</summary>
    public async Task<List<string>> ContentsAsync(IAggregateStore store)
    {
        var all = new List<string>();
        foreach (var court in Registry.Courts)
        {
            foreach (var period in Periods)
            {
                var document = await store.GetAsync(court.Code, period);
                all.Add(document is null ? $"{court.Code} {period}: none" : JsonSerializer.Serialize(document with { RunId = "", ComputedAt = default }));
            }
        }
        return all;
    }

    /// <summary>Azurite with no containers, so a run finds only what it wrote.</summary>
    public static void EmptyAzurite(Azurite azurite)
    {
        var account = new BlobServiceClient(azurite.ConnectionString);
        foreach (var container in account.GetBlobContainers())
        {
            account.DeleteBlobContainer(container.Name);
        }
    }
}
