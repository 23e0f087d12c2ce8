using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Threading.Channels;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reporting.Functions.Tests.FunctionsHost.Rpc;

namespace Reporting.Functions.Tests.FunctionsHost;

/// <summary>
/// The function app's build output started as the Functions host starts a .NET isolated worker: the program that
/// worker.config.json names, with the host's command line and environment, connecting back over gRPC. This class
/// is the host's side of that stream (init, function index, load, invoke), so the worker's own start-up, metadata,
/// binding conversion and HTTP pipeline run for real. What the host itself does (watching triggers, scaling, loading
/// the extension bundle) is not here: Azure Functions Core Tools cannot be installed in this environment.
/// <see cref="DurableExtension"/> plays the Durable extension's part of the host.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Channel<StreamingMessage> _toWorker = Channel.CreateUnbounded<StreamingMessage>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _answers = new();
    private readonly TaskCompletionSource<string> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _log = new();
    private readonly Dictionary<string, RpcFunctionMetadata> _functions = new(StringComparer.Ordinal);
    private WebApplication? _server;
    private Process? _worker;
    private Uri? _httpUri;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(2) };

    private WorkerProcess()
    {
    }

    /// <summary>The functions the worker indexed and loaded, by name.</summary>
    public IReadOnlyDictionary<string, RpcFunctionMetadata> Functions => _functions;

    /// <summary>What the worker logged over the stream and printed, for failure messages.</summary>
    public string Log => string.Join('\n', _log);

    /// <param name="appFolder">The function app's build output (worker.config.json, the app's dll, functions.metadata).</param>
    /// <param name="settings">App settings as configuration keys (<c>a:b</c>); passed as environment variables (<c>a__b</c>), as the host does.</param>
    public static async Task<WorkerProcess> StartAsync(string appFolder, IReadOnlyDictionary<string, string> settings)
    {
        var process = new WorkerProcess();
        try
        {
            await process.ListenAsync().ConfigureAwait(false);
            process.Launch(appFolder, settings);
            await process.InitializeAsync(appFolder).ConfigureAwait(false);
            return process;
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task ListenAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = null);
        builder.Services.AddSingleton(this);
        _server = builder.Build();
        _server.MapGrpcService<HostSide>();
        await _server.StartAsync().ConfigureAwait(false);
    }

    private Uri Address => new(_server!.Urls.Single());

    private void Launch(string appFolder, IReadOnlyDictionary<string, string> settings)
    {
        var description = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(appFolder, "worker.config.json"))).RootElement.GetProperty("description");
        var start = new ProcessStartInfo(description.GetProperty("defaultExecutablePath").GetString()!)
        {
            WorkingDirectory = appFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(appFolder, description.GetProperty("defaultWorkerPath").GetString()!));
        foreach (var argument in new[]
        {
            "--functions-uri", Address.AbsoluteUri,
            "--functions-worker-id", Guid.NewGuid().ToString(),
            "--functions-request-id", Guid.NewGuid().ToString(),
            "--functions-grpc-max-message-length", int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = appFolder;
        start.Environment["FUNCTIONS_WORKER_DIRECTORY"] = appFolder;
        start.Environment["AzureWebJobsScriptRoot"] = appFolder;
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        _worker = Process.Start(start) ?? throw new InvalidOperationException("the worker did not start");
        _worker.OutputDataReceived += (_, e) => Keep(e.Data);
        _worker.ErrorDataReceived += (_, e) => Keep(e.Data);
        _worker.BeginOutputReadLine();
        _worker.BeginErrorReadLine();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _log.Enqueue(line);
        }
    }

    /// <summary>The host's start-up sequence: wait for the worker's stream, init, ask it for its functions, load each.</summary>
    private async Task InitializeAsync(string appFolder)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await using (timeout.Token.Register(() => _connected.TrySetCanceled()))
        {
            try
            {
                await _connected.Task.ConfigureAwait(false);
            }
            catch (TaskCanceledException)
            {
                throw new InvalidOperationException($"the worker did not connect within a minute (exited: {_worker!.HasExited}):\n{Log}");
            }
        }

        var init = new WorkerInitRequest { HostVersion = "4.0.0-test", WorkerDirectory = appFolder, FunctionAppDirectory = appFolder };
        var initialized = (await AskAsync(new StreamingMessage { WorkerInitRequest = init }).ConfigureAwait(false)).WorkerInitResponse;
        Succeeded(initialized.Result, "worker init");
        // A worker on ASP.NET Core's integration serves HTTP itself: the host forwards each request to this address.
        if (initialized.Capabilities.TryGetValue("HttpUri", out var httpUri))
        {
            _httpUri = new Uri(httpUri);
        }

        var index = (await AskAsync(new StreamingMessage { FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = appFolder } }).ConfigureAwait(false)).FunctionMetadataResponse;
        Succeeded(index.Result, "function index");
        foreach (var function in index.FunctionMetadataResults)
        {
            var id = string.IsNullOrEmpty(function.FunctionId) ? Guid.NewGuid().ToString() : function.FunctionId;
            function.FunctionId = id;
            var loaded = (await AskAsync(new StreamingMessage { FunctionLoadRequest = new FunctionLoadRequest { FunctionId = id, Metadata = function } }).ConfigureAwait(false)).FunctionLoadResponse;
            Succeeded(loaded.Result, $"loading {function.Name}");
            _functions.Add(function.Name, function);
        }
    }

    private void Succeeded(StatusResult result, string step)
    {
        if (result.Status != StatusResult.Types.Status.Success)
        {
            throw new InvalidOperationException($"{step}: {result.Status} {result.Exception?.Message}\n{result.Exception?.StackTrace}\n{Log}");
        }
    }

    /// <summary>Invokes a function as the host does: its input bindings by name, and the trigger's metadata.</summary>
    public async Task<InvocationResponse> InvokeAsync(string function, IEnumerable<ParameterBinding> inputs, IDictionary<string, TypedData>? triggerMetadata = null,
        string? invocationId = null)
    {
        var request = new InvocationRequest
        {
            InvocationId = invocationId ?? Guid.NewGuid().ToString(),
            FunctionId = _functions[function].FunctionId,
            TraceContext = new RpcTraceContext { TraceParent = $"00-{Guid.NewGuid():N}-{Guid.NewGuid().ToString("N")[..16]}-01" },
        };
        request.InputData.Add(inputs);
        if (triggerMetadata is not null)
        {
            request.TriggerMetadata.Add(triggerMetadata);
        }
        return (await AskAsync(new StreamingMessage { InvocationRequest = request }, request.InvocationId).ConfigureAwait(false)).InvocationResponse;
    }

    /// <summary>An HTTP trigger's invocation as the host makes one from a request to <c>/api/{route}</c>.</summary>
    public async Task<HttpAnswer> HttpAsync(string function, string method, string path, IReadOnlyDictionary<string, string> routeValues,
        IReadOnlyDictionary<string, string>? headers = null, IEnumerable<ParameterBinding>? otherInputs = null)
    {
        var url = new Uri(new Uri("http://localhost:7071"), path);
        var http = new RpcHttp { Method = method, Url = url.AbsoluteUri, Body = new TypedData { Bytes = ByteString.Empty } };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            http.NullableHeaders.Add(name, new NullableString { Value = value });
        }
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        foreach (var name in query.AllKeys.OfType<string>())
        {
            http.NullableQuery.Add(name, new NullableString { Value = query[name] });
        }
        var trigger = _functions[function].Bindings.Single(b => b.Value.Type == "httpTrigger").Key;
        var metadata = new Dictionary<string, TypedData>();
        foreach (var (name, value) in routeValues)
        {
            http.NullableParams.Add(name, new NullableString { Value = value });
            metadata[name] = new TypedData { String = value };
        }
        var inputs = new List<ParameterBinding> { new() { Name = trigger, Data = new TypedData { Http = http } } };
        inputs.AddRange(otherInputs ?? []);
        if (_httpUri is null)
        {
            var response = await InvokeAsync(function, inputs, metadata).ConfigureAwait(false);
            Succeeded(response.Result, $"invoking {function}");
            var answer = response.ReturnValue?.Http ?? response.OutputData.Single(o => o.Data.Http is not null).Data.Http;
            var body = answer.Body?.DataCase switch
            {
                TypedData.DataOneofCase.Bytes => answer.Body.Bytes.ToByteArray(),
                TypedData.DataOneofCase.String => Encoding.UTF8.GetBytes(answer.Body.String),
                _ => [],
            };
            return new HttpAnswer(int.Parse(answer.StatusCode, System.Globalization.CultureInfo.InvariantCulture),
                answer.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase), body);
        }
        // As the host does for such a worker: the invocation and the request itself, forwarded to the worker's HTTP
        // address under the invocation's id, go out together; the worker pairs them and answers the request.
        var invocationId = Guid.NewGuid().ToString();
        var invocation = InvokeAsync(function, inputs, metadata, invocationId);
        using var forwarded = new HttpRequestMessage(new HttpMethod(method), new Uri(_httpUri, url.PathAndQuery));
        forwarded.Headers.TryAddWithoutValidation("x-ms-invocation-id", invocationId);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            forwarded.Headers.TryAddWithoutValidation(name, value);
        }
        if (method is "POST" or "PUT")
        {
            forwarded.Content = new ByteArrayContent([]);
        }
        using var reply = await _http.SendAsync(forwarded).ConfigureAwait(false);
        var bytes = await reply.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        Succeeded((await invocation.ConfigureAwait(false)).Result, $"invoking {function}");
        var replyHeaders = reply.Headers.Concat(reply.Content.Headers).ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return new HttpAnswer((int)reply.StatusCode, replyHeaders, bytes);
    }

    private async Task<StreamingMessage> AskAsync(StreamingMessage message, string? answerKey = null)
    {
        message.RequestId = Guid.NewGuid().ToString();
        var key = answerKey ?? message.RequestId;
        var answer = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _answers[key] = answer;
        await _toWorker.Writer.WriteAsync(message).ConfigureAwait(false);
        var finished = await Task.WhenAny(answer.Task, Task.Delay(TimeSpan.FromMinutes(2))).ConfigureAwait(false);
        if (finished != answer.Task)
        {
            throw new TimeoutException($"no answer to {message.ContentCase} within two minutes:\n{Log}");
        }
        return await answer.Task.ConfigureAwait(false);
    }

    private void Received(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.StartStream:
                _connected.TrySetResult(message.StartStream.WorkerId);
                break;
            case StreamingMessage.ContentOneofCase.RpcLog:
                _log.Enqueue($"[{message.RpcLog.Level}] {message.RpcLog.Category}: {message.RpcLog.Message} {message.RpcLog.Exception?.Message}");
                break;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                Answer(message.InvocationResponse.InvocationId, message);
                break;
            default:
                Answer(message.RequestId, message);
                break;
        }
    }

    private void Answer(string key, StreamingMessage message)
    {
        if (_answers.TryRemove(key, out var waiting))
        {
            waiting.TrySetResult(message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_worker is not null)
        {
            if (!_worker.HasExited)
            {
                _toWorker.Writer.TryWrite(new StreamingMessage { WorkerTerminate = new WorkerTerminate() });
                if (!_worker.WaitForExit(TimeSpan.FromSeconds(10)))
                {
                    _worker.Kill(entireProcessTree: true);
                }
            }
            _worker.Dispose();
        }
        _toWorker.Writer.TryComplete();
        _http.Dispose();
        if (_server is not null)
        {
            await _server.StopAsync().ConfigureAwait(false);
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>An HTTP function's answer as the worker returns it to the host.</summary>
    public sealed record HttpAnswer(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
    {
        public string Text => Encoding.UTF8.GetString(Body);
    }

    /// <summary>The host's end of the worker's event stream.</summary>
    private sealed class HostSide(WorkerProcess process) : FunctionRpc.FunctionRpcBase
    {
        public override async Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
        {
            // The host's messages go out as they are queued, while the worker's come in below; both end with the call.
            _ = Task.Run(async () =>
            {
                await foreach (var message in process._toWorker.Reader.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
                {
                    await responseStream.WriteAsync(message).ConfigureAwait(false);
                }
            });
            try
            {
                await foreach (var message in requestStream.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
                {
                    process.Received(message);
                }
            }
            catch (OperationCanceledException)
            {
                // The worker went away (terminated at the end of a test).
            }
            catch (IOException)
            {
                // Likewise: the connection closed under the read.
            }
        }
    }
}
