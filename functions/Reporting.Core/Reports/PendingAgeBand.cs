using Reporting.Core.Indicators;

namespace Reporting.Core.Reports;

/// <summary>A CourTools pending-age band: its cases at the end of the period and their share of all pending cases.</summary>
public sealed record PendingAgeBand(string Label, IndicatorReading Reading);
