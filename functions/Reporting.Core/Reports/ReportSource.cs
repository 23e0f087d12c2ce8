using Reporting.Core.Indicators;
using Reporting.Core.Periods;

namespace Reporting.Core.Reports;

/// <summary>One period of a court's history: its indicator values, or null when nothing is stored for it.</summary>
public sealed record HistoryPoint(Period Period, IReadOnlyDictionary<string, double?>? Values);

/// <summary>A subordinate court's readings for the report period and its history.</summary>
public sealed record SubordinateSource(string Code, string Name, IReadOnlyList<IndicatorReading> Readings, IReadOnlyList<HistoryPoint> History);

/// <summary>What a situation report is composed from: the court's stored aggregates, read by the pipeline.</summary>
/// <param name="History">The twelve periods of the report's kind ending with the report period, oldest first.</param>
/// <param name="Subordinates">Empty for a court without subordinate courts; ordered by court code.</param>
public sealed record ReportSource(
    string Court, string CourtName, Period Period, Period ComparedWith, Comparison Comparison, DateOnly GeneratedOn,
    IReadOnlyList<IndicatorReading> Readings, IReadOnlyList<CaseloadLine> Caseload, IReadOnlyList<HistoryPoint> History,
    IReadOnlyList<SubordinateSource> Subordinates, IndicatorCatalog Catalog);
