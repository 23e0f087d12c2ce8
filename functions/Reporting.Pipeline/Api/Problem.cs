using System.Text.Json.Serialization;

namespace Reporting.Pipeline.Api;

/// <summary>
/// A bad request, as RFC 9457 problem details; <paramref name="Errors"/> names the offending fields. It is left out
/// when there are none: the shared JSON options keep nulls (the query contract has null values), a problem has no need to.
/// </summary>
public sealed record Problem(string Title, int Status, string Detail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public string Type => "about:blank";
}
