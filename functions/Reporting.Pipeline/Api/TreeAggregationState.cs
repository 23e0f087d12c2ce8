using Reporting.Pipeline.Aggregate;

namespace Reporting.Pipeline.Api;

/// <summary>A court tree's aggregation queue and the state of its active instance ("idle" when none), as both hosts show it.</summary>
public sealed record TreeAggregationState(string Tree, long Requested, long Running, string? Active, string State)
{
    public static TreeAggregationState Of(AggregationQueue.TreeQueue queue, AggregationInstanceState? active)
    {
        ArgumentNullException.ThrowIfNull(queue);
        return new(queue.Tree, queue.Requested, queue.Running, queue.Active,
            queue.Active is null || active is null ? "idle" : active.Value.ToString().ToLowerInvariant());
    }
}
