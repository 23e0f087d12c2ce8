using Microsoft.Extensions.Time.Testing;
using Reporting.Storage.Azure;
using Reporting.Storage.Parquet;
using Reporting.Pipeline.Curated;
using Reporting.Storage.Local;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Reporting.Core.Courts;
using Reporting.Core.Indicators;
using Reporting.Core.Periods;
using Reporting.Functions.Aggregate;
using Reporting.Ingestion;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Ingest;
using Reporting.Pipeline.Files;
using Reporting.Synthetic;

namespace Reporting.Functions.Tests;

/// <summary>
/// The aggregation functions run by Durable's engine (<see cref="DurableEngine"/>): the orchestrator function is
/// replayed from its history after each activity, inputs and outputs go through the app's data converter, and what
/// it stores equals what the local runner stores from the same data.
/// </summary>
public sealed class AggregationFunctionsTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 2, 0, 0, TimeSpan.Zero);
    private readonly string _root = Directory.CreateTempSubdirectory("reporting-functions-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<LocalFileStore> ProvinceAsync()
    {
        var store = new LocalFileStore(Path.Combine(_root, "data"));
        var ingest = new IngestExport(store, new CuratedZone(store, new ParquetCaseFiles()), new FileIngestionLedger(store), CourtRegistry.Demo(), new IngestionLimits(), new FakeTimeProvider(Now));
        foreach (var file in new ExportGenerator(CourtRegistry.Demo()).Generate(Path.Combine(_root, "exports"), new GeneratorOptions { Months = 6, Scale = 0.1 }))
        {
            await ingest.RunAsync(new ExportUpload(file.Path, file.Path, file.Court, file.Window, Now));
        }
        return store;
    }

    /// <summary>
    /// The function app's host over a local folder and SQLite instead of Blob Storage and Cosmos DB (whose settings
    /// must still be well-formed: the app checks them at start; no client is made from them).
    /// </summary>
    private static Task<IHost> AppAsync(LocalFileStore files, SqliteAggregateStore store) => TheFunctionApp.StartAsync(new Dictionary<string, string?>
    {
        [FunctionApp.StorageConnection] = "UseDevelopmentStorage=true",
        [CosmosSettings.EndpointKey] = "https://127.0.0.1:8081/",
    }, services =>
    {
        services.AddSingleton<IFileStore>(files);
        services.AddSingleton<IAggregateStore>(store);
        services.AddSingleton<IIngestionLedger>(new FileIngestionLedger(files));
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
    });

    [Fact]
    public async Task DurablesEngine_RunsTheOrchestratorAndEveryActivityFunction_AndStoresWhatTheLocalRunnerStores()
    {
        var files = await ProvinceAsync();
        var durableStore = new SqliteAggregateStore(Path.Combine(_root, "durable.db"));
        using var app = await AppAsync(files, durableStore);
        var ran = new List<string>();
        await using var engine = await DurableEngine.StartAsync(app.Services, activity => { lock (ran) { ran.Add(activity); } });

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(AggregationFunctions.Orchestrator, new AggregationRequest(["2025-Q2", "2025"]),
            new Microsoft.DurableTask.StartOrchestrationOptions("aggregate-浙"));
        var done = await engine.Client.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var outcome = done.ReadOutputAs<AggregationOutcome>()!;
        Assert.Equal("aggregate-浙", outcome.RunId);
        Assert.Equal((17, 17 * 2, false), (outcome.Courts, outcome.Documents, outcome.ContinuedAsNew));
        Assert.Equal(["2025-Q2", "2025"], outcome.Periods);
        Assert.Equal([AggregationOrchestrator.Plan, AggregationOrchestrator.RecordRun, AggregationOrchestrator.Count], ran.Take(3));
        Assert.Equal(17, ran.Count(a => a == AggregationOrchestrator.PersistCourt));
        Assert.Equal(AggregationOrchestrator.RecordRun, ran[^1]);

        // The same data through the local runner gives the same documents.
        var localStore = new SqliteAggregateStore(Path.Combine(_root, "local.db"));
        await new AggregateIndicators(files, new CuratedZone(files, new ParquetCaseFiles()), localStore, CourtRegistry.Demo(), IndicatorCatalog.Default(), new FakeTimeProvider(Now))
            .RunAsync([Period.Parse("2025-Q2"), Period.Parse("2025")]);
        foreach (var court in CourtRegistry.Demo().Courts)
        {
            var durable = await durableStore.GetAsync(court.Code, "2025");
            var local = await localStore.GetAsync(court.Code, "2025");
            Assert.Equal(JsonSerializer.Serialize(local! with { RunId = "", ComputedAt = default }), JsonSerializer.Serialize(durable! with { RunId = "", ComputedAt = default }));
        }
        Assert.Equal("completed", (await durableStore.RunsAsync(1)).Single().Status);
    }

    [Fact]
    public async Task AnActivityThatFailsOnce_IsRetriedByThePolicy_AndTheRunStillCompletes()
    {
        var files = await ProvinceAsync();
        var store = new SqliteAggregateStore(Path.Combine(_root, "durable.db"));
        using var app = await AppAsync(files, store);
        var failed = 0;
        await using var engine = await DurableEngine.StartAsync(app.Services, activity =>
        {
            if (activity == AggregationOrchestrator.Count && Interlocked.Exchange(ref failed, 1) == 0)
            {
                throw new IOException("storage blip (injected)");
            }
        });

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(AggregationFunctions.Orchestrator, new AggregationRequest(["2025"]),
            new Microsoft.DurableTask.StartOrchestrationOptions("aggregate-浙"));
        var done = await engine.Client.CompletionAsync(id);

        Assert.Equal(1, failed);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.NotNull(await store.GetAsync("浙0102", "2025"));
    }
}
