
namespace Reporting.Core.Indicators;

/// <summary>Counts of one court's own cases: term × month; and per 承办部门 when its exports name them.</summary>
/// <param name="Divisions">Null when no case of the court names a division; otherwise they sum to <paramref name="Rows"/>.</param>
public sealed record CourtFlows(string Court, double[][] Rows, IReadOnlyList<DivisionFlows>? Divisions = null);
