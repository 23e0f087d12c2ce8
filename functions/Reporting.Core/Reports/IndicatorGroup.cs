using Reporting.Core.Indicators;

namespace Reporting.Core.Reports;

public sealed record IndicatorGroup(string Name, IReadOnlyList<IndicatorReading> Readings);
