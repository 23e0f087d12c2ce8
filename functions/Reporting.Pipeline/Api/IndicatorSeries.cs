using Reporting.Pipeline.Aggregate;

namespace Reporting.Pipeline.Api;

/// <summary>An indicator over periods for a court and the courts directly below it (by code).</summary>
public sealed record IndicatorSeries(string Indicator, string Name, string Unit, RangeRow? Range, CourtSeries Court, IReadOnlyList<CourtSeries> Children);
