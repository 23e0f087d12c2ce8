using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Reporting.Api;
using Reporting.Functions.Aggregate;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Api;

namespace Reporting.Functions.Api;

/// <summary>An aggregation instance as the status route shows it.</summary>
public sealed record AggregationStatus(string InstanceId, string Status, DateTimeOffset CreatedAt, DateTimeOffset LastUpdatedAt);

/// <summary>
/// The analyst API under /api on the worker's ASP.NET Core integration: one HTTP function per route of the one
/// route table (<see cref="AnalystRoutes"/>), named and routed by it, each handing its request to the same handler
/// <c>reporting serve</c> runs. Every function is anonymous to the Functions host: the API's own gate decides (an API
/// key, or the principal App Service authentication signed in). Uploads go to the court-exports container (the blob
/// trigger), not over HTTP; the Durable status of an aggregation instance is this host's own route.
/// </summary>
public sealed class ApiFunctions
{
    public const string StatusRoute = "aggregations/{instanceId}";

    /// <summary>Routes only the function app has: an aggregation instance's Durable status.</summary>
    public static IReadOnlyList<ApiRoute> FunctionAppOnly { get; } =
    [
        new("AggregationStatus", AnalystRoutes.Get, StatusRoute, StatusAsync, r => r.WithSummary("汇总实例的状态 / an aggregation instance's status")),
    ];

    /// <summary>The table's entries and this host's own, by the function names they give.</summary>
    private static readonly Dictionary<string, ApiRoute> RoutesByName = AnalystRoutes.All.Concat(FunctionAppOnly).ToDictionary(r => r.Name, StringComparer.Ordinal);

    [Function("Me")]
    public IResult Me([HttpTrigger(AuthorizationLevel.Anonymous, AnalystRoutes.Get, Route = AnalystRoutes.MeRoute)] HttpRequest request, FunctionContext context) => Route("Me", request, context);

    [Function("Courts")]
    public IResult Courts([HttpTrigger(AuthorizationLevel.Anonymous, AnalystRoutes.Get, Route = AnalystRoutes.CourtsRoute)] HttpRequest request, FunctionContext context) =>
        Route("Courts", request, context);

    [Function("CourtIndicators")]
    public IResult Indicators([HttpTrigger(AuthorizationLevel.Anonymous, AnalystRoutes.Get, Route = AnalystRoutes.IndicatorsRoute)] HttpRequest request, FunctionContext context) =>
        Route("CourtIndicators", request, context);

    [Function("IndicatorSeries")]
    public IResult Series([HttpTrigger(AuthorizationLevel.Anonymous, AnalystRoutes.Get, Route = AnalystRoutes.SeriesRoute)] HttpRequest request, FunctionContext context) =>
        Route("IndicatorSeries", request, context);

    [Function("CourtPeriods")]
    public IResult Periods([HttpTrigger(AuthorizationLevel.Anonymous, AnalystRoutes.Get, Route = AnalystRoutes.PeriodsRoute)] HttpRequest request, FunctionContext context) =>
        Route("CourtPeriods", request, context);

    [Function("Ingestions")]
    public IResult Ingestions([HttpTrigger(AuthorizationLevel.Anonymous, AnalystRoutes.Get, Route = AnalystRoutes.IngestionsRoute)] HttpRequest request, FunctionContext context) =>
        Route("Ingestions", request, context);

    [Function("Reports")]
    public IResult Reports([HttpTrigger(AuthorizationLevel.Anonymous, AnalystRoutes.Get, Route = AnalystRoutes.ReportsRoute)] HttpRequest request, FunctionContext context) =>
        Route("Reports", request, context);

    [Function("ReportDownload")]
    public IResult ReportDownload([HttpTrigger(AuthorizationLevel.Anonymous, AnalystRoutes.Get, Route = AnalystRoutes.ReportRoute)] HttpRequest request, FunctionContext context) =>
        Route("ReportDownload", request, context);

    [Function("AggregationRuns")]
    public IResult Runs([HttpTrigger(AuthorizationLevel.Anonymous, AnalystRoutes.Get, Route = AnalystRoutes.RunsRoute)] HttpRequest request, FunctionContext context) =>
        Route("AggregationRuns", request, context);

    [Function("Aggregations")]
    public IResult Aggregations([HttpTrigger(AuthorizationLevel.Anonymous, AnalystRoutes.Get, Route = AnalystRoutes.AggregationsRoute)] HttpRequest request,
        FunctionContext context, [DurableClient] DurableTaskClient durable) => Route("Aggregations", request, context, durable);

    [Function("StartAggregation")]
    public IResult StartAggregation([HttpTrigger(AuthorizationLevel.Anonymous, AnalystRoutes.Post, Route = AnalystRoutes.AggregateCourtRoute)] HttpRequest request,
        FunctionContext context, [DurableClient] DurableTaskClient durable) => Route("StartAggregation", request, context, durable);

    [Function("AggregationStatus")]
    public IResult Status([HttpTrigger(AuthorizationLevel.Anonymous, AnalystRoutes.Get, Route = StatusRoute)] HttpRequest request,
        FunctionContext context, [DurableClient] DurableTaskClient durable) => Route("AggregationStatus", request, context, durable);

    [Function("Subscriptions")]
    public IResult Subscriptions([HttpTrigger(AuthorizationLevel.Anonymous, AnalystRoutes.Get, Route = AnalystRoutes.SubscriptionsRoute)] HttpRequest request, FunctionContext context) =>
        Route("Subscriptions", request, context);

    [Function("Subscribe")]
    public IResult Subscribe([HttpTrigger(AuthorizationLevel.Anonymous, AnalystRoutes.Post, Route = AnalystRoutes.SubscriptionsRoute)] HttpRequest request, FunctionContext context) =>
        Route("Subscribe", request, context);

    [Function("Unsubscribe")]
    public IResult Unsubscribe([HttpTrigger(AuthorizationLevel.Anonymous, AnalystRoutes.Delete, Route = AnalystRoutes.SubscriptionRoute)] HttpRequest request, FunctionContext context) =>
        Route("Unsubscribe", request, context);

    [Function("Deliveries")]
    public IResult Deliveries([HttpTrigger(AuthorizationLevel.Anonymous, AnalystRoutes.Get, Route = AnalystRoutes.DeliveriesRoute)] HttpRequest request, FunctionContext context) =>
        Route("Deliveries", request, context);

    [Function("ResendDelivery")]
    public IResult Resend([HttpTrigger(AuthorizationLevel.Anonymous, AnalystRoutes.Post, Route = AnalystRoutes.ResendRoute)] HttpRequest request, FunctionContext context) =>
        Route("ResendDelivery", request, context);

    /// <summary>The table's route of this function, run as serve runs it; the bound Durable client is the request's aggregation scheduler.</summary>
    private static IResult Route(string name, HttpRequest request, FunctionContext context, DurableTaskClient? durable = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        // The handlers watch the request's token: it ends with the invocation too (a timeout, the host shutting down).
        var http = request.HttpContext;
        var aborted = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, context.CancellationToken);
        http.Response.RegisterForDispose(aborted);
        http.RequestAborted = aborted.Token;
        var route = RoutesByName[name];
        if (durable is not null)
        {
            request.HttpContext.Features.Set(durable);
            request.HttpContext.Features.Set<IAggregationScheduler>(new DurableAggregationScheduler(durable));
            request.HttpContext.Features.Set(new AggregationStatusRoute(StatusRoute));
        }
        return new RouteResult(route);
    }

    private static async Task<IResult> StatusAsync(HttpContext http, ApiGate gate, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(gate);
        var durable = http.Features.Get<DurableTaskClient>() ?? throw new InvalidOperationException("the status route needs the function's Durable client");
        // Another tree's instance is answered as missing, like one that never was.
        var instance = gate.CanSeeInstance(ApiCaller.Of(http), instanceId) ? await durable.GetInstanceAsync(instanceId, http.RequestAborted).ConfigureAwait(false) : null;
        return HttpAnswers.Of(instance is null
            ? AnalystApi.NotFound("instanceId", $"没有汇总实例“{instanceId}” / no aggregation instance '{instanceId}'")
            : new ApiAnswer(200, new AggregationStatus(instance.InstanceId, instance.RuntimeStatus.ToString(), instance.CreatedAt, instance.LastUpdatedAt)));
    }

    /// <summary>Runs the route when the worker writes the function's result to the response.</summary>
    private sealed class RouteResult(ApiRoute route) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => AnalystRoutes.InvokeAsync(route, httpContext);
    }
}
