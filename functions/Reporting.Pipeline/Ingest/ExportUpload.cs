using System.Text.RegularExpressions;
using Reporting.Core.Courts;

namespace Reporting.Pipeline.Ingest;

/// <summary>
/// One uploaded export, already on local disk (a blob is downloaded first: ingestion reads the file more than once).
/// </summary>
/// <param name="LocalFile">Where the bytes are.</param>
/// <param name="Source">The name the court knows it by (its blob path or the path given on the command line).</param>
/// <param name="Court">The uploading court's 法院代字.</param>
/// <param name="Window">The export window yyyy-MM, or null to take the month of the latest date in the file.</param>
/// <param name="UploadedAt">When the court uploaded it: dates after this day are rejected as in the future.</param>
public sealed record ExportUpload(string LocalFile, string Source, string Court, string? Window, DateTimeOffset UploadedAt);

/// <summary>Reads court and window from paths of the form …/{courtCode}/{yyyy-MM}/{name}.</summary>
public static partial class ExportPath
{
    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])$")]
    private static partial Regex WindowPattern();

    public static bool IsWindow(string? text) => text is not null && WindowPattern().IsMatch(text);

    /// <summary>The court code in the path: the segment before a yyyy-MM segment, or else the nearest well-formed code.</summary>
    public static (string? Court, string? Window) Parse(string path)
    {
        var segments = path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = segments.Length - 2; i >= 1; i--)
        {
            if (IsWindow(segments[i]) && CourtCode.IsWellFormed(segments[i - 1]))
            {
                return (segments[i - 1], segments[i]);
            }
        }
        for (var i = segments.Length - 2; i >= 0; i--)
        {
            if (CourtCode.IsWellFormed(segments[i]))
            {
                return (segments[i], null);
            }
        }
        return (null, null);
    }
}
