
namespace Reporting.Pipeline.Aggregate;

public sealed record RangeRow(double? Low, double? High);
