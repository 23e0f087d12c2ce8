using Reporting.Storage.Azure;
using Reporting.Storage.Local;
using Reporting.Pipeline.Ingest;
using Reporting.Tests.Shared;

namespace Reporting.Storage.Tests;

/// <summary>One contract for every <see cref="IIngestionLedger"/> adapter.</summary>
public abstract class LedgerContract
{
    protected abstract IIngestionLedger Ledger { get; }

    private static LedgerEntry Entry(string court, string id, string status = "accepted") =>
        new(id, court, "2025-12", status, "court-exports/x.csv", $"ingest-reports/{court}/2025-12/{id}.json", new DateTimeOffset(2026, 1, 15, 2, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Record_ThenFind_ByCourtAndContentHash()
    {
        var id = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
        Assert.Null(await Ledger.FindAsync("浙0102", id));
        await Ledger.RecordAsync(Entry("浙0102", id));
        Assert.Equal(Entry("浙0102", id), await Ledger.FindAsync("浙0102", id));
        Assert.Null(await Ledger.FindAsync("浙0103", id));
    }

    [Fact]
    public async Task Record_Again_Replaces()
    {
        var id = Guid.NewGuid().ToString("N");
        await Ledger.RecordAsync(Entry("浙0102", id, "rejected"));
        await Ledger.RecordAsync(Entry("浙0102", id, "accepted"));
        Assert.Equal("accepted", (await Ledger.FindAsync("浙0102", id))!.Status);
    }
}

public sealed class FileLedgerContract : LedgerContract, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("reporting-ledger-").FullName;
    private IIngestionLedger? _ledger;

    protected override IIngestionLedger Ledger => _ledger ??= new FileIngestionLedger(new LocalFileStore(_root));

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

public sealed class SqliteLedgerContract : LedgerContract, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("reporting-ledger-").FullName;
    private IIngestionLedger? _ledger;

    protected override IIngestionLedger Ledger => _ledger ??= new SqliteAggregateStore(Path.Combine(_root, "aggregates.db"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }
}

public sealed class CosmosLedgerContract(CosmosServer server) : LedgerContract, IClassFixture<CosmosServer>
{
    private IIngestionLedger? _ledger;

    protected override IIngestionLedger Ledger => _ledger ??= CosmosAggregateStore.OpenAsync(CosmosTestClient.Create(server), "reporting-test").GetAwaiter().GetResult();
}
