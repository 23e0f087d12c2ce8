using Reporting.Core.Indicators;

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
