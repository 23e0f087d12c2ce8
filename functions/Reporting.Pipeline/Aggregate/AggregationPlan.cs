
namespace Reporting.Pipeline.Aggregate;

public sealed record AggregationPlan(string RunId, IReadOnlyList<string> Courts, IReadOnlyList<string> Periods);
