using Reporting.Core.Indicators;
using Reporting.Core.Periods;

namespace Reporting.Core.Reports;

public sealed record ReportCover(string CourtCode, string CourtName, Period Period, Period ComparedWith, Comparison Comparison, DateOnly GeneratedOn)
{
    /// <summary>The marking every briefing for leadership carries.</summary>
    public const string Marking = "内部资料";

    public string Title => $"{CourtName}{Period.ChineseLabel()}审判态势分析报告";

    /// <summary>同比 or 环比.</summary>
    public string ComparisonWord => Comparison == Comparison.YearOnYear ? "同比" : "环比";

    /// <summary>How the compared period is named in a table: 去年同期 or 上期.</summary>
    public string EarlierName => Comparison == Comparison.YearOnYear ? "去年同期" : "上期";
}
