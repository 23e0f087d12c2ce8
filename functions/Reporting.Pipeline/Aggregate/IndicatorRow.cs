
namespace Reporting.Pipeline.Aggregate;

/// <summary>One indicator as the query API returns it (the JSON contract of <c>reporting query</c>).</summary>
public sealed record IndicatorRow(
    string Id, string Name, string Group, string Unit, double? Value, string Display, double Numerator, double Denominator,
    double? Previous, double? Change, string? Trend, bool? InRange, RangeRow? Range, bool Unusual, bool LowSample);
