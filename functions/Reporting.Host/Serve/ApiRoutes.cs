using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reporting.Core.Courts;
using Reporting.Ingestion.Reports;
using Reporting.Pipeline.Access;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Api;
using Reporting.Pipeline.Delivery;
using Reporting.Pipeline.Ingest;
using Reporting.Pipeline.Reports;
using Reporting.Pipeline.Files;

namespace Reporting.Host.Serve;

/// <summary>
/// The analyst API under /api: the same answers as the function app's HTTP functions (<see cref="AnalystApi"/>),
/// plus upload, subscriptions and the delivery log. Every route needs an API key (header X-Api-Key) and sees only
/// the key's court and the courts below it.
/// </summary>
public static class ApiRoutes
{
    /// <summary>The largest export an upload takes; bigger files go into the watched folder or container instead.</summary>
    public const long MaxUploadBytes = 1L << 30;

    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter(Authenticate).WithTags("analyst API");

        api.MapGet("/me", (HttpContext http, ApiGate gate) => Json(gate.Me(Caller(http)))).WithSummary("这把密钥代表的法院 / the court this key acts for");

        api.MapGet("/courts", (HttpContext http, AnalystApi answers) => Answer(answers.Courts(Caller(http).Court)))
            .WithSummary("法院树（本院及下辖法院）/ the court tree from the caller's court down").Produces<List<CourtNode>>();

        api.MapGet("/courts/{court}/indicators/{period}", async (HttpContext http, ApiGate gate, AnalystApi answers, string court, string period,
                string? compare, string? children, string? format, CancellationToken cancellationToken) =>
            Denied(http, gate, court) ?? await NegotiateAsync(http, $"indicators\n{court}\n{period}\n{compare}\n{children}",
                () => answers.IndicatorsAsync(court, period, compare, children, cancellationToken),
                format, body => IndicatorCsv.Of((CourtIndicatorsRow)body), $"指标-{court}-{period}.csv", cancellationToken))
            .WithSummary("某院某期间的 18 项指标（children=true 含下辖法院，compare=yoy|mom，format=csv）/ a court's indicators for a period")
            .Produces<CourtIndicatorsRow>().ProducesProblem(400).ProducesProblem(404);

        api.MapGet("/courts/{court}/series/{indicator}", async (HttpContext http, ApiGate gate, AnalystApi answers, string court, string indicator,
                string? kind, string? last, string? format, CancellationToken cancellationToken) =>
            Denied(http, gate, court) ?? await NegotiateAsync(http, $"series\n{court}\n{indicator}\n{kind}\n{last}",
                () => answers.SeriesAsync(court, indicator, kind, last, cancellationToken),
                format, body => IndicatorCsv.Of((IndicatorSeries)body), $"走势-{court}-{indicator}.csv", cancellationToken))
            .WithSummary("一项指标的历期走势（本院及直属下级法院，kind=month|quarter|year，last=N）/ one indicator over periods")
            .Produces<IndicatorSeries>().ProducesProblem(400).ProducesProblem(404);

        api.MapGet("/courts/{court}/periods", async (HttpContext http, ApiGate gate, AnalystApi answers, string court, CancellationToken cancellationToken) =>
            Denied(http, gate, court) ?? Answer(await answers.PeriodsAsync(court, cancellationToken)))
            .WithSummary("某院有汇总数据的期间（月、季、年、月份区间，按时间先后）/ the periods a court has aggregates for")
            .Produces<StoredPeriods>().ProducesProblem(404);

        api.MapGet("/courts/{court}/ingestions", async (HttpContext http, ApiGate gate, AnalystApi answers, string court, string? latest, CancellationToken cancellationToken) =>
            Denied(http, gate, court) ?? Answer(await answers.IngestionReportsAsync(court, latest, cancellationToken)))
            .WithSummary("某院的入库报告（最新在前）/ a court's ingestion reports, latest first").Produces<List<IngestionReport>>();

        api.MapPost("/courts/{court}/exports", UploadAsync)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes))
            .WithSummary("上传本院导出文件（multipart 字段 file，window=yyyy-MM），返回入库报告 / upload an export; answers its ingestion report")
            .Produces<ReceivedExport>().Produces<ReceivedExport>(422).ProducesProblem(400).ProducesProblem(403);

        api.MapGet("/courts/{court}/reports", async (HttpContext http, ApiGate gate, AnalystApi answers, string court, CancellationToken cancellationToken) =>
            Denied(http, gate, court) ?? Answer(await answers.ReportsAsync(court, cancellationToken)))
            .WithSummary("某院已生成的报告 / a court's rendered reports").Produces<List<ReportEntry>>();

        api.MapGet("/courts/{court}/reports/{period}", async (HttpContext http, ApiGate gate, AnalystApi answers, ReportArchive archive, string court, string period,
                CancellationToken cancellationToken) =>
        {
            if (Denied(http, gate, court) is { } denied)
            {
                return denied;
            }
            var answer = await answers.ReportFileAsync(court, period, cancellationToken);
            return answer.File is { } file
                ? Results.File(await archive.OpenAsync(file, cancellationToken), "application/pdf", file.FileName, file.RenderedAt)
                : Answer(answer);
        }).WithSummary("下载报告 PDF / download a report").Produces(200, contentType: "application/pdf").ProducesProblem(404);

        api.MapGet("/runs", async (HttpContext http, AnalystApi answers, ApiGate gate, string? latest, CancellationToken cancellationToken) =>
            Answer(gate.VisibleRuns(Caller(http), await answers.RunsAsync(latest, cancellationToken))))
            .WithSummary("汇总运行记录（最新在前）/ aggregation runs, latest first").Produces<List<AggregationRunRecord>>();

        api.MapGet("/aggregations", async (HttpContext http, ApiGate gate, InProcessAggregations aggregations, CancellationToken cancellationToken) =>
            Json(await gate.AggregationStateAsync(Caller(http), aggregations, cancellationToken)))
            .WithSummary("本院所在法院树的汇总状态 / the aggregation state of the caller's court tree").Produces<TreeAggregationState>();

        api.MapPost("/aggregations/{court}", async (HttpContext http, ApiGate gate, AggregationQueue queue, InProcessAggregations aggregations, PipelineSignal signal,
                string court, CancellationToken cancellationToken) =>
        {
            if (Denied(http, gate, court) is { } denied)
            {
                return denied;
            }
            var ticket = await queue.RequestAsync(court, aggregations, cancellationToken);
            signal.Notify();
            return Json(ticket, 202);
        }).WithSummary("重新汇总某院所在的法院树（如导入新法院名录后）/ re-run the aggregation of a court's tree").Produces<AggregationTicket>(202);

        api.MapGet("/subscriptions", async (HttpContext http, DeliveryApi delivery, CancellationToken cancellationToken) =>
            Answer(await delivery.SubscriptionsAsync(Caller(http), cancellationToken)))
            .WithSummary("报告订阅 / report subscriptions").Produces<List<Subscription>>();

        api.MapPost("/subscriptions", async (HttpContext http, DeliveryApi delivery, SubscriptionRequest request, CancellationToken cancellationToken) =>
            Answer(await delivery.SubscribeAsync(Caller(http), request, cancellationToken)))
            .WithSummary("新增订阅（court, recipients, cadence=monthly|quarterly, kind=situation）/ subscribe recipients to a court's reports")
            .Produces<Subscription>(201).ProducesProblem(400);

        api.MapDelete("/subscriptions/{id}", async (HttpContext http, DeliveryApi delivery, string id, CancellationToken cancellationToken) =>
            Answer(await delivery.UnsubscribeAsync(Caller(http), id, cancellationToken)))
            .WithSummary("取消订阅 / remove a subscription");

        api.MapGet("/deliveries", async (HttpContext http, DeliveryApi delivery, string? court, CancellationToken cancellationToken) =>
            Answer(await delivery.DeliveriesAsync(Caller(http), court, cancellationToken)))
            .WithSummary("报告投递记录：sent、retrying、failed、unconfirmed / the delivery log").Produces<List<DeliveryRecord>>();

        api.MapPost("/deliveries/resend", async (HttpContext http, DeliveryApi delivery, ResendRequest request, CancellationToken cancellationToken) =>
            Answer(await delivery.ResendAsync(Caller(http), request, cancellationToken)))
            .WithSummary("重发失败或未确认的投递 / re-send a failed or unconfirmed delivery").Produces<DeliveryRecord>().ProducesProblem(404);
    }


    private static async Task<IResult> UploadAsync(HttpContext http, ApiGate gate, IFileStore files, ExportInbox inbox, InProcessAggregations aggregations,
        SeenExports seen, PipelineSignal signal, ILoggerFactory logs, string court, string? window, CancellationToken cancellationToken)
    {
        if (gate.UploadDenied(Caller(http), court) is { } denied)
        {
            return Answer(denied);
        }
        if (!http.Request.HasFormContentType)
        {
            return Answer(AnalystApi.BadRequest(new Dictionary<string, string[]> { ["file"] = ["请以 multipart/form-data 上传，字段名 file / upload as multipart/form-data with a field named file"] }));
        }
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var file = form.Files["file"];
        window ??= form["window"].FirstOrDefault();
        var errors = new Dictionary<string, string[]>();
        if (file is null || file.Length == 0)
        {
            errors["file"] = ["没有收到文件，或文件为空 / no file, or an empty one"];
        }
        var path = ExportInbox.PathOf(court, window ?? "", file?.FileName ?? "", out var pathErrors);
        foreach (var (field, messages) in pathErrors)
        {
            errors.TryAdd(field, messages);
        }
        if (errors.Count > 0 || path is null)
        {
            return Answer(AnalystApi.BadRequest(errors));
        }
        string version;
        await using (var content = file!.OpenReadStream())
        {
            version = await files.WriteAsync(path, content, cancellationToken);
        }
        seen.Mark(path, version);
        var received = await inbox.IngestAsync(path, aggregations, cancellationToken);
        ExportWatcher.Log(logs.CreateLogger("Reporting.Host.Serve.Upload"), received);
        if (received.Aggregation is not null)
        {
            signal.Notify();
        }
        return Json(received, received.Report.Status == IngestionStatus.Rejected ? 422 : 200);
    }

    /// <summary>The caller the API key names, or 401; kept on the request for the handlers. No platform signs principals in locally.</summary>
    private static async ValueTask<object?> Authenticate(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var caller = http.RequestServices.GetRequiredService<ApiGate>().SignIn(http.Request.Headers[ApiGate.KeyHeader].FirstOrDefault(), null);
        if (caller is null)
        {
            http.Response.Headers.WWWAuthenticate = ApiGate.Challenge;
            return Answer(ApiGate.Unauthenticated);
        }
        http.Items[typeof(CourtCaller)] = caller;
        return await next(context);
    }

    private static CourtCaller Caller(HttpContext http) => (CourtCaller)http.Items[typeof(CourtCaller)]!;

    private static IResult? Denied(HttpContext http, ApiGate gate, string court) => gate.Denied(Caller(http), court) is { } denied ? Answer(denied) : null;

    public static IResult Answer(ApiAnswer answer) => answer switch
    {
        { Body: Problem problem } => Results.Json(problem, AnalystApi.Json, "application/problem+json", problem.Status),
        { Status: 204 } => Results.NoContent(),
        _ => Json(answer.Body, answer.Status),
    };

    private static IResult Json(object? body, int status = 200) => Results.Json(body, AnalystApi.Json, "application/json; charset=utf-8", status);

    /// <summary>
    /// JSON or CSV by format/Accept, with an ETag and 304 (<see cref="ApiRepresentation.Negotiate"/>); a 200 answer is
    /// kept in the <see cref="AnswerCache"/> until the aggregates change.
    /// </summary>
    private static async Task<IResult> NegotiateAsync(HttpContext http, string key, Func<Task<ApiAnswer>> answer, string? format, Func<object, string> csv,
        string csvName, CancellationToken cancellationToken)
    {
        var headers = http.Request.Headers;
        var accept = headers.Accept.ToString();
        var made = await http.RequestServices.GetRequiredService<AnswerCache>().GetOrAddAsync($"{key}\n{format}\n{accept}",
            async () => ApiRepresentation.Negotiate(await answer(), format, accept, null, csv, csvName), cancellationToken);
        var wire = made.Unless(headers.IfNoneMatch.ToString());
        if (wire.ETag is { } etag)
        {
            http.Response.Headers.ETag = etag;
            http.Response.Headers.Vary = "Accept";
        }
        return wire switch
        {
            { Status: 304 } => Results.StatusCode(304),
            { FileName: { } name } => Results.File(wire.Body, wire.ContentType, name),
            { Status: 200 } => Results.Bytes(wire.Body, wire.ContentType),
            _ => Results.Text(Encoding.UTF8.GetString(wire.Body), wire.ContentType, Encoding.UTF8, wire.Status),
        };
    }
}
