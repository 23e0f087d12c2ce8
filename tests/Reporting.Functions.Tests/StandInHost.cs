using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Reporting.Functions.Tests;

/// <summary>What the Functions host would hand a function: a context, an HTTP request, Durable's client.</summary>
internal sealed class StandInFunctionContext : FunctionContext
{
    public override string InvocationId => "test-invocation";
    public override string FunctionId => "test-function";
    public override IServiceProvider InstanceServices { get; set; } = null!;
    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();
}

internal sealed class StandInRequest(string method, string url, string body = "") : HttpRequestData(new StandInFunctionContext())
{
    private Stream _body = new MemoryStream(Encoding.UTF8.GetBytes(body));

    public override Stream Body => _body;
    public override HttpHeadersCollection Headers { get; } = [];
    public override IReadOnlyCollection<IHttpCookie> Cookies { get; } = [];
    public override Uri Url { get; } = new(url);
    public override IEnumerable<ClaimsIdentity> Identities { get; } = [];
    public override string Method { get; } = method;

    public override HttpResponseData CreateResponse() => new StandInResponse(FunctionContext);

    /// <summary>The request with this text (JSON, or not) for its body.</summary>
    public StandInRequest WithBody(string text)
    {
        _body = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return this;
    }

    /// <summary>The request with a header added, as a client or the platform in front of the app would send it.</summary>
    public StandInRequest With(string name, string value)
    {
        Headers.TryAddWithoutValidation(name, value);
        return this;
    }
}

internal sealed class StandInResponse(FunctionContext context) : HttpResponseData(context)
{
    public override HttpStatusCode StatusCode { get; set; }
    public override HttpHeadersCollection Headers { get; set; } = [];
    public override Stream Body { get; set; } = new MemoryStream();
    public override HttpCookies Cookies => throw new NotSupportedException();

    public byte[] Bytes => ((MemoryStream)Body).ToArray();

    public string Text => Encoding.UTF8.GetString(Bytes);

    public string? Header(string name) => Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}

/// <summary>Durable's client as the task hub would answer: scheduled instances are recorded and stay Running until a test ends them.</summary>
internal sealed class RecordingDurableClient() : DurableTaskClient("test")
{
    public List<(string Name, string Id, object? Input)> Scheduled { get; } = [];
    public Dictionary<string, OrchestrationRuntimeStatus> Status { get; } = [];

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null,
        CancellationToken cancellation = default)
    {
        var id = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        if (Status.TryGetValue(id, out var status) && status is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending)
        {
            throw new InvalidOperationException($"An orchestration with id {id} is already running.");
        }
        Scheduled.Add((orchestratorName.Name, id, input));
        Status[id] = OrchestrationRuntimeStatus.Pending;
        return Task.FromResult(id);
    }

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Task.FromResult(Status.TryGetValue(instanceId, out var status)
            ? new OrchestrationMetadata("AggregateIndicators", instanceId) { RuntimeStatus = status, CreatedAt = DateTimeOffset.UnixEpoch, LastUpdatedAt = DateTimeOffset.UnixEpoch }
            : null);

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
