using System.Net;
using Microsoft.Azure.Cosmos;

namespace Reporting.Storage.Azure;

/// <summary>
/// Tries a Cosmos DB call again when it failed in a way that passes: a 503 or timeout the SDK gave up on, or a write
/// whose connection dropped (the SDK does not repeat writes by itself, since in general they may not be repeatable).
/// Every call of <see cref="CosmosAggregateStore"/> is a read, a query or an upsert by id, so repeating it is safe.
/// </summary>
internal static class CosmosRetry
{
    public const int Attempts = 5;

    public static async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < Attempts && IsTransient(e, cancellationToken))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 << (attempt - 1)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public static Task RunAsync(Func<Task> call, CancellationToken cancellationToken) => RunAsync(async () =>
    {
        await call().ConfigureAwait(false);
        return true;
    }, cancellationToken);

    /// <summary>Failures of the service or the network, not of the request: bad input (400), conflicts or a cancellation by the caller are final.</summary>
    public static bool IsTransient(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        CosmosException cosmos => cosmos.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.RequestTimeout or HttpStatusCode.Gone
            or HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError || (int)cosmos.StatusCode == 449,
        HttpRequestException or IOException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };
}
