
namespace Reporting.Core.Indicators;

/// <summary>Counts of the cases a court credits to one 承办部门 (null: cases that name none).</summary>
public sealed record DivisionFlows(string? Division, double[][] Rows);
