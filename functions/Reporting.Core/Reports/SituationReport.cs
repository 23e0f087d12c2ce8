using Reporting.Core.Indicators;
using Reporting.Core.Periods;

namespace Reporting.Core.Reports;

/// <summary>
/// A 审判态势分析报告 as content: every figure and every sentence that states one is computed from the aggregates.
/// The PDF is one rendering of it; nothing here knows about pages.
/// </summary>
public sealed record SituationReport(
    ReportCover Cover,
    CaseloadOverview Overview,
    IndicatorOverview Indicators,
    IReadOnlyList<AttentionItem> Attention,
    SubordinateOverview? Subordinates,
    InternationalComparison International,
    IReadOnlyList<IndicatorDescription> Definitions,
    string CatalogueNote);

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

/// <summary>One category's caseload now and in the comparison period.</summary>
public sealed record CaseloadLine(string Category, CaseloadCount Current, CaseloadCount Before);

/// <summary>一、总体情况: counted cases filed, closed and pending per category and in total, and the sentence that states them.</summary>
public sealed record CaseloadOverview(IReadOnlyList<CaseloadLine> Lines, CaseloadLine Total, string Sentence);

public sealed record IndicatorGroup(string Name, IReadOnlyList<IndicatorReading> Readings);

/// <summary>二、指标运行情况: the main indicators by group (质量, 效率, 效果) and the summary sentence.</summary>
public sealed record IndicatorOverview(IReadOnlyList<IndicatorGroup> Groups, IndicatorSummary Summary);

/// <summary>A value of one indicator in one period of a trend; null when nothing is stored or the value is undefined.</summary>
public sealed record TrendPoint(Period Period, double? Value);

/// <summary>
/// One indicator of 三、异动与弱势指标: why it is listed, its move in words, its trend over twelve periods, and the
/// same indicator per 承办部门 (empty when the data names no division).
/// </summary>
public sealed record AttentionItem(IndicatorReading Reading, bool OutOfRange, string Sentence, IReadOnlyList<TrendPoint> Trend)
{
    public IReadOnlyList<DivisionReading> Divisions { get; init; } = [];

    /// <summary>The drill-down in words; null when there is no drill-down.</summary>
    public string? DivisionSentence { get; init; }
}

/// <summary>An indicator for one 承办部门, compared with the same earlier period as the court's.</summary>
public sealed record DivisionReading(string Division, IndicatorReading Reading)
{
    /// <summary>How the report names cases whose export gives no 承办部门.</summary>
    public const string Unnamed = "未注明承办部门";
}

public sealed record SubordinateCourt(string Code, string Name, IReadOnlyList<IndicatorReading> Readings, IReadOnlyList<TrendPoint> CaseMatterTrend);

/// <summary>四、下辖法院情况: subordinate courts in court-code order (never ranked) with the main indicators.</summary>
public sealed record SubordinateOverview(IReadOnlyList<IndicatorDefinition> Columns, IReadOnlyList<SubordinateCourt> Courts, string Sentence);

/// <summary>A CourTools pending-age band: its cases at the end of the period and their share of all pending cases.</summary>
public sealed record PendingAgeBand(string Label, IndicatorReading Reading);

/// <summary>五、国际口径对照: CEPEJ clearance rate and disposition time, CourTools pending-age bands, the linked 案-件比.</summary>
public sealed record InternationalComparison(
    IndicatorReading? ClearanceRate, IndicatorReading? DispositionTime, IReadOnlyList<PendingAgeBand> PendingAge,
    IndicatorReading? LinkedCaseMatterRatio, IReadOnlyList<string> Sentences);
