
namespace Reporting.Pipeline.Api;

/// <summary>One period's value of an indicator; <see cref="Value"/> is null where nothing is stored or it cannot be computed.</summary>
public sealed record SeriesPoint(string Period, double? Value, string Display, bool? InRange, bool Unusual);
