
namespace Reporting.Pipeline.Aggregate;

public sealed record RunRecordInput(string RunId, DateTime Started, DateTime? Finished, string Status, int Courts, IReadOnlyList<string> Periods, string? Error);
