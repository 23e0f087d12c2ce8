using System.Runtime.CompilerServices;
using Reporting.Pipeline.Files;

namespace Reporting.Storage.Local;

/// <summary>
/// The embedded default: a folder. Writes go to a temporary file beside the target and are renamed over it
/// (atomic on one file system); conditional writes hold an exclusive lock file while they compare and rename.
/// </summary>
public sealed class LocalFileStore : IFileStore
{
    private readonly string _root;

    public LocalFileStore(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
    }

    public string Root => _root;

    /// <summary>The file system path of a store path, guaranteed to lie under the root.</summary>
    public string FullPath(string path)
    {
        var full = Path.GetFullPath(Path.Combine(_root, StorePath.Check(path)));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"路径“{path}”超出数据目录 / path '{path}' leaves the data folder", nameof(path));
        }
        return full;
    }

    public Task<StoredFile?> GetInfoAsync(string path, CancellationToken cancellationToken = default)
    {
        var info = new FileInfo(FullPath(path));
        return Task.FromResult(info.Exists ? Describe(path, info) : null);
    }

    public Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var full = FullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"文件不存在 / no such file: {path}", path);
        }
        return Task.FromResult<Stream>(new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16,
            FileOptions.Asynchronous | FileOptions.SequentialScan));
    }

    public async Task<string> WriteAsync(string path, Stream content, CancellationToken cancellationToken = default)
    {
        var full = FullPath(path);
        await WriteReplacingAsync(full, content, cancellationToken).ConfigureAwait(false);
        return Version(new FileInfo(full));
    }

    public async Task<string?> TryWriteAsync(string path, Stream content, string? expectedVersion, CancellationToken cancellationToken = default)
    {
        var full = FullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await using var gate = await AcquireLockAsync(full + ".lock", cancellationToken).ConfigureAwait(false);
        var current = new FileInfo(full);
        var currentVersion = current.Exists ? Version(current) : null;
        if (currentVersion != expectedVersion)
        {
            return null;
        }
        await WriteReplacingAsync(full, content, cancellationToken).ConfigureAwait(false);
        return Version(new FileInfo(full));
    }

    public Task<bool> DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        var full = FullPath(path);
        if (!File.Exists(full))
        {
            return Task.FromResult(false);
        }
        File.Delete(full);
        return Task.FromResult(true);
    }

    public async IAsyncEnumerable<StoredFile> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        var slash = prefix.LastIndexOf('/');
        var directory = slash < 0 ? _root : FullPath(prefix[..slash]);
        if (!Directory.Exists(directory))
        {
            yield break;
        }
        var found = new List<StoredFile>();
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (relative.StartsWith(prefix, StringComparison.Ordinal) && !IsWorkFile(relative))
            {
                found.Add(Describe(relative, new FileInfo(file)));
            }
        }
        foreach (var file in found.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return file;
        }
    }

    private static bool IsWorkFile(string path) => path.EndsWith(".lock", StringComparison.Ordinal) || path.EndsWith(".tmp", StringComparison.Ordinal);

    private static async Task WriteReplacingAsync(string full, Stream content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = $"{full}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                output.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private static async Task<FileStream> AcquireLockAsync(string lockPath, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 600)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static StoredFile Describe(string path, FileInfo info) => new(path, info.Length, Version(info), info.LastWriteTimeUtc);

    /// <summary>Every write renames a fresh file into place, so its modification time (ns) and size identify the content.</summary>
    private static string Version(FileInfo info) => $"{info.LastWriteTimeUtc.Ticks:x}-{info.Length:x}";
}
