using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reporting.Functions.Aggregate;
using Reporting.Pipeline.Aggregate;

namespace Reporting.Functions.Tests;

/// <summary>
/// Durable's own engine for the orchestration functions: the Durable Task worker the isolated worker's Durable
/// extension runs on, over an in-memory task hub. It replays the orchestrator function from its history after every
/// activity (so a non-deterministic orchestrator fails here as it would in Azure), applies the retry policy, and
/// carries inputs and outputs through the function app's own data converter (the worker's serializer, as the
/// extension sets it). Activity functions are made per call from the app's services, as the worker makes them.
/// </summary>
internal static class DurableEngine
{
    /// <summary>The activity functions the engine knows, by name: the function app's activity triggers must be exactly these.</summary>
    public static readonly string[] Activities =
        [AggregationOrchestrator.Plan, AggregationOrchestrator.Count, AggregationOrchestrator.PersistCourt, AggregationOrchestrator.RecordRun, AggregationOrchestrator.Finish];

    /// <param name="app">The function app's services (<see cref="FunctionApp.CreateBuilder"/>).</param>
    /// <param name="beforeActivity">Called with each activity's name before it runs: a test's way to make one fail.</param>
    public static Task<DurableTaskTestHost> StartAsync(IServiceProvider app, Action<string>? beforeActivity = null)
    {
        var converter = app.GetRequiredService<IOptions<DurableTaskWorkerOptions>>().Value.DataConverter;
        AggregationFunctions Functions(string activity)
        {
            beforeActivity?.Invoke(activity);
            return ActivatorUtilities.CreateInstance<AggregationFunctions>(app);
        }
        return DurableTaskTestHost.StartAsync(tasks =>
        {
            tasks.AddOrchestratorFunc<AggregationRequest, AggregationOutcome>(AggregationFunctions.Orchestrator, (context, _) => AggregationFunctions.RunOrchestrator(context));
            tasks.AddActivityFunc<PlanInput, AggregationPlan>(AggregationOrchestrator.Plan,
                (_, input) => Functions(AggregationOrchestrator.Plan).Plan(input, CancellationToken.None));
            tasks.AddActivityFunc<AggregationPlan, CountResult>(AggregationOrchestrator.Count,
                (_, input) => Functions(AggregationOrchestrator.Count).Count(input, CancellationToken.None));
            tasks.AddActivityFunc<PersistCourtInput, int>(AggregationOrchestrator.PersistCourt,
                (_, input) => Functions(AggregationOrchestrator.PersistCourt).PersistCourt(input, CancellationToken.None));
            tasks.AddActivityFunc<RunRecordInput, bool>(AggregationOrchestrator.RecordRun,
                (_, input) => Functions(AggregationOrchestrator.RecordRun).RecordRun(input, CancellationToken.None));
            tasks.AddActivityFunc<FinishInput, AggregationRequest?>(AggregationOrchestrator.Finish,
                (_, input) => Functions(AggregationOrchestrator.Finish).Finish(input, CancellationToken.None));
        }, new DurableTaskTestHostOptions
        {
            ConfigureServices = services =>
            {
                services.PostConfigureAll<DurableTaskWorkerOptions>(o => o.DataConverter = converter);
                services.PostConfigureAll<DurableTaskClientOptions>(o => o.DataConverter = converter);
            },
        });
    }

    /// <summary>Waits for an instance to end (through any continue-as-new) and returns its final state.</summary>
    public static async Task<OrchestrationMetadata> CompletionAsync(this DurableTaskClient client, string instanceId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        return await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }
}
