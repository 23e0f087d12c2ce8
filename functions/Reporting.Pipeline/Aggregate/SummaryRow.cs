
namespace Reporting.Pipeline.Aggregate;

public sealed record SummaryRow(int Total, int InRange, int Comparable, int Improving, int Flat, int Worsening, string Sentence);
