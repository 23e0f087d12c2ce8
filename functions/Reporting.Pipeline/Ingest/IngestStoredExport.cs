using Reporting.Ingestion.Reports;
using Reporting.Pipeline.Files;

namespace Reporting.Pipeline.Ingest;

/// <summary>
/// Ingests an export a court uploaded to the raw zone, court-exports/{court}/{yyyy-MM}/{name}: what the blob trigger
/// (and the local watcher) call. The file is copied to local disk first, because ingestion reads it more than once,
/// and the upload time is the stored file's own, so "in the future" means the same on every retry.
/// </summary>
public sealed class IngestStoredExport(IFileStore store, IngestExport ingest)
{
    public const string ExportZone = "court-exports";

    public async Task<IngestionReport> RunAsync(string path, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        StorePath.Check(path);
        var segments = path.Split('/');
        if (segments.Length != 4 || segments[0] != ExportZone || !ExportPath.IsWindow(segments[2]))
        {
            throw new ArgumentException(
                $"导出文件应位于 {ExportZone}/{{法院代字}}/{{yyyy-MM}}/{{文件名}}：“{path}” / an export must be at {ExportZone}/{{court}}/{{yyyy-MM}}/{{name}}: '{path}'",
                nameof(path));
        }
        var info = await store.GetInfoAsync(path, cancellationToken).ConfigureAwait(false)
            ?? throw new FileNotFoundException($"导出文件不存在 / no such export: {path}", path);
        var local = Path.Combine(Path.GetTempPath(), $"reporting-export-{Guid.NewGuid():N}");
        try
        {
            await using (var source = await store.OpenReadAsync(path, cancellationToken).ConfigureAwait(false))
            await using (var target = new FileStream(local, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
            }
            var upload = new ExportUpload(local, path, segments[1], segments[2], info.LastModified);
            return await ingest.RunAsync(upload, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(local);
        }
    }
}
