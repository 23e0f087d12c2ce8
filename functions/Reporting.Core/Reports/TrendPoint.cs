using Reporting.Core.Periods;

namespace Reporting.Core.Reports;

/// <summary>A value of one indicator in one period of a trend; null when nothing is stored or the value is undefined.</summary>
public sealed record TrendPoint(Period Period, double? Value);
