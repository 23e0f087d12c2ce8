
namespace Reporting.Pipeline.Aggregate;

/// <summary>Counting's result: where the counts were stored, how many cases, and the months the data covers.</summary>
public sealed record CountResult(string FlowsPath, long Cases, int? FirstMonth, int? LastMonth);
