using Microsoft.DurableTask;
using Reporting.Pipeline.Aggregate;

namespace Reporting.Functions.Aggregate;

/// <summary>
/// The orchestrator port over Durable's context, so the function app runs the same orchestrator logic as the local
/// runner. Every activity call carries the retry policy: activities are idempotent, so a retry converges.
/// </summary>
public sealed class DurableOrchestration(TaskOrchestrationContext context) : IOrchestrationContext
{
    /// <summary>Five attempts, 10 s apart at first, doubling up to 5 minutes: outlasts a storage or Cosmos blip.</summary>
    public static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(10), backoffCoefficient: 2.0, maxRetryInterval: TimeSpan.FromMinutes(5)));

    public string InstanceId => context.InstanceId;

    public DateTime CurrentUtcDateTime => context.CurrentUtcDateTime;

    public Task<TResult> CallActivityAsync<TResult>(string name, object? input) => context.CallActivityAsync<TResult>(name, input, Retry);
}
