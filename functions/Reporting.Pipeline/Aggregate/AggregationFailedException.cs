
namespace Reporting.Pipeline.Aggregate;

/// <summary>A queued run failed and nothing newer was waiting; the tree's queue is already released.</summary>
public sealed class AggregationFailedException(string message, Exception inner) : Exception(message, inner);
