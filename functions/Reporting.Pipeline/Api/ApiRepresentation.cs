using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Reporting.Pipeline.Json;

namespace Reporting.Pipeline.Api;

/// <summary>
/// An answer's bytes as they go on the wire: JSON (problem details for errors) or, when asked for, CSV. Both hosts
/// write exactly these, so a client sees the same bodies, types and ETags from either.
/// </summary>
public sealed record ApiRepresentation(int Status, byte[] Body, string ContentType, string? ETag = null, string? FileName = null)
{
    public const string JsonType = "application/json; charset=utf-8";
    public const string ProblemType = "application/problem+json; charset=utf-8";
    public const string CsvType = "text/csv; charset=utf-8";

    /// <summary>An answer as JSON: the body, or its problem details.</summary>
    public static ApiRepresentation Of(ApiAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return new(answer.Status, JsonSerializer.SerializeToUtf8Bytes(answer.Body, ReportingJson.Compact), answer.IsProblem ? ProblemType : JsonType);
    }

    /// <summary>
    /// A 200 answer as JSON or, with format=csv or an Accept naming text/csv, as UTF-8 CSV with a byte-order mark
    /// (so spreadsheet tools read the Chinese); either way with a strong ETag over the bytes, and 304 with no body
    /// when <paramref name="ifNoneMatch"/> already holds it. Other answers pass through as JSON.
    /// </summary>
    public static ApiRepresentation Negotiate(ApiAnswer answer, string? format, string? accept, string? ifNoneMatch, Func<object, string> csv, string csvName)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(csv);
        if (answer.Status != 200 || answer.Body is null)
        {
            return Of(answer);
        }
        var wantsCsv = WantsCsv(format, accept);
        if (format is { Length: > 0 } && !wantsCsv && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return Of(AnalystApi.BadRequest(new Dictionary<string, string[]>
            {
                ["format"] = [$"format 只能是 json 或 csv，而不是“{format}” / format must be json or csv, not '{format}'"],
            }));
        }
        byte[] bytes = wantsCsv
            ? [.. IndicatorCsv.Utf8Bom, .. Encoding.UTF8.GetBytes(csv(answer.Body))]
            : JsonSerializer.SerializeToUtf8Bytes(answer.Body, ReportingJson.Compact);
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"";
        return new ApiRepresentation(200, bytes, wantsCsv ? CsvType : JsonType, etag, wantsCsv ? csvName : null).Unless(ifNoneMatch);
    }

    /// <summary>Whether format (or, without one, Accept) asks for CSV: the one thing of either an answer depends on.</summary>
    public static bool WantsCsv(string? format, string? accept) =>
        string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
        || (format is null && accept?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>304 with no body when the client's If-None-Match already holds this answer's ETag; else this answer.</summary>
    public ApiRepresentation Unless(string? ifNoneMatch) =>
        Status == 200 && ETag is { } etag && ifNoneMatch is { Length: > 0 } && ifNoneMatch.Split(',').Select(t => t.Trim()).Any(t => t == "*" || t == etag)
            ? this with { Status = 304, Body = [], FileName = null }
            : this;
}
