using Microsoft.Extensions.Time.Testing;
using Reporting.Storage.Parquet;
using Reporting.Pipeline.Curated;
using Reporting.Storage.Azure;
using Reporting.Storage.Local;
using System.Text.Json;
using Reporting.Core.Courts;
using Reporting.Core.Indicators;
using Reporting.Core.Periods;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Ingest;
using Reporting.Synthetic;
using Reporting.Tests.Shared;

namespace Reporting.Pipeline.Tests;

/// <summary>A generated province, ingested once and shared by the aggregation tests.</summary>
public sealed class IngestedProvince : IAsyncLifetime
{
    public IngestionBench Bench { get; } = new();

    public async Task InitializeAsync()
    {
        var files = new ExportGenerator(CourtRegistry.Demo()).Generate(Path.Combine(Bench.Root, "exports"), new GeneratorOptions { Months = 15, Scale = 0.3 });
        foreach (var file in files)
        {
            await Bench.Ingest.RunAsync(new ExportUpload(file.Path, file.Path, file.Court, file.Window, IngestionBench.UploadTime));
        }
    }

    public Task DisposeAsync()
    {
        Bench.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class AggregationTests(IngestedProvince province, CosmosServer cosmos) : IClassFixture<IngestedProvince>, IClassFixture<CosmosServer>
{
    private static readonly string[] Periods = ["2025-06", "2025-Q2", "2025", "2025-01..2025-11"];

    private AggregationActivities Activities(IAggregateStore store) =>
        new(province.Bench.Store, new CuratedZone(province.Bench.Store, new ParquetCaseFiles()), store, CourtRegistry.Demo(), IndicatorCatalog.Default());

    private static Task<AggregationResult> Run(string instance, Dictionary<string, Func<JsonElement, CancellationToken, Task<object?>>> activities) =>
        AggregationOrchestrator.RunAsync(new LocalOrchestration(instance, new FakeTimeProvider(IngestionBench.UploadTime), activities, CancellationToken.None),
            new AggregationRequest(Periods));

    /// <summary>Everything stored, without what differs by run (run id, time).</summary>
    private static async Task<List<string>> Contents(IAggregateStore store)
    {
        var all = new List<string>();
        foreach (var court in CourtRegistry.Demo().Courts)
        {
            foreach (var period in Periods)
            {
                var doc = await store.GetAsync(court.Code, Period.Parse(period).ToString());
                Assert.NotNull(doc);
                all.Add(JsonSerializer.Serialize(doc with { RunId = "", ComputedAt = default }));
            }
        }
        return all;
    }

    private string NewSqlite() => Path.Combine(province.Bench.Root, $"agg-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task CleanRun_WritesEveryCourtAndPeriod_AndRecordsTheRun()
    {
        var store = new SqliteAggregateStore(NewSqlite());
        var result = await Run("clean", LocalOrchestration.AggregationActivities(Activities(store)));
        Assert.Equal(17 * Periods.Length, result.Documents);
        Assert.Equal(17 * Periods.Length, (await Contents(store)).Count);
        Assert.Equal("completed", (await store.RunsAsync(1)).Single().Status);
    }

    [Theory]
    [InlineData(AggregationOrchestrator.Plan, 1)]
    [InlineData(AggregationOrchestrator.Count, 1)]
    [InlineData(AggregationOrchestrator.PersistCourt, 5)]
    [InlineData(AggregationOrchestrator.RecordRun, 1)]
    public async Task FailureInAnActivity_ThenARerun_GivesTheCleanRunsAggregates(string failing, int failOnCall)
    {
        var clean = new SqliteAggregateStore(NewSqlite());
        await Run("clean", LocalOrchestration.AggregationActivities(Activities(clean)));

        var store = new SqliteAggregateStore(NewSqlite());
        var activities = LocalOrchestration.AggregationActivities(Activities(store));
        var calls = 0;
        var inner = activities[failing];
        activities[failing] = async (input, ct) =>
            Interlocked.Increment(ref calls) == failOnCall ? throw new IOException($"injected failure in {failing}") : await inner(input, ct);
        await Assert.ThrowsAsync<IOException>(() => Run("faulty", activities));

        await Run("rerun", LocalOrchestration.AggregationActivities(Activities(store)));
        Assert.Equal(await Contents(clean), await Contents(store));
        var runs = await store.RunsAsync(10);
        Assert.Equal("completed", runs.Single(r => r.RunId == "rerun").Status);
        if (failing != AggregationOrchestrator.Plan && failing != AggregationOrchestrator.RecordRun)
        {
            Assert.Equal("failed", runs.Single(r => r.RunId == "faulty").Status);
        }
    }

    [Fact]
    public async Task CosmosAndSqlite_HoldTheSameAggregates()
    {
        var sqlite = new SqliteAggregateStore(NewSqlite());
        await Run("sqlite", LocalOrchestration.AggregationActivities(Activities(sqlite)));
        var cosmosStore = await CosmosAggregateStore.OpenAsync(CosmosTestClient.Create(cosmos), "reporting-agg-" + Guid.NewGuid().ToString("N")[..8]);
        await Run("cosmos", LocalOrchestration.AggregationActivities(Activities(cosmosStore)));
        Assert.Equal(await Contents(sqlite), await Contents(cosmosStore));
    }

    [Fact]
    public async Task Query_ReadsTheStoredAggregates_WithChildrenByCode()
    {
        var store = new SqliteAggregateStore(NewSqlite());
        await Run("query", LocalOrchestration.AggregationActivities(Activities(store)));
        var query = new QueryIndicators(store, CourtRegistry.Demo(), IndicatorCatalog.Default());
        var row = await query.RunAsync("浙01", Period.Parse("2025-Q2"), Comparison.YearOnYear, children: true);
        Assert.NotNull(row);
        Assert.Equal("2024-Q2", row.ComparedWith);
        Assert.Equal(["浙0102", "浙0103", "浙0104", "浙0105"], row.Children!.Select(c => c.Court));
        var sum = row.Children!.Sum(c => c.Indicators.Single(i => i.Id == "closure-receipt-ratio").Denominator);
        var own = (await query.RunAsync("浙01", Period.Parse("2025-Q2"), Comparison.YearOnYear, children: false))!;
        var scope = own.Indicators.Single(i => i.Id == "closure-receipt-ratio").Denominator;
        Assert.True(scope > sum, "the intermediate court's scope adds its own cases to its children's");
        Assert.Equal(18, own.Summary.Total);
        Assert.Null(await query.RunAsync("浙01", Period.Parse("1999"), Comparison.YearOnYear, children: false));
    }
}
