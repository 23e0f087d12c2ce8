using System.Collections.Concurrent;
using System.Net;

namespace Reporting.Resilience.Tests;

/// <summary>What can go wrong between the pipeline and a storage service.</summary>
internal enum StorageFault
{
    /// <summary>The service answers 503 (busy, failing over).</summary>
    ServiceUnavailable,

    /// <summary>No answer: the request hangs until the client gives up on it.</summary>
    Timeout,

    /// <summary>The connection drops before the request reaches the service.</summary>
    DroppedBeforeSending,

    /// <summary>The connection drops after the service did the work, before the answer arrives: a retry repeats a write that happened.</summary>
    DroppedAfterSending,
}

/// <summary>
/// Injects <see cref="StorageFault"/>s into a share of a storage client's HTTP requests. It sits under the Azure SDK's
/// own pipeline (Azure.Core's transport for Blob Storage, the HttpClient factory for Cosmos DB, whose SDK has no
/// Azure.Core pipeline), so each SDK's retry policy sees the faults as it would on a real network, and so does our code
/// when the SDK gives up.
/// </summary>
internal sealed class FaultInjectingHandler(HttpMessageHandler inner, double rate, int seed) : DelegatingHandler(inner)
{
    private static readonly StorageFault[] Faults = Enum.GetValues<StorageFault>();
    private static readonly TimeSpan HangAtMost = TimeSpan.FromSeconds(4);

    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();

    public ConcurrentDictionary<StorageFault, int> Injected { get; } = new();

    /// <summary>Off while a test sets up or reads back results.</summary>
    public bool Enabled { get; set; } = true;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        StorageFault? fault;
        lock (_gate)
        {
            fault = Enabled && _random.NextDouble() < rate ? Faults[_random.Next(Faults.Length)] : null;
        }
        if (fault is not { } injected)
        {
            return await base.SendAsync(request, cancellationToken);
        }
        Injected.AddOrUpdate(injected, 1, (_, n) => n + 1);
        switch (injected)
        {
            case StorageFault.ServiceUnavailable:
                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request, Content = new StringContent("") };
            case StorageFault.Timeout:
                // The client's own per-try timeout cancels first; if it has none this short, answer as HttpClient's timeout does.
                await Task.Delay(HangAtMost, cancellationToken);
                throw new TaskCanceledException("injected: no answer in time", new TimeoutException("injected timeout"));
            case StorageFault.DroppedBeforeSending:
                throw new HttpRequestException("injected: connection reset before sending", new IOException("connection reset by peer"));
            default:
                using (await base.SendAsync(request, cancellationToken))
                {
                    throw new HttpRequestException("injected: connection reset before the answer", new IOException("connection reset by peer"));
                }
        }
    }
}
