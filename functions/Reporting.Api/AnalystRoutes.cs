using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Reporting.Ingestion.Reports;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Api;
using Reporting.Pipeline.Delivery;

namespace Reporting.Api;

/// <summary>
/// The analyst API's route table: every route both hosts serve, once. <c>reporting serve</c> maps it with minimal
/// APIs (<see cref="Map"/>); the function app has one HTTP function per route, named and routed by these constants,
/// that hands its request to <see cref="InvokeAsync"/>. A route only one host can serve (serve's upload, the function
/// app's Durable status) is that host's own, in the same form.
/// </summary>
public static class AnalystRoutes
{
    public const string Get = "GET";
    public const string Post = "POST";
    public const string Delete = "DELETE";

    public const string MeRoute = "me";
    public const string CourtsRoute = "courts";
    public const string IndicatorsRoute = "courts/{court}/indicators/{period}";
    public const string SeriesRoute = "courts/{court}/series/{indicator}";
    public const string PeriodsRoute = "courts/{court}/periods";
    public const string IngestionsRoute = "courts/{court}/ingestions";
    public const string ReportsRoute = "courts/{court}/reports";
    public const string ReportRoute = "courts/{court}/reports/{period}";
    public const string RunsRoute = "runs";
    public const string AggregationsRoute = "aggregations";
    public const string AggregateCourtRoute = "aggregations/{court}";
    public const string SubscriptionsRoute = "subscriptions";
    public const string SubscriptionRoute = "subscriptions/{id}";
    public const string DeliveriesRoute = "deliveries";
    public const string ResendRoute = "deliveries/resend";

    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        new("Me", Get, MeRoute, AnalystEndpoints.Me, r => r.WithSummary("这把密钥代表的法院 / the court this key acts for").Produces<CallerInfo>()),
        new("Courts", Get, CourtsRoute, AnalystEndpoints.Courts,
            r => r.WithSummary("法院树（本院及下辖法院）/ the court tree from the caller's court down").Produces<List<CourtNode>>()),
        new("CourtIndicators", Get, IndicatorsRoute, AnalystEndpoints.IndicatorsAsync,
            r => r.WithSummary("某院某期间的 18 项指标（children=true 含下辖法院，compare=yoy|mom，format=csv）/ a court's indicators for a period")
                .Produces<CourtIndicatorsRow>().ProducesProblem(400).ProducesProblem(404)),
        new("IndicatorSeries", Get, SeriesRoute, AnalystEndpoints.SeriesAsync,
            r => r.WithSummary("一项指标的历期走势（本院及直属下级法院，kind=month|quarter|year，last=N）/ one indicator over periods")
                .Produces<IndicatorSeries>().ProducesProblem(400).ProducesProblem(404)),
        new("CourtPeriods", Get, PeriodsRoute, AnalystEndpoints.PeriodsAsync,
            r => r.WithSummary("某院有汇总数据的期间（月、季、年、月份区间，按时间先后）/ the periods a court has aggregates for").Produces<StoredPeriods>().ProducesProblem(404)),
        new("Ingestions", Get, IngestionsRoute, AnalystEndpoints.IngestionsAsync,
            r => r.WithSummary("某院的入库报告（最新在前）/ a court's ingestion reports, latest first").Produces<List<IngestionReport>>()),
        new("Reports", Get, ReportsRoute, AnalystEndpoints.ReportsAsync,
            r => r.WithSummary("某院已生成的报告 / a court's rendered reports").Produces<List<ReportEntry>>()),
        new("ReportDownload", Get, ReportRoute, AnalystEndpoints.ReportDownloadAsync,
            r => r.WithSummary("下载报告 PDF / download a report").Produces(200, contentType: "application/pdf").ProducesProblem(404)),
        new("AggregationRuns", Get, RunsRoute, AnalystEndpoints.RunsAsync,
            r => r.WithSummary("汇总运行记录（最新在前）/ aggregation runs, latest first").Produces<List<AggregationRunRecord>>()),
        new("Aggregations", Get, AggregationsRoute, AnalystEndpoints.AggregationsAsync,
            r => r.WithSummary("本院所在法院树的汇总状态 / the aggregation state of the caller's court tree").Produces<TreeAggregationState>()),
        new("StartAggregation", Post, AggregateCourtRoute, AnalystEndpoints.StartAggregationAsync,
            r => r.WithSummary("重新汇总某院所在的法院树（如导入新法院名录后）/ re-run the aggregation of a court's tree").Produces<AggregationTicket>(202)),
        new("Subscriptions", Get, SubscriptionsRoute, AnalystEndpoints.SubscriptionsAsync,
            r => r.WithSummary("报告订阅 / report subscriptions").Produces<List<Subscription>>()),
        new("Subscribe", Post, SubscriptionsRoute, AnalystEndpoints.SubscribeAsync,
            r => r.WithSummary("新增订阅（court, recipients, cadence=monthly|quarterly, kind=situation）/ subscribe recipients to a court's reports")
                .Accepts<SubscriptionRequest>("application/json").Produces<Subscription>(201).ProducesProblem(400)),
        new("Unsubscribe", Delete, SubscriptionRoute, AnalystEndpoints.UnsubscribeAsync, r => r.WithSummary("取消订阅 / remove a subscription")),
        new("Deliveries", Get, DeliveriesRoute, AnalystEndpoints.DeliveriesAsync,
            r => r.WithSummary("报告投递记录：sent、retrying、failed、unconfirmed / the delivery log").Produces<List<DeliveryRecord>>()),
        new("ResendDelivery", Post, ResendRoute, AnalystEndpoints.ResendAsync,
            r => r.WithSummary("重发失败或未确认的投递 / re-send a failed or unconfirmed delivery")
                .Accepts<ResendRequest>("application/json").Produces<DeliveryRecord>().ProducesProblem(404)),
    ];

    /// <summary>Maps <paramref name="routes"/> on a group (<c>/api</c> in serve), each behind the sign-in.</summary>
    public static void Map(IEndpointRouteBuilder api, IEnumerable<ApiRoute> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        foreach (var route in routes)
        {
            var endpoint = api.MapMethods(route.Template, [route.Method], route.Handler).WithName(route.Name).AddEndpointFilter(SignInFilter);
            route.Describe(endpoint);
        }
    }

    /// <summary>
    /// Runs one route for a request that reached it by another way than routing (the function app's HTTP function):
    /// the route values are read from the path by the route's template, the caller signed in, and the handler
    /// invoked with minimal APIs' binding, as in serve.
    /// </summary>
    public static async Task InvokeAsync(ApiRoute route, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(http);
        var values = new RouteValueDictionary();
        var matcher = Matchers.GetOrAdd(route.Key, _ => new TemplateMatcher(TemplateParser.Parse("api/" + route.Template), new RouteValueDictionary()));
        if (!matcher.TryMatch(http.Request.Path, values))
        {
            await HttpAnswers.Of(AnalystApi.NotFound("route", $"路径不符合 {route.Key} / the path does not match {route.Key}")).ExecuteAsync(http).ConfigureAwait(false);
            return;
        }
        foreach (var (name, value) in values)
        {
            http.Request.RouteValues[name] = value;
        }
        if (ApiCaller.SignIn(http) is null)
        {
            await ApiCaller.Unauthenticated(http).ExecuteAsync(http).ConfigureAwait(false);
            return;
        }
        var handler = Delegates.GetOrAdd(route.Key, _ => RequestDelegateFactory.Create(route.Handler, new RequestDelegateFactoryOptions
        {
            ServiceProvider = http.RequestServices,
            RouteParameterNames = values.Keys.ToList(),
        }).RequestDelegate);
        await handler(http).ConfigureAwait(false);
    }

    /// <summary>Each route's template, parsed once.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TemplateMatcher> Matchers = new(StringComparer.Ordinal);

    /// <summary>Each route's bound handler, made once (making one compiles its parameter binding).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, RequestDelegate> Delegates = new(StringComparer.Ordinal);

    private static async ValueTask<object?> SignInFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        ApiCaller.SignIn(context.HttpContext) is null ? ApiCaller.Unauthenticated(context.HttpContext) : await next(context).ConfigureAwait(false);
}
