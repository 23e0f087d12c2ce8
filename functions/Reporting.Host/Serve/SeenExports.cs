using System.Collections.Concurrent;
using Reporting.Pipeline.Files;

namespace Reporting.Host.Serve;

/// <summary>Exports already handed to the inbox in this process, by path and stored version (an upload marks its own).</summary>
public sealed class SeenExports
{
    private readonly ConcurrentDictionary<string, string> _seen = new(StringComparer.Ordinal);

    public bool IsSeen(StoredFile file) => _seen.TryGetValue(file.Path, out var version) && version == file.Version;

    public void Mark(string path, string version) => _seen[path] = version;
}
