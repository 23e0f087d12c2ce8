
namespace Reporting.Pipeline.Aggregate;

/// <summary>
/// What to aggregate: periods as text (2025-12, 2025-Q4, 2025, 2025-01..2025-11), none meaning every period the data
/// covers; and the courts whose data changed, none meaning all. A change recounts the whole court tree it belongs to
/// (<see cref="Reporting.Core.Courts.CourtRegistry.TreeOf"/>): a province under its high court, or everything when the
/// registry has a national court above the high courts. <paramref name="Tree"/> and <paramref name="Generation"/>: the
/// run was started by the tree's <see cref="AggregationQueue"/> for that generation of changes, and hands the queue on
/// when it ends (a run continued as new keeps its instance id, so the generation names its run record).
/// </summary>
public sealed record AggregationRequest(IReadOnlyList<string> Periods, IReadOnlyList<string>? ChangedCourts = null, string? Tree = null, long Generation = 0);
