using Reporting.Core.Indicators;

namespace Reporting.Core.Reports;

/// <summary>五、国际口径对照: CEPEJ clearance rate and disposition time, CourTools pending-age bands, the linked 案-件比.</summary>
public sealed record InternationalComparison(
    IndicatorReading? ClearanceRate, IndicatorReading? DispositionTime, IReadOnlyList<PendingAgeBand> PendingAge,
    IndicatorReading? LinkedCaseMatterRatio, IReadOnlyList<string> Sentences);
