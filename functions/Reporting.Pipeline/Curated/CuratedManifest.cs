using System.Text.Json;
using Reporting.Pipeline.Json;

namespace Reporting.Pipeline.Curated;

/// <summary>One export window's current curated file.</summary>
public sealed record CuratedWindow(string IngestionId, string File, long Cases, string Source, DateTimeOffset IngestedAt);

/// <summary>
/// curated/{court}/manifest.json: which file holds each export window of a court. Replaced in one conditional write,
/// so readers see either the old set of files or the new one.
/// </summary>
public sealed record CuratedManifest(string Court, IReadOnlyDictionary<string, CuratedWindow> Windows)
{
    private static readonly JsonSerializerOptions Json = ReportingJson.Indented;

    public static CuratedManifest Empty(string court) => new(court, new SortedDictionary<string, CuratedWindow>(StringComparer.Ordinal));

    public CuratedManifest With(string window, CuratedWindow file)
    {
        var windows = new SortedDictionary<string, CuratedWindow>(Windows.ToDictionary(), StringComparer.Ordinal) { [window] = file };
        return this with { Windows = windows };
    }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static CuratedManifest FromJson(ReadOnlySpan<byte> json)
    {
        var manifest = JsonSerializer.Deserialize<CuratedManifest>(json, Json) ?? throw new JsonException("empty curated manifest");
        return manifest with { Windows = new SortedDictionary<string, CuratedWindow>(manifest.Windows.ToDictionary(), StringComparer.Ordinal) };
    }
}
