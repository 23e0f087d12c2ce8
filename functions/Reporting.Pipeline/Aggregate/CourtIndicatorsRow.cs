
namespace Reporting.Pipeline.Aggregate;

public sealed record CourtIndicatorsRow(
    string Court, string CourtName, string Period, string ComparedWith, IReadOnlyList<IndicatorRow> Indicators, SummaryRow Summary,
    IReadOnlyList<CourtIndicatorsRow>? Children);
