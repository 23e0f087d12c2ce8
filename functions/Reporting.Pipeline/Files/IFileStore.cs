namespace Reporting.Pipeline.Files;

/// <summary>A stored file's path, size and version (an ETag: changes with every write).</summary>
public sealed record StoredFile(string Path, long Length, string Version, DateTimeOffset LastModified);

/// <summary>
/// Files addressed by forward-slash paths whose first segment is the zone (court-exports, curated, ingest-reports,
/// ledger, reports): a folder locally, a container in Blob Storage. Every write is all-or-nothing: a reader sees the
/// old content or the new, never a part.
/// </summary>
public interface IFileStore
{
    Task<StoredFile?> GetInfoAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Opens a file for reading; <see cref="FileNotFoundException"/> when it does not exist.</summary>
    Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces a file; returns its new version.</summary>
    Task<string> WriteAsync(string path, Stream content, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes only if the file is still at <paramref name="expectedVersion"/> (null: only if it does not exist).
    /// Returns the new version, or null when someone else changed it first.
    /// </summary>
    Task<string?> TryWriteAsync(string path, Stream content, string? expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Deletes a file; false when there was none.</summary>
    Task<bool> DeleteAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Every file whose path starts with <paramref name="prefix"/>, in ordinal path order.</summary>
    IAsyncEnumerable<StoredFile> ListAsync(string prefix, CancellationToken cancellationToken = default);
}
