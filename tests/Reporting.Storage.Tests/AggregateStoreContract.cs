using Reporting.Storage.Azure;
using Reporting.Storage.Local;
using Reporting.Pipeline.Aggregate;

namespace Reporting.Storage.Tests;

/// <summary>One contract for every <see cref="IAggregateStore"/> adapter.</summary>
public abstract class AggregateStoreContract
{
    protected abstract IAggregateStore Store { get; }

    private readonly string _court = "浙" + Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private AggregateDocument Doc(string period, double numerator, string run = "r1") => new(
        _court, period, "2024-Q4", "2025-Q3", "v1", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), run,
        [
            new StoredIndicator("appeal-rate", new StoredValue(numerator, 100, numerator / 100), new StoredValue(10, 100, 0.1), new StoredValue(12, 100, 0.12)),
            new StoredIndicator("retrial-reversal-remand-ratio", new StoredValue(0, 0, null), new StoredValue(0, 0, null), new StoredValue(0, 0, null)),
        ]);

    [Fact]
    public async Task Upsert_ThenGet_ReturnsTheSameDocument()
    {
        var doc = Doc("2025-Q4", 12);
        await Store.UpsertAsync([doc]);
        var read = await Store.GetAsync(_court, "2025-Q4");
        Assert.NotNull(read);
        Assert.Equal(doc.Court, read.Court);
        Assert.Equal(doc.Indicators, read.Indicators);
        Assert.Null(read.Indicators[1].Current.Value);
    }

    [Fact]
    public async Task Upsert_SameCourtAndPeriod_Replaces()
    {
        await Store.UpsertAsync([Doc("2025-Q4", 12, "r1")]);
        await Store.UpsertAsync([Doc("2025-Q4", 14, "r2")]);
        var read = await Store.GetAsync(_court, "2025-Q4");
        Assert.Equal(("r2", 14.0), (read!.RunId, read.Indicators[0].Current.Numerator));
    }

    [Fact]
    public async Task Missing_IsNull_AndPeriodsAreListedInOrder()
    {
        Assert.Null(await Store.GetAsync(_court, "1999"));
        await Store.UpsertAsync([Doc("2025-12", 1), Doc("2025", 2), Doc("2025-Q4", 3)]);
        Assert.Equal(["2025", "2025-12", "2025-Q4"], await Store.PeriodsAsync(_court));
    }

    [Fact]
    public async Task Runs_AreRecordedAndUpdated()
    {
        var id = "run-" + Guid.NewGuid().ToString("N");
        var started = DateTimeOffset.UtcNow;
        await Store.RecordRunAsync(new AggregationRunRecord(id, started, null, "running", 0, [], null));
        await Store.RecordRunAsync(new AggregationRunRecord(id, started, started.AddSeconds(3), "completed", 17, ["2025"], null));
        var run = Assert.Single(await Store.RunsAsync(50), r => r.RunId == id);
        Assert.Equal(("completed", 17), (run.Status, run.Courts));
    }

    [Fact]
    public async Task TheVersion_ChangesWithEveryRunRecord_AndOnlyThen()
    {
        var id = "run-" + Guid.NewGuid().ToString("N");
        var started = DateTimeOffset.UtcNow;
        var before = await Store.VersionAsync();

        await Store.RecordRunAsync(new AggregationRunRecord(id, started, null, "running", 0, [], null));
        var running = await Store.VersionAsync();
        await Store.UpsertAsync([Doc("2025-Q2", 3)]);
        var afterDocuments = await Store.VersionAsync();
        await Store.RecordRunAsync(new AggregationRunRecord(id, started, started.AddSeconds(3), "completed", 1, ["2025-Q2"], null));
        var completed = await Store.VersionAsync();

        Assert.NotEqual(before, running);
        Assert.Equal(running, afterDocuments);
        Assert.NotEqual(running, completed);
        Assert.Equal(completed, await Store.VersionAsync());
        // The version lives beside the run records, never among them.
        Assert.All(await Store.RunsAsync(50), r => Assert.False(string.IsNullOrEmpty(r.RunId)));
    }
}

public sealed class SqliteAggregateStoreContract : AggregateStoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("reporting-sqlite-").FullName;
    private SqliteAggregateStore? _store;

    protected override IAggregateStore Store => _store ??= new SqliteAggregateStore(Path.Combine(_folder, "aggregates.db"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

public sealed class CosmosAggregateStoreContract(Reporting.Tests.Shared.CosmosServer server) : AggregateStoreContract, IClassFixture<Reporting.Tests.Shared.CosmosServer>
{
    private IAggregateStore? _store;

    protected override IAggregateStore Store => _store ??= CosmosAggregateStore.OpenAsync(Reporting.Tests.Shared.CosmosTestClient.Create(server), "reporting-test").GetAwaiter().GetResult();
}

/// <summary>The same contract through <see cref="CosmosAggregateStore.Open"/>, the function app's path: containers made beforehand, as infrastructure makes them.</summary>
public sealed class CosmosExistingAggregateStoreContract(Reporting.Tests.Shared.CosmosServer server) : AggregateStoreContract, IClassFixture<Reporting.Tests.Shared.CosmosServer>
{
    private IAggregateStore? _store;

    protected override IAggregateStore Store => _store ??= OpenExisting();

    private IAggregateStore OpenExisting()
    {
        var client = Reporting.Tests.Shared.CosmosTestClient.Create(server);
        CosmosAggregateStore.OpenAsync(client, "reporting-existing").GetAwaiter().GetResult();
        return CosmosAggregateStore.Open(client, "reporting-existing");
    }
}
