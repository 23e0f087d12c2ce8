
namespace Reporting.Pipeline.Aggregate;

/// <summary>What a queued run ended with: its result (null when it failed) and, when more changes arrived meanwhile, the request to continue with.</summary>
public sealed record AggregationStep(AggregationResult? Result, AggregationRequest? Next);
