using Reporting.Core.Indicators;
using Reporting.Core.Periods;

namespace Reporting.Core.Reports;

/// <summary>One period of a court's history: its indicator values, or null when nothing is stored for it.</summary>
public sealed record HistoryPoint(Period Period, IReadOnlyDictionary<string, double?>? Values);

/// <summary>A subordinate court's readings for the report period and its history.</summary>
public sealed record SubordinateSource(string Code, string Name, IReadOnlyList<IndicatorReading> Readings, IReadOnlyList<HistoryPoint> History);

/// <summary>
/// One 承办部门 of the court's scope (null name: cases that name none) with its indicator values for the report period
/// and the compared period; an indicator the division has no count for is absent.
/// </summary>
public sealed record DivisionSource(string? Name, IReadOnlyDictionary<string, IndicatorValue> Current, IReadOnlyDictionary<string, IndicatorValue> Earlier);

/// <summary>What a situation report is composed from: the court's stored aggregates, read by the pipeline.</summary>
/// <param name="History">The twelve periods of the report's kind ending with the report period, oldest first.</param>
/// <param name="Subordinates">Empty for a court without subordinate courts; ordered by court code.</param>
public sealed record ReportSource(
    string Court, string CourtName, Period Period, Period ComparedWith, Comparison Comparison, DateOnly GeneratedOn,
    IReadOnlyList<IndicatorReading> Readings, IReadOnlyList<CaseloadLine> Caseload, IReadOnlyList<HistoryPoint> History,
    IReadOnlyList<SubordinateSource> Subordinates, IndicatorCatalog Catalog)
{
    /// <summary>The scope's 承办部门 in name order; empty when the data names none.</summary>
    public IReadOnlyList<DivisionSource> Divisions { get; init; } = [];
}
