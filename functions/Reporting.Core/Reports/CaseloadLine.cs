using Reporting.Core.Indicators;

namespace Reporting.Core.Reports;

/// <summary>One category's caseload now and in the comparison period.</summary>
public sealed record CaseloadLine(string Category, CaseloadCount Current, CaseloadCount Before);
