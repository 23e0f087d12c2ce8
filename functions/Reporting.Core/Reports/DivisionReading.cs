using Reporting.Core.Indicators;

namespace Reporting.Core.Reports;

/// <summary>An indicator for one 承办部门, compared with the same earlier period as the court's.</summary>
public sealed record DivisionReading(string Division, IndicatorReading Reading)
{
    /// <summary>How the report names cases whose export gives no 承办部门.</summary>
    public const string Unnamed = "未注明承办部门";
}
