using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Reporting.Core.Courts;
using Reporting.Core.Indicators;
using Reporting.Functions.Aggregate;
using Reporting.Ingestion;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Ingest;
using Reporting.Storage.Aggregates;
using Reporting.Storage.Files;
using Reporting.Storage.Ledger;
using Reporting.Synthetic;
using Reporting.Tests.Shared;

namespace Reporting.Functions.Tests;

/// <summary>
/// The aggregation functions called as Durable would call them (stand-in context): the orchestrator function drives
/// the activity functions through JSON, with the retry policy on every call, and stores what the local runner stores.
/// </summary>
public sealed class AggregationFunctionsTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 2, 0, 0, TimeSpan.Zero);
    private readonly string _root = Directory.CreateTempSubdirectory("reporting-functions-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<LocalFileStore> ProvinceAsync()
    {
        var store = new LocalFileStore(Path.Combine(_root, "data"));
        var ingest = new IngestExport(store, new FileIngestionLedger(store), CourtRegistry.Demo(), new IngestionLimits(), new FixedClock(Now));
        foreach (var file in new ExportGenerator(CourtRegistry.Demo()).Generate(Path.Combine(_root, "exports"), new GeneratorOptions { Months = 6, Scale = 0.1 }))
        {
            await ingest.RunAsync(new ExportUpload(file.Path, file.Path, file.Court, file.Window, Now));
        }
        return store;
    }

    [Fact]
    public async Task TheOrchestratorFunction_RunsEveryActivityFunctionWithRetries_AndStoresWhatTheLocalRunnerStores()
    {
        var files = await ProvinceAsync();
        var durableStore = new SqliteAggregateStore(Path.Combine(_root, "durable.db"));
        var functions = new AggregationFunctions(new AggregationActivities(files, durableStore, CourtRegistry.Demo(), IndicatorCatalog.Default()));
        var context = new StandInOrchestrationContext("aggregate-浙", Now.UtcDateTime, new AggregationRequest(["2025-Q2", "2025"]), functions);

        var outcome = await AggregationFunctions.RunOrchestrator(context);

        Assert.Equal("aggregate-浙", outcome.RunId);
        Assert.Equal(17, outcome.Courts);
        Assert.Equal(17 * 2, outcome.Documents);
        Assert.Equal(["AggregationPlan", "AggregationRecordRun", "AggregationCount"], context.Calls.Take(3).Select(c => c.Name));
        Assert.Equal(17, context.Calls.Count(c => c.Name == AggregationOrchestrator.PersistCourt));
        Assert.All(context.Calls, c => Assert.Same(DurableOrchestration.Retry, c.Options));
        var stored = JsonSerializer.Deserialize<AggregationOutcome>(JsonSerializer.Serialize(outcome));
        Assert.Equal(outcome.Periods, stored!.Periods);

        // The same data through the local runner gives the same documents.
        var localStore = new SqliteAggregateStore(Path.Combine(_root, "local.db"));
        await new AggregateIndicators(files, localStore, CourtRegistry.Demo(), IndicatorCatalog.Default(), new FixedClock(Now))
            .RunAsync([Core.Periods.Period.Parse("2025-Q2"), Core.Periods.Period.Parse("2025")]);
        foreach (var court in CourtRegistry.Demo().Courts)
        {
            var durable = await durableStore.GetAsync(court.Code, "2025");
            var local = await localStore.GetAsync(court.Code, "2025");
            Assert.Equal(JsonSerializer.Serialize(local! with { RunId = "", ComputedAt = default }), JsonSerializer.Serialize(durable! with { RunId = "", ComputedAt = default }));
        }
        Assert.Equal("completed", (await durableStore.RunsAsync(1)).Single().Status);
    }

    /// <summary>
    /// Durable's context as the stand-in shapes it: activity calls go to the activity functions with inputs and
    /// outputs sent through System.Text.Json, as the worker would send them.
    /// </summary>
    internal sealed class StandInOrchestrationContext(string instanceId, DateTime now, object input, AggregationFunctions functions) : TaskOrchestrationContext
    {
        public List<(string Name, TaskOptions? Options)> Calls { get; } = [];

        public override TaskName Name => AggregationFunctions.Orchestrator;
        public override string InstanceId => instanceId;
        public override DateTime CurrentUtcDateTime => now;
        public override bool IsReplaying => false;
        protected override ILoggerFactory LoggerFactory => NullLoggerFactory.Instance;

        public override T? GetInput<T>() where T : default => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(input, JsonSerializerOptions.Web), JsonSerializerOptions.Web);

        public override async Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
        {
            Calls.Add((name.Name, options));
            var json = JsonSerializer.Serialize(input, JsonSerializerOptions.Web);
            T In<T>() => JsonSerializer.Deserialize<T>(json, JsonSerializerOptions.Web)!;
            object? result = name.Name switch
            {
                AggregationOrchestrator.Plan => await functions.Plan(In<PlanInput>(), CancellationToken.None),
                AggregationOrchestrator.Count => await functions.Count(In<AggregationPlan>(), CancellationToken.None),
                AggregationOrchestrator.PersistCourt => await functions.PersistCourt(In<PersistCourtInput>(), CancellationToken.None),
                AggregationOrchestrator.RecordRun => await functions.RecordRun(In<RunRecordInput>(), CancellationToken.None),
                AggregationOrchestrator.Finish => await functions.Finish(In<FinishInput>(), CancellationToken.None),
                _ => throw new InvalidOperationException($"no activity function {name}"),
            };
            return JsonSerializer.Deserialize<TResult>(JsonSerializer.Serialize(result, JsonSerializerOptions.Web), JsonSerializerOptions.Web)!;
        }

        public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) => Task.CompletedTask;
        public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public override void SendEvent(string instanceId, string eventName, object payload) => throw new NotSupportedException();
        public override void SetCustomStatus(object? customStatus) { }
        public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
            throw new NotSupportedException();
        public object? ContinuedWith { get; private set; }

        public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) => ContinuedWith = newInput;
        public override Guid NewGuid() => Guid.Empty;
    }
}
