using System.Text.Json;
using Reporting.Pipeline.Files;
using Reporting.Pipeline.Json;

namespace Reporting.Pipeline.Ingest;

/// <summary>What became of one file: keyed by court and the SHA-256 of its bytes.</summary>
public sealed record LedgerEntry(string IngestionId, string Court, string? Window, string Status, string File, string ReportFile, DateTimeOffset IngestedAt);

/// <summary>The ingestion ledger: the same file uploaded twice is recognised and changes nothing.</summary>
public interface IIngestionLedger
{
    Task<LedgerEntry?> FindAsync(string court, string ingestionId, CancellationToken cancellationToken = default);

    /// <summary>Records an entry; written last, after everything it points to exists.</summary>
    Task RecordAsync(LedgerEntry entry, CancellationToken cancellationToken = default);
}

/// <summary>The ledger as files: ledger/{court}/{ingestionId}.json.</summary>
public sealed class FileIngestionLedger(IFileStore store) : IIngestionLedger
{
    private static readonly JsonSerializerOptions Json = ReportingJson.Compact;

    private static string PathOf(string court, string ingestionId) =>
        StorePath.Join("ledger", StorePath.Segment(court, "法院代字"), StorePath.Segment(ingestionId, "ingestion id") + ".json");

    public async Task<LedgerEntry?> FindAsync(string court, string ingestionId, CancellationToken cancellationToken = default)
    {
        var path = PathOf(court, ingestionId);
        if (await store.GetInfoAsync(path, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }
        await using var stream = await store.OpenReadAsync(path, cancellationToken).ConfigureAwait(false);
        return await JsonSerializer.DeserializeAsync<LedgerEntry>(stream, Json, cancellationToken).ConfigureAwait(false);
    }

    public async Task RecordAsync(LedgerEntry entry, CancellationToken cancellationToken = default)
    {
        using var json = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(entry, Json));
        await store.WriteAsync(PathOf(entry.Court, entry.IngestionId), json, cancellationToken).ConfigureAwait(false);
    }
}
