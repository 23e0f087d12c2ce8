using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs;
using Azure;
using Reporting.Pipeline.Files;

namespace Reporting.Storage.Azure;

/// <summary>
/// Azure Blob Storage: the first path segment is the container, the rest the blob name. Uploads are committed in one
/// step by the service (block list), so readers never see part of a blob; conditional writes use ETags.
/// </summary>
public sealed class BlobFileStore(BlobServiceClient service) : IFileStore
{
    private readonly ConcurrentDictionary<string, Task> _created = new(StringComparer.Ordinal);

    public async Task<StoredFile?> GetInfoAsync(string path, CancellationToken cancellationToken = default)
    {
        var blob = Blob(path);
        try
        {
            var props = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return new StoredFile(path, props.Value.ContentLength, props.Value.ETag.ToString(), props.Value.LastModified);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await Blob(path).DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return result.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new FileNotFoundException($"文件不存在 / no such file: {path}", path, e);
        }
    }

    public async Task<string> WriteAsync(string path, Stream content, CancellationToken cancellationToken = default)
    {
        var blob = Blob(path);
        await EnsureContainerAsync(blob, cancellationToken).ConfigureAwait(false);
        var result = await blob.UploadAsync(content, overwrite: true, cancellationToken).ConfigureAwait(false);
        return result.Value.ETag.ToString();
    }

    /// <summary>
    /// A conditional upload. Each carries a fresh write id in its metadata: when the SDK retries an upload whose first
    /// attempt reached the service but whose answer was lost, the retry fails its condition against our own blob, and
    /// the id tells that apart from another writer's, so the write is reported as done rather than lost.
    /// </summary>
    public async Task<string?> TryWriteAsync(string path, Stream content, string? expectedVersion, CancellationToken cancellationToken = default)
    {
        var blob = Blob(path);
        await EnsureContainerAsync(blob, cancellationToken).ConfigureAwait(false);
        var conditions = expectedVersion is null
            ? new BlobRequestConditions { IfNoneMatch = ETag.All }
            : new BlobRequestConditions { IfMatch = new ETag(expectedVersion) };
        var writeId = Guid.NewGuid().ToString("N");
        try
        {
            var options = new BlobUploadOptions { Conditions = conditions, Metadata = new Dictionary<string, string> { [WriteIdKey] = writeId } };
            var result = await blob.UploadAsync(content, options, cancellationToken).ConfigureAwait(false);
            return result.Value.ETag.ToString();
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            try
            {
                var stored = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                return stored.Value.Metadata.TryGetValue(WriteIdKey, out var id) && id == writeId ? stored.Value.ETag.ToString() : null;
            }
            catch (RequestFailedException missing) when (missing.Status == 404)
            {
                return null;
            }
        }
    }

    private const string WriteIdKey = "reportingwriteid";

    public async Task<bool> DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await Blob(path).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    public async IAsyncEnumerable<StoredFile> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var slash = prefix.IndexOf('/', StringComparison.Ordinal);
        var containerName = slash < 0 ? prefix : prefix[..slash];
        var blobPrefix = slash < 0 ? "" : prefix[(slash + 1)..];
        if (containerName.Length == 0)
        {
            throw new ArgumentException("列举需要指明区域 / listing needs a zone (container) name", nameof(prefix));
        }
        var container = service.GetBlobContainerClient(ContainerName(containerName));
        var found = new List<StoredFile>();
        try
        {
            await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, blobPrefix, cancellationToken).ConfigureAwait(false))
            {
                found.Add(new StoredFile($"{containerName}/{item.Name}", item.Properties.ContentLength ?? 0,
                    item.Properties.ETag?.ToString() ?? "", item.Properties.LastModified ?? DateTimeOffset.MinValue));
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            yield break;
        }
        foreach (var file in found.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            yield return file;
        }
    }

    private BlobClient Blob(string path)
    {
        StorePath.Check(path);
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            throw new ArgumentException($"路径“{path}”缺少区域 / path '{path}' has no zone (container) segment", nameof(path));
        }
        return service.GetBlobContainerClient(ContainerName(path[..slash])).GetBlobClient(path[(slash + 1)..]);
    }

    /// <summary>Zones are lower-case ASCII names with hyphens, valid as container names as they are.</summary>
    private static string ContainerName(string zone)
    {
        if (zone.Length is < 3 or > 63 || !zone.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            throw new ArgumentException($"区域名“{zone}”不能用作容器名 / zone '{zone}' is not a valid container name", nameof(zone));
        }
        return zone;
    }

    /// <summary>Creates each container once per process; a creation that failed (a transient fault) is tried again by the next write.</summary>
    private async Task EnsureContainerAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        var name = blob.BlobContainerName;
        var creating = _created.GetOrAdd(name, _ => CreateContainerAsync(service.GetBlobContainerClient(name), cancellationToken));
        try
        {
            await creating.ConfigureAwait(false);
        }
        catch
        {
            _created.TryRemove(KeyValuePair.Create(name, creating));
            throw;
        }
    }

    private static async Task CreateContainerAsync(BlobContainerClient container, CancellationToken cancellationToken) =>
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
}
