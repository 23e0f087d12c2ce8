
namespace Reporting.Pipeline.Aggregate;

public sealed record PlanInput(string RunId, IReadOnlyList<string> Periods, IReadOnlyList<string>? ChangedCourts = null);
