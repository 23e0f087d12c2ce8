using Microsoft.Extensions.Time.Testing;
using Reporting.Storage.Parquet;
using Reporting.Pipeline.Curated;
using Reporting.Storage.Azure;
using Reporting.Storage.Local;
using Azure.Storage.Blobs;
using Reporting.Core.Courts;
using Reporting.Core.Indicators;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Files;
using Reporting.Tests.Shared;

namespace Reporting.Pipeline.Tests;

/// <summary>
/// Start-or-queue for the aggregation an upload asks for: one instance per court tree at a time, an upload while it
/// runs makes it continue as new, and a crash between any two steps is repaired by the next request.
/// </summary>
public sealed class AggregationQueueTests(Azurite azurite) : IDisposable, IClassFixture<Azurite>
{
    private readonly IngestionBench _bench = new();

    public void Dispose() => _bench.Dispose();

    /// <summary>Records what was scheduled and answers states as a test sets them.</summary>
    private sealed class RecordingScheduler : IAggregationScheduler
    {
        public List<(string Id, AggregationRequest Request)> Scheduled { get; } = [];
        public Dictionary<string, AggregationInstanceState> States { get; } = [];

        public Task<AggregationInstanceState> StateAsync(string instanceId, CancellationToken cancellationToken = default) =>
            Task.FromResult(States.GetValueOrDefault(instanceId, AggregationInstanceState.Missing));

        public Task ScheduleAsync(string instanceId, AggregationRequest request, CancellationToken cancellationToken = default)
        {
            lock (Scheduled)
            {
                Scheduled.Add((instanceId, request));
                States[instanceId] = AggregationInstanceState.Active;
            }
            return Task.CompletedTask;
        }
    }

    private AggregationQueue Queue(IFileStore? store = null) => new(store ?? _bench.Store, CourtRegistry.Demo());

    [Fact]
    public async Task AnUploadWhileARunIsActive_IsQueued_AndTheRunContinuesAsNewOnce()
    {
        var queue = Queue();
        var scheduler = new RecordingScheduler();

        var first = await queue.RequestAsync("浙0102", scheduler);
        var second = await queue.RequestAsync("浙0103", scheduler);
        var third = await queue.RequestAsync("浙01", scheduler);

        Assert.True(first.Started);
        Assert.Equal("aggregate-浙-1", first.InstanceId);
        Assert.Equal(new AggregationTicket("浙", "aggregate-浙-1", false), second);
        Assert.Equal(new AggregationTicket("浙", "aggregate-浙-1", false), third);
        var (id, request) = Assert.Single(scheduler.Scheduled);
        Assert.Equal(("aggregate-浙-1", "浙", 1L), (id, request.Tree, request.Generation));
        Assert.Equal(["浙"], request.ChangedCourts);

        // The run ends: two uploads came meanwhile, so it continues once (generation 3 covers both), then releases the tree.
        var next = await queue.FinishAsync("浙", "aggregate-浙-1");
        Assert.Equal(3, next?.Generation);
        Assert.Null(await queue.FinishAsync("浙", "aggregate-浙-1"));
        Assert.Equal(new AggregationQueue.TreeQueue("浙", 3, 3, null), await queue.ReadAsync("浙"));

        var fourth = await queue.RequestAsync("浙0102", scheduler);
        Assert.Equal(new AggregationTicket("浙", "aggregate-浙-4", true), fourth);
    }

    [Fact]
    public async Task ARecordedInstanceThatWasNeverScheduled_IsScheduledByTheNextRequest()
    {
        var queue = Queue();
        // A starter that recorded the instance and crashed before scheduling it.
        var crashed = new RecordingScheduler();
        await queue.RequestAsync("浙0102", crashed);
        var restarted = new RecordingScheduler();

        var ticket = await queue.RequestAsync("浙0103", restarted);

        Assert.Equal(new AggregationTicket("浙", "aggregate-浙-1", true), ticket);
        Assert.Equal("aggregate-浙-1", Assert.Single(restarted.Scheduled).Id);
    }

    [Fact]
    public async Task AnInstanceThatEndedWithoutHandingOn_IsReplaced_AndItsLateFinishChangesNothing()
    {
        var queue = Queue();
        var scheduler = new RecordingScheduler();
        await queue.RequestAsync("浙0102", scheduler);
        scheduler.States["aggregate-浙-1"] = AggregationInstanceState.Ended; // terminated by an operator

        var ticket = await queue.RequestAsync("浙0103", scheduler);

        Assert.Equal(new AggregationTicket("浙", "aggregate-浙-2", true), ticket);
        Assert.Null(await queue.FinishAsync("浙", "aggregate-浙-1"));
        Assert.Equal(new AggregationQueue.TreeQueue("浙", 2, 2, "aggregate-浙-2"), await queue.ReadAsync("浙"));
    }

    [Fact]
    public async Task EachTreeHasItsOwnQueue()
    {
        var queue = Queue();
        var scheduler = new RecordingScheduler();

        var zhejiang = await queue.RequestAsync("浙0102", scheduler);
        var jiangsu = await queue.RequestAsync("苏0102", scheduler);
        var unplaced = await queue.RequestAsync("X0102", scheduler);

        Assert.True(zhejiang.Started && jiangsu.Started && unplaced.Started);
        Assert.Equal(["浙", "苏", AggregationQueue.Unplaced], scheduler.Scheduled.Select(s => s.Request.Tree));
        // The unplaced tree's request names no court: the plan's tree of "" is every court without a province.
        Assert.Equal([""], scheduler.Scheduled[2].Request.ChangedCourts);
    }

    [Fact]
    public async Task ConcurrentUploadsOnBlobStorage_StartOneInstance_AndCountEveryRequest()
    {
        var store = new BlobFileStore(new BlobServiceClient(azurite.ConnectionString));
        var queue = Queue(store);
        var scheduler = new RecordingScheduler();

        var tickets = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() => queue.RequestAsync(i % 2 == 0 ? "浙0102" : "浙0103", scheduler))));

        Assert.Single(tickets, t => t.Started);
        Assert.All(tickets, t => Assert.Equal("aggregate-浙-1", t.InstanceId));
        Assert.Single(scheduler.Scheduled);
        Assert.Equal(new AggregationQueue.TreeQueue("浙", 24, 1, "aggregate-浙-1"), await queue.ReadAsync("浙"));
    }

    [Fact]
    public async Task InProcess_AnExportStoredWhileQueued_IsCounted_AndTheTreeIsReleased()
    {
        var store = new SqliteAggregateStore(Path.Combine(_bench.Root, "queued.db"));
        var activities = new AggregationActivities(_bench.Store, new CuratedZone(_bench.Store, new ParquetCaseFiles()), store, CourtRegistry.Demo(), IndicatorCatalog.Default());
        var runner = new InProcessAggregations(activities, new FakeTimeProvider(IngestionBench.UploadTime));
        var queue = Queue();

        await _bench.RunAsync(_bench.WriteFile("a.csv", Exports.Csv(12)));
        var first = await queue.RequestAsync("浙0102", runner);
        await _bench.RunAsync(_bench.WriteFile("b.csv", Exports.Csv(5, first: 100)), window: "2025-11");
        var second = await queue.RequestAsync("浙0102", runner);
        var steps = await runner.RunScheduledAsync();

        Assert.True(first.Started);
        Assert.False(second.Started);
        Assert.Equal(2, steps.Count); // the run, then its continuation for the second upload
        Assert.All(steps, s => Assert.Equal(17, s.Result!.Cases));
        Assert.Null(steps[^1].Next);
        Assert.Equal(["aggregate-浙-2", "aggregate-浙-1"], (await store.RunsAsync(5)).Select(r => r.RunId).Order(StringComparer.Ordinal).Reverse());
        Assert.Null((await queue.ReadAsync("浙")).Active);
        var year = await store.GetAsync("浙0102", "2025");
        Assert.NotNull(year);
        Assert.Empty(await _bench.Store.ListAsync(AggregationActivities.RunsZone + "/aggregate-").ToListAsync());
    }
}
