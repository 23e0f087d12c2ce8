using System.Text.Json;
using Microsoft.Data.Sqlite;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Ingest;
using Reporting.Pipeline.Json;

namespace Reporting.Storage.Local;

/// <summary>
/// The embedded store: one SQLite file holding the aggregates (JSON keyed by court and period), the run records and
/// the ingestion ledger. An upsert of many documents is one transaction, so a crash leaves the old aggregates or the
/// new, never a mix.
/// </summary>
public sealed class SqliteAggregateStore : IAggregateStore, IIngestionLedger
{
    private static readonly JsonSerializerOptions Json = ReportingJson.Compact;

    private readonly string _connectionString;

    public SqliteAggregateStore(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // Pooled: an unpooled open re-reads the schema, and the close of the last connection checkpoints and deletes the
        // WAL files, on every request of `reporting serve` (docs/benchmarks.md, issue 7). Whoever deletes the folder
        // clears the pools first (SqliteConnection.ClearAllPools), or a pooled connection keeps the old file.
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        using var connection = Open();
        Execute(connection, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS aggregates (
                court TEXT NOT NULL, period TEXT NOT NULL, computed_at TEXT NOT NULL, run_id TEXT NOT NULL, document TEXT NOT NULL,
                PRIMARY KEY (court, period));
            CREATE TABLE IF NOT EXISTS runs (
                run_id TEXT PRIMARY KEY, started TEXT NOT NULL, document TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS ledger (
                court TEXT NOT NULL, ingestion_id TEXT NOT NULL, document TEXT NOT NULL, PRIMARY KEY (court, ingestion_id));
            """);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout = 10000;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public async Task UpsertAsync(IReadOnlyCollection<AggregateDocument> documents, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO aggregates (court, period, computed_at, run_id, document) VALUES ($court, $period, $at, $run, $doc)
            ON CONFLICT (court, period) DO UPDATE SET computed_at = excluded.computed_at, run_id = excluded.run_id, document = excluded.document;
            """;
        var court = command.Parameters.Add("$court", SqliteType.Text);
        var period = command.Parameters.Add("$period", SqliteType.Text);
        var at = command.Parameters.Add("$at", SqliteType.Text);
        var run = command.Parameters.Add("$run", SqliteType.Text);
        var doc = command.Parameters.Add("$doc", SqliteType.Text);
        foreach (var document in documents)
        {
            court.Value = document.Court;
            period.Value = document.Period;
            at.Value = document.ComputedAt.ToString("O");
            run.Value = document.RunId;
            doc.Value = JsonSerializer.Serialize(document, Json);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<AggregateDocument?> GetAsync(string court, string period, CancellationToken cancellationToken = default) =>
        (await TextsAsync("SELECT document FROM aggregates WHERE court = $court AND period = $period", cancellationToken,
            ("$court", court), ("$period", period)).ConfigureAwait(false)) is [var json] ? JsonSerializer.Deserialize<AggregateDocument>(json, Json) : null;

    public async Task<IReadOnlyList<string>> PeriodsAsync(string court, CancellationToken cancellationToken = default) =>
        await TextsAsync("SELECT period FROM aggregates WHERE court = $court ORDER BY period", cancellationToken, ("$court", court)).ConfigureAwait(false);

    public Task RecordRunAsync(AggregationRunRecord run, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            INSERT INTO runs (run_id, started, document) VALUES ($id, $started, $doc)
            ON CONFLICT (run_id) DO UPDATE SET document = excluded.document;
            """, cancellationToken, ("$id", run.RunId), ("$started", run.Started.ToString("O")), ("$doc", JsonSerializer.Serialize(run, Json)));

    public async Task<IReadOnlyList<AggregationRunRecord>> RunsAsync(int latest, CancellationToken cancellationToken = default) =>
        (await TextsAsync("SELECT document FROM runs ORDER BY started DESC LIMIT $n", cancellationToken, ("$n", latest)).ConfigureAwait(false))
            .Select(json => JsonSerializer.Deserialize<AggregationRunRecord>(json, Json)!).ToList();

    public async Task<LedgerEntry?> FindAsync(string court, string ingestionId, CancellationToken cancellationToken = default) =>
        (await TextsAsync("SELECT document FROM ledger WHERE court = $court AND ingestion_id = $id", cancellationToken,
            ("$court", court), ("$id", ingestionId)).ConfigureAwait(false)) is [var json] ? JsonSerializer.Deserialize<LedgerEntry>(json, Json) : null;

    public Task RecordAsync(LedgerEntry entry, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            INSERT INTO ledger (court, ingestion_id, document) VALUES ($court, $id, $doc)
            ON CONFLICT (court, ingestion_id) DO UPDATE SET document = excluded.document;
            """, cancellationToken, ("$court", entry.Court), ("$id", entry.IngestionId), ("$doc", JsonSerializer.Serialize(entry, Json)));

    /// <summary>The first column of every row a query returns.</summary>
    private async Task<List<string>> TextsAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = Open();
        await using var command = Command(connection, sql, parameters);
        var texts = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            texts.Add(reader.GetString(0));
        }
        return texts;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = Open();
        await using var command = Command(connection, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return command;
    }
}
