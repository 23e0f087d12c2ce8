// Stand-in for Microsoft.DurableTask(.Abstractions, .Client): only what the function app uses, with the real
// abstract/virtual shapes and defaults (shared/research/azure.md §1.11) so that test fakes derive as real code would.
using Microsoft.Extensions.Logging;

namespace Microsoft.DurableTask
{
    public readonly struct TaskName(string name) : IEquatable<TaskName>
    {
        public string Name { get; } = name;

        public static implicit operator TaskName(string value) => new(value);

        public static implicit operator string(TaskName value) => value.Name;

        public bool Equals(TaskName other) => string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

        public override bool Equals(object? obj) => obj is TaskName other && Equals(other);

        public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Name ?? "");

        public override string ToString() => Name;

        public static bool operator ==(TaskName left, TaskName right) => left.Equals(right);

        public static bool operator !=(TaskName left, TaskName right) => !left.Equals(right);
    }

    public class RetryPolicy
    {
        public RetryPolicy(int maxNumberOfAttempts, TimeSpan firstRetryInterval, double backoffCoefficient = 1.0, TimeSpan? maxRetryInterval = null,
            TimeSpan? retryTimeout = null)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxNumberOfAttempts);
            if (firstRetryInterval <= TimeSpan.Zero || backoffCoefficient < 1.0)
            {
                throw new ArgumentOutOfRangeException(nameof(firstRetryInterval));
            }
            MaxNumberOfAttempts = maxNumberOfAttempts;
            FirstRetryInterval = firstRetryInterval;
            BackoffCoefficient = backoffCoefficient;
            MaxRetryInterval = maxRetryInterval ?? TimeSpan.FromHours(1);
            RetryTimeout = retryTimeout ?? Timeout.InfiniteTimeSpan;
        }

        public int MaxNumberOfAttempts { get; }
        public TimeSpan FirstRetryInterval { get; }
        public double BackoffCoefficient { get; }
        public TimeSpan MaxRetryInterval { get; }
        public TimeSpan RetryTimeout { get; }
    }

    public sealed class TaskRetryOptions(RetryPolicy policy)
    {
        public RetryPolicy? Policy { get; } = policy;

        public static implicit operator TaskRetryOptions(RetryPolicy policy) => new(policy);
    }

    public record TaskOptions(TaskRetryOptions? Retry = null)
    {
        public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(new TaskRetryOptions(policy));
    }

    public record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null);

    public abstract class TaskOrchestrationContext
    {
        public abstract TaskName Name { get; }
        public abstract string InstanceId { get; }
        public abstract DateTime CurrentUtcDateTime { get; }
        public abstract bool IsReplaying { get; }
        protected abstract ILoggerFactory LoggerFactory { get; }
        public abstract T? GetInput<T>();
        public abstract Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null);
        public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);
        public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);
        public abstract void SendEvent(string instanceId, string eventName, object payload);
        public abstract void SetCustomStatus(object? customStatus);
        public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null);
        public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);
        public abstract Guid NewGuid();

        public virtual Task CallActivityAsync(TaskName name, object? input = null, TaskOptions? options = null) => CallActivityAsync<object>(name, input, options);

        public virtual ILogger CreateReplaySafeLogger(string categoryName) => LoggerFactory.CreateLogger(categoryName);
    }
}

namespace Microsoft.DurableTask.Client
{
    public enum OrchestrationRuntimeStatus
    {
        Running,
        Completed,
        [Obsolete("Not used.")] ContinuedAsNew,
        Failed,
        [Obsolete("Not used.")] Canceled,
        Terminated,
        Pending,
        Suspended,
    }

    public sealed class OrchestrationMetadata(string name, string instanceId)
    {
        public string Name { get; } = name;
        public string InstanceId { get; } = instanceId;
        public OrchestrationRuntimeStatus RuntimeStatus { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset LastUpdatedAt { get; init; }
        public string? SerializedInput { get; init; }
        public string? SerializedOutput { get; init; }
        public string? SerializedCustomStatus { get; init; }
        public bool IsRunning => RuntimeStatus == OrchestrationRuntimeStatus.Running;
        public bool IsCompleted => RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
    }

    public abstract class DurableTaskClient(string name) : IAsyncDisposable
    {
        public string Name { get; } = name;

        public abstract Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null,
            StartOrchestrationOptions? options = null, CancellationToken cancellation = default);

        public virtual Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
            GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation);

        public virtual Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, CancellationToken cancellation) =>
            GetInstanceAsync(instanceId, false, cancellation);

        public abstract Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

        public abstract ValueTask DisposeAsync();
    }
}
