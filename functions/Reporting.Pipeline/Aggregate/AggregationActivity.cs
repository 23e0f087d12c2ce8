using System.Text.Json;

namespace Reporting.Pipeline.Aggregate;

/// <summary>An activity of the aggregation as the local runner calls it: by name, its input and output as JSON.</summary>
public interface IAggregationActivity
{
    string Name { get; }

    Task<object?> RunAsync(AggregationActivities activities, JsonElement input, JsonSerializerOptions json, CancellationToken cancellationToken);
}

/// <summary>
/// One activity of the aggregation, written once: the name Durable and the local runner know it by, its input and
/// output types, and the method of <see cref="AggregationActivities"/> it runs. The orchestrator calls it
/// (<see cref="CallAsync"/>), the function app's activity function and the local runner run it (<see cref="Run"/>).
/// </summary>
public sealed record AggregationActivity<TInput, TOutput>(string Name, Func<AggregationActivities, TInput, CancellationToken, Task<TOutput>> Run)
    : IAggregationActivity
{
    public Task<TOutput> CallAsync(IOrchestrationContext context, TInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.CallActivityAsync<TOutput>(Name, input);
    }

    public async Task<object?> RunAsync(AggregationActivities activities, JsonElement input, JsonSerializerOptions json, CancellationToken cancellationToken) =>
        await Run(activities, input.Deserialize<TInput>(json)!, cancellationToken).ConfigureAwait(false);
}
