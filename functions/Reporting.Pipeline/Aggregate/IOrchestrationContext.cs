namespace Reporting.Pipeline.Aggregate;

/// <summary>
/// What orchestrator logic may use: the small port that Durable Functions' TaskOrchestrationContext (in the function
/// app) and <see cref="LocalOrchestration"/> (here) both implement. Orchestrator code obeys Durable's rules: no I/O,
/// no clock but <see cref="CurrentUtcDateTime"/>, no randomness; everything else happens in activities, whose inputs
/// and outputs round-trip through System.Text.Json.
/// </summary>
public interface IOrchestrationContext
{
    string InstanceId { get; }

    DateTime CurrentUtcDateTime { get; }

    Task<TResult> CallActivityAsync<TResult>(string name, object? input);
}
