using Reporting.Core.Indicators;

namespace Reporting.Core.Reports;

/// <summary>四、下辖法院情况: subordinate courts in court-code order (never ranked) with the main indicators.</summary>
public sealed record SubordinateOverview(IReadOnlyList<IndicatorDefinition> Columns, IReadOnlyList<SubordinateCourt> Courts, string Sentence);
