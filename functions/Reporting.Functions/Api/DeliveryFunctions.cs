using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Reporting.Pipeline.Api;
using Reporting.Pipeline.Delivery;

namespace Reporting.Functions.Api;

/// <summary>Report subscriptions and the delivery log under /api, as <c>reporting serve</c> has them (<see cref="DeliveryApi"/>).</summary>
public sealed class DeliveryFunctions(ApiGate gate, DeliveryApi delivery)
{
    [Function("Subscriptions")]
    public Task<HttpResponseData> Subscriptions([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "subscriptions")] HttpRequestData request) =>
        request.ForCallerAsync(gate, null, async caller => ApiRepresentation.Of(await delivery.SubscriptionsAsync(caller, request.Cancellation()).ConfigureAwait(false)));

    [Function("Subscribe")]
    public Task<HttpResponseData> Subscribe([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "subscriptions")] HttpRequestData request) =>
        request.ForCallerAsync(gate, null, async caller =>
        {
            var (body, error) = await BodyAsync<SubscriptionRequest>(request).ConfigureAwait(false);
            return ApiRepresentation.Of(error ?? await delivery.SubscribeAsync(caller, body, request.Cancellation()).ConfigureAwait(false));
        });

    [Function("Unsubscribe")]
    public Task<HttpResponseData> Unsubscribe([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "subscriptions/{id}")] HttpRequestData request, string id) =>
        request.ForCallerAsync(gate, null, async caller => ApiRepresentation.Of(await delivery.UnsubscribeAsync(caller, id, request.Cancellation()).ConfigureAwait(false)));

    [Function("Deliveries")]
    public Task<HttpResponseData> Deliveries([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "deliveries")] HttpRequestData request) =>
        request.ForCallerAsync(gate, null, async caller =>
            ApiRepresentation.Of(await delivery.DeliveriesAsync(caller, request.Query["court"], request.Cancellation()).ConfigureAwait(false)));

    [Function("ResendDelivery")]
    public Task<HttpResponseData> Resend([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "deliveries/resend")] HttpRequestData request) =>
        request.ForCallerAsync(gate, null, async caller =>
        {
            var (body, error) = await BodyAsync<ResendRequest>(request).ConfigureAwait(false);
            return ApiRepresentation.Of(error ?? await delivery.ResendAsync(caller, body, request.Cancellation()).ConfigureAwait(false));
        });

    /// <summary>The request's JSON body, or a 400 naming the body when it is not the JSON expected.</summary>
    private static async Task<(T? Body, ApiAnswer? Error)> BodyAsync<T>(HttpRequestData request) where T : class
    {
        try
        {
            return (await JsonSerializer.DeserializeAsync<T>(request.Body, AnalystApi.Json, request.Cancellation()).ConfigureAwait(false), null);
        }
        catch (JsonException e)
        {
            return (null, AnalystApi.BadRequest(new Dictionary<string, string[]> { ["body"] = [$"请求体不是有效的 JSON / the request body is not valid JSON: {e.Message}"] }));
        }
    }
}
