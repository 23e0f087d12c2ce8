using System.Runtime.CompilerServices;
using Reporting.Core.Cases;
using Reporting.Core.Indicators;
using Reporting.Pipeline.Files;

namespace Reporting.Pipeline.Curated;

/// <summary>
/// Normalised cases per court and export window: curated/{court}/{window}/{ingestionId}.parquet, listed by
/// curated/{court}/manifest.json. A new file for a window replaces the old one by a manifest swap.
/// </summary>
public sealed class CuratedZone(IFileStore store, ICaseFileFormat format)
{
    public const string Zone = "curated";

    public static string ManifestPath(string court) => StorePath.Join(Zone, StorePath.Segment(court, "法院代字"), "manifest.json");

    public string FilePath(string court, string window, string ingestionId) =>
        StorePath.Join(Zone, StorePath.Segment(court, "法院代字"), StorePath.Segment(window, "窗口"), StorePath.Segment(ingestionId, "ingestion id") + format.Extension);

    /// <summary>A writer for one window's file, to be committed with <see cref="CommitAsync"/>.</summary>
    public ICaseFileWriter CreateWriter(Stream output) => format.CreateWriter(output);

    public async Task<(CuratedManifest Manifest, string? Version)> ReadManifestAsync(string court, CancellationToken cancellationToken = default)
    {
        var path = ManifestPath(court);
        var info = await store.GetInfoAsync(path, cancellationToken).ConfigureAwait(false);
        if (info is null)
        {
            return (CuratedManifest.Empty(court), null);
        }
        await using var stream = await store.OpenReadAsync(path, cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return (CuratedManifest.FromJson(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)), info.Version);
    }

    /// <summary>
    /// Uploads a finished case file under its content-derived name, then swaps the manifest to point the window at
    /// it, then removes the file it replaced. A crash before the swap leaves the old state (plus an unreferenced file
    /// that the next attempt overwrites); after it, the new state.
    /// </summary>
    public async Task<CuratedWindow> CommitAsync(string court, string window, string ingestionId, string caseFile, long cases, string source,
        DateTimeOffset ingestedAt, CancellationToken cancellationToken = default)
    {
        var path = FilePath(court, window, ingestionId);
        await using (var content = File.OpenRead(caseFile))
        {
            await store.WriteAsync(path, content, cancellationToken).ConfigureAwait(false);
        }
        var entry = new CuratedWindow(ingestionId, path, cases, source, ingestedAt);
        for (var attempt = 0; ; attempt++)
        {
            var (manifest, version) = await ReadManifestAsync(court, cancellationToken).ConfigureAwait(false);
            manifest.Windows.TryGetValue(window, out var replaced);
            using var json = new MemoryStream(manifest.With(window, entry).ToJson());
            var written = await store.TryWriteAsync(ManifestPath(court), json, version, cancellationToken).ConfigureAwait(false);
            if (written is not null)
            {
                if (replaced is not null && replaced.File != path)
                {
                    await store.DeleteAsync(replaced.File, cancellationToken).ConfigureAwait(false);
                }
                return entry;
            }
            if (attempt >= 20)
            {
                throw new IOException($"法院“{court}”的清单被并发修改，提交失败 / the manifest of court '{court}' kept changing; commit gave up");
            }
            await Task.Delay(20 * (attempt + 1), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The court's current cases: every window's file, the latest window winning when a 案号 appears in several.
    /// </summary>
    public async IAsyncEnumerable<CaseRecord> ReadCasesAsync(string court, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (manifest, _) = await ReadManifestAsync(court, cancellationToken).ConfigureAwait(false);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var window in manifest.Windows.Keys.OrderDescending(StringComparer.Ordinal))
        {
            await using var stream = await OpenSeekableAsync(manifest.Windows[window].File, cancellationToken).ConfigureAwait(false);
            await foreach (var record in format.ReadAsync(stream, cancellationToken).ConfigureAwait(false))
            {
                if (seen.Add(record.CaseNumber.ToString()))
                {
                    yield return record;
                }
            }
        }
    }

    /// <summary>
    /// Loads the courts' current cases into the indicator engine's table. Files are decoded two courts at a time (the
    /// costly part), each court's windows newest first, and every row group is added as soon as it is decoded. The
    /// table keeps a court's first version of a 案号 (so the latest window wins) and settles a 案号 held by two courts
    /// by court code, so the result does not depend on timing. <paramref name="progress"/> counts the rows read, which
    /// end at the manifests' total (a case in several windows is read in each, kept once).
    /// </summary>
    public async Task LoadIntoAsync(IReadOnlyList<string> courts, CaseTable table, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        // Each manifest is read once: the table is sized from, and filled with, the same versions.
        var manifests = new List<(string Court, CuratedManifest Manifest)>(courts.Count);
        foreach (var court in courts)
        {
            manifests.Add((court, (await ReadManifestAsync(court, cancellationToken).ConfigureAwait(false)).Manifest));
        }
        var expected = table.Count + manifests.Sum(m => m.Manifest.Windows.Values.Sum(w => w.Cases));
        table.Reserve((int)Math.Min(expected, int.MaxValue));
        long read = 0;
        // Two courts decode at once and add each row group as it comes: nothing larger than a row group is held
        // besides the table (a court's rows in one list cost more than the table itself at 5M cases). The table's
        // duplicate rule does not depend on the order courts arrive in, so the interleaving is harmless.
        await Parallel.ForEachAsync(manifests, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken }, async (entry, ct) =>
        {
            var (court, manifest) = entry;
            // Latest window first: the table keeps the first version of a 案号 it sees from a court.
            foreach (var window in manifest.Windows.Keys.OrderDescending(StringComparer.Ordinal))
            {
                await using var stream = await OpenSeekableAsync(manifest.Windows[window].File, ct).ConfigureAwait(false);
                await format.ReadRowsAsync(stream, court, rows =>
                {
                    lock (table)
                    {
                        foreach (var row in rows)
                        {
                            table.Add(row);
                        }
                        read += rows.Count;
                        progress?.Report(read);
                    }
                }, ct).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }

    private async Task<Stream> OpenSeekableAsync(string path, CancellationToken cancellationToken)
    {
        var stream = await store.OpenReadAsync(path, cancellationToken).ConfigureAwait(false);
        if (stream.CanSeek)
        {
            return stream;
        }
        var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        await using (stream.ConfigureAwait(false))
        {
            await stream.CopyToAsync(temp, cancellationToken).ConfigureAwait(false);
        }
        temp.Position = 0;
        return temp;
    }
}
