
namespace Reporting.Pipeline.Aggregate;

public sealed record PersistCourtInput(string RunId, string Court, string FlowsPath, IReadOnlyList<string> Periods, DateTime ComputedAt);
