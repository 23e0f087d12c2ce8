using Reporting.Core.Indicators;

namespace Reporting.Core.Reports;

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
