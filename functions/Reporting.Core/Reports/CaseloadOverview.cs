
namespace Reporting.Core.Reports;

/// <summary>一、总体情况: counted cases filed, closed and pending per category and in total, and the sentence that states them.</summary>
public sealed record CaseloadOverview(IReadOnlyList<CaseloadLine> Lines, CaseloadLine Total, string Sentence);
