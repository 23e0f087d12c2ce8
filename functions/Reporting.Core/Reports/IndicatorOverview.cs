using Reporting.Core.Indicators;

namespace Reporting.Core.Reports;

/// <summary>二、指标运行情况: the main indicators by group (质量, 效率, 效果) and the summary sentence.</summary>
public sealed record IndicatorOverview(IReadOnlyList<IndicatorGroup> Groups, IndicatorSummary Summary);
