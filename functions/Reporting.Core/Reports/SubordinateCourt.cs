using Reporting.Core.Indicators;

namespace Reporting.Core.Reports;

public sealed record SubordinateCourt(string Code, string Name, IReadOnlyList<IndicatorReading> Readings, IReadOnlyList<TrendPoint> CaseMatterTrend);
