using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Reporting.Functions.Tests.FunctionsHost.Rpc;
using DurableTask.Core;
using P = Microsoft.DurableTask.Protobuf;

namespace Reporting.Functions.Tests.FunctionsHost;

/// <summary>
/// The host's Durable extension as a .NET isolated worker sees it: a task hub answering Durable's gRPC protocol for
/// the worker's <c>[DurableClient]</c>, whose orchestrator and activity work items are handed to the worker process
/// as function invocations (the orchestrator's history encoded as the extension encodes it, each activity's input as
/// JSON), so the orchestration functions run inside the worker, through its Durable middleware and converters.
/// The task hub is Durable's in-memory one; the real extension keeps it in Azure Storage.
/// </summary>
internal sealed class DurableExtension : IAsyncDisposable
{
    private readonly WebApplication _hub;
    private readonly GrpcChannel _channel;
    private readonly CancellationTokenSource _stop = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _handled = new();
    private Task _dispatching = Task.CompletedTask;

    private DurableExtension(WebApplication hub, GrpcChannel channel, DataConverter converter)
    {
        _hub = hub;
        _channel = channel;
        Client = new GrpcDurableTaskClient("reporting", new GrpcDurableTaskClientOptions { Channel = channel, DataConverter = converter }, NullLogger<GrpcDurableTaskClient>.Instance);
    }

    /// <summary>Why handing work items to the worker stopped, if it did: a test waiting for an instance says it.</summary>
    private Exception? _failure;

    /// <summary>A client of the task hub for the test's own waits and reads.</summary>
    public DurableTaskClient Client { get; }

    /// <summary>Where the task hub listens (the <c>rpcBaseUrl</c> the extension hands the worker).</summary>
    public Uri Address => new(_hub.Urls.Single());

    /// <param name="converter">How the test's client reads inputs and outputs: the app's converter, as the worker writes them.</param>
    public static async Task<DurableExtension> StartAsync(DataConverter converter)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        var tasks = new InMemoryOrchestrationService(NullLoggerFactory.Instance);
        builder.Services.AddSingleton<IOrchestrationService>(tasks);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(tasks);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var hub = builder.Build();
        hub.MapGrpcService<TaskHubGrpcServer>();
        await hub.StartAsync().ConfigureAwait(false);
        return new DurableExtension(hub, GrpcChannel.ForAddress(hub.Urls.Single()), converter);
    }

    /// <summary>What the extension sends for a <c>[DurableClient]</c> parameter named <paramref name="binding"/>.</summary>
    public ParameterBinding ClientInput(string binding) => new()
    {
        Name = binding,
        Data = new TypedData
        {
            String = JsonSerializer.Serialize(new
            {
                rpcBaseUrl = Address.AbsoluteUri.TrimEnd('/'),
                taskHubName = "reporting",
                connectionName = "",
                requiredQueryStringParameters = "",
                httpBaseUrl = "http://localhost:7071/runtime/webhooks/durabletask",
                // The extension's defaults (extensions.durableTask in host.json); without them the client accepts no message at all.
                maxGrpcMessageSizeInBytes = 4 * 1024 * 1024,
                grpcHttpClientTimeout = JsonSerializer.Serialize(TimeSpan.FromSeconds(100)),
            }),
        },
    };

    /// <summary>From now on the task hub's work items run in <paramref name="worker"/>, one at a time.</summary>
    public void Dispatch(WorkerProcess worker)
    {
        var hub = new P.TaskHubSidecarService.TaskHubSidecarServiceClient(_channel);
        _dispatching = Task.Run(async () =>
        {
            try
            {
                using var items = hub.GetWorkItems(new P.GetWorkItemsRequest(), cancellationToken: _stop.Token);
                await foreach (var item in items.ResponseStream.ReadAllAsync(_stop.Token).ConfigureAwait(false))
                {
                    if (item.OrchestratorRequest is { } orchestration)
                    {
                        _handled.Enqueue(NameOf(orchestration));
                        var response = await OrchestrateAsync(worker, orchestration).ConfigureAwait(false);
                        response.CompletionToken = item.CompletionToken;
                        await hub.CompleteOrchestratorTaskAsync(response).ConfigureAwait(false);
                    }
                    else if (item.ActivityRequest is { } activity)
                    {
                        _handled.Enqueue(activity.Name);
                        var response = await RunActivityAsync(worker, activity).ConfigureAwait(false);
                        response.CompletionToken = item.CompletionToken;
                        await hub.CompleteActivityTaskAsync(response).ConfigureAwait(false);
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException || e is Grpc.Core.RpcException { StatusCode: StatusCode.Cancelled })
            {
                // Disposed: the test is over.
            }
            catch (Exception e)
            {
                _failure = e;
            }
        });
    }

    /// <summary>One orchestrator episode: the history goes in as the extension encodes it (a base64 OrchestratorRequest), the actions come back alike.</summary>
    private static async Task<P.OrchestratorResponse> OrchestrateAsync(WorkerProcess worker, P.OrchestratorRequest orchestration)
    {
        var function = worker.Functions[NameOf(orchestration)];
        var done = await worker.InvokeAsync(function.Name,
            [new ParameterBinding { Name = Trigger(function, "orchestrationTrigger"), Data = new TypedData { String = Convert.ToBase64String(orchestration.ToByteArray()) } }]).ConfigureAwait(false);
        return done.Result.Status == StatusResult.Types.Status.Success
            ? P.OrchestratorResponse.Parser.ParseFrom(Convert.FromBase64String(Text(done.ReturnValue) ?? ""))
            : throw new InvalidOperationException($"orchestrator {function.Name} failed in the worker: {done.Result.Exception?.Message}");
    }

    /// <summary>One activity: its input as JSON; a failure in the worker goes back as the activity's failure (the orchestrator's retry policy decides).</summary>
    private static async Task<P.ActivityResponse> RunActivityAsync(WorkerProcess worker, P.ActivityRequest activity)
    {
        var function = worker.Functions[activity.Name];
        var done = await worker.InvokeAsync(function.Name,
            [new ParameterBinding { Name = Trigger(function, "activityTrigger"), Data = new TypedData { Json = ActivityInput(activity.Input) } }]).ConfigureAwait(false);
        var response = new P.ActivityResponse { InstanceId = activity.OrchestrationInstance.InstanceId, TaskId = activity.TaskId };
        if (done.Result.Status == StatusResult.Types.Status.Success)
        {
            response.Result = Json(done.ReturnValue);
        }
        else
        {
            response.FailureDetails = new P.TaskFailureDetails { ErrorType = "FunctionFailed", ErrorMessage = done.Result.Exception?.Message ?? "" };
        }
        return response;
    }

    /// <summary>Waits for an instance to end (through any continue-as-new); fails early, saying why, if dispatching stopped.</summary>
    public async Task<OrchestrationMetadata> CompletionAsync(string instanceId, WorkerProcess worker)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var waiting = Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        await Task.WhenAny(waiting, _dispatching).ConfigureAwait(false);
        try
        {
            if (!waiting.IsCompleted)
            {
                throw new InvalidOperationException("work items stopped");
            }
            return await waiting.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await timeout.CancelAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"{instanceId} did not end ({e.Message}); work items: {string.Join(", ", _handled)}; {_failure}\n{worker.Log}", e);
        }
    }

    /// <summary>The orchestrator's name is in the ExecutionStarted event of its history, past or new.</summary>
    private static string NameOf(P.OrchestratorRequest request) =>
        request.PastEvents.Concat(request.NewEvents).First(e => e.ExecutionStarted is not null).ExecutionStarted.Name;

    /// <summary>
    /// The task hub keeps an activity's input as a one-element JSON array (Durable's history format); the extension's
    /// activity trigger hands the worker that element (ActivityTriggerAttributeBindingProvider, GetInputAsJson).
    /// </summary>
    private static string ActivityInput(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return "null";
        }
        using var parsed = JsonDocument.Parse(input);
        return parsed.RootElement is { ValueKind: JsonValueKind.Array } array && array.GetArrayLength() == 1 ? array[0].GetRawText() : input;
    }

    private static string Trigger(RpcFunctionMetadata function, string type) =>
        function.Bindings.Single(b => b.Value.Type == type && b.Value.Direction == BindingInfo.Types.Direction.In).Key;

    private static string? Text(TypedData? value) => value?.DataCase switch
    {
        TypedData.DataOneofCase.String => value.String,
        TypedData.DataOneofCase.Json => JsonSerializer.Deserialize<string>(value.Json),
        _ => null,
    };

    /// <summary>An activity's return value as JSON, as the extension records it in the history.</summary>
    private static string? Json(TypedData? value) => value?.DataCase switch
    {
        TypedData.DataOneofCase.Json => value.Json,
        TypedData.DataOneofCase.String => JsonSerializer.Serialize(value.String),
        TypedData.DataOneofCase.Int => value.Int.ToString(System.Globalization.CultureInfo.InvariantCulture),
        TypedData.DataOneofCase.Double => value.Double.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _dispatching.ConfigureAwait(false);
        await Client.DisposeAsync().ConfigureAwait(false);
        _channel.Dispose();
        await _hub.StopAsync().ConfigureAwait(false);
        await _hub.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
