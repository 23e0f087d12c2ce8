using System.Text.Json;
using Reporting.Pipeline.Json;

namespace Reporting.Pipeline.Aggregate;

/// <summary>
/// Runs orchestrator logic in-process, as the local host and the CLI do. Every activity input and output is sent
/// through System.Text.Json, as Durable Functions would, so what works here serialises there.
/// </summary>
public sealed class LocalOrchestration(string instanceId, TimeProvider clock, IReadOnlyDictionary<string, Func<JsonElement, CancellationToken, Task<object?>>> activities,
    CancellationToken cancellationToken) : IOrchestrationContext
{
    private static readonly JsonSerializerOptions Json = ReportingJson.Compact;

    public string InstanceId => instanceId;

    public DateTime CurrentUtcDateTime => clock.GetUtcNow().UtcDateTime;

    public async Task<TResult> CallActivityAsync<TResult>(string name, object? input)
    {
        if (!activities.TryGetValue(name, out var activity))
        {
            throw new InvalidOperationException($"No activity named {name}.");
        }
        var sent = JsonSerializer.SerializeToElement(input, Json);
        var result = await activity(sent, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.SerializeToElement(result, Json).Deserialize<TResult>(Json)!;
    }

    /// <summary>The aggregation's activities (<see cref="AggregationOrchestrator.Activities"/>), each reading its input the way Durable hands it over.</summary>
    public static Dictionary<string, Func<JsonElement, CancellationToken, Task<object?>>> AggregationActivities(AggregationActivities activities) =>
        AggregationOrchestrator.Activities.ToDictionary(a => a.Name, a => (Func<JsonElement, CancellationToken, Task<object?>>)((input, ct) => a.RunAsync(activities, input, Json, ct)));
}
