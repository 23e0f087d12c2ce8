using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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
using Reporting.Storage.Aggregates;
using Reporting.Storage.Files;

namespace Reporting.Host.Serve;

/// <summary>
/// The analyst API under /api: the same answers as the function app's HTTP functions (<see cref="AnalystApi"/>),
/// plus upload, subscriptions and the delivery log. Every route needs an API key (header X-Api-Key) and sees only
/// the key's court and the courts below it.
/// </summary>
public static class ApiRoutes
{
    public const string KeyHeader = "X-Api-Key";

    /// <summary>The largest export an upload takes; bigger files go into the watched folder or container instead.</summary>
    public const long MaxUploadBytes = 1L << 30;

    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter(Authenticate).WithTags("analyst API");

        api.MapGet("/me", (HttpContext http, CourtRegistry registry) =>
        {
            var caller = Caller(http);
            return Json(new { caller.Name, caller.Court, CourtName = registry.TryGet(caller.Court, out var court) ? court.Name : caller.Court });
        }).WithSummary("这把密钥代表的法院 / the court this key acts for");

        api.MapGet("/courts", (HttpContext http, AnalystApi answers) => Answer(answers.Courts(Caller(http).Court)))
            .WithSummary("法院树（本院及下辖法院）/ the court tree from the caller's court down").Produces<List<CourtNode>>();

        api.MapGet("/courts/{court}/indicators/{period}", async (HttpContext http, CourtAccess access, AnalystApi answers, string court, string period,
                string? compare, string? children, string? format, CancellationToken cancellationToken) =>
            Denied(http, access, court) ?? Negotiate(http, await answers.IndicatorsAsync(court, period, compare, children, cancellationToken),
                format, body => IndicatorCsv.Of((CourtIndicatorsRow)body), $"指标-{court}-{period}.csv"))
            .WithSummary("某院某期间的 18 项指标（children=true 含下辖法院，compare=yoy|mom，format=csv）/ a court's indicators for a period")
            .Produces<CourtIndicatorsRow>().ProducesProblem(400).ProducesProblem(404);

        api.MapGet("/courts/{court}/series/{indicator}", async (HttpContext http, CourtAccess access, AnalystApi answers, string court, string indicator,
                string? kind, string? last, string? format, CancellationToken cancellationToken) =>
            Denied(http, access, court) ?? Negotiate(http, await answers.SeriesAsync(court, indicator, kind, last, cancellationToken),
                format, body => IndicatorCsv.Of((IndicatorSeries)body), $"走势-{court}-{indicator}.csv"))
            .WithSummary("一项指标的历期走势（本院及直属下级法院，kind=month|quarter|year，last=N）/ one indicator over periods")
            .Produces<IndicatorSeries>().ProducesProblem(400).ProducesProblem(404);

        api.MapGet("/courts/{court}/ingestions", async (HttpContext http, CourtAccess access, AnalystApi answers, string court, string? latest, CancellationToken cancellationToken) =>
            Denied(http, access, court) ?? Answer(await answers.IngestionReportsAsync(court, latest, cancellationToken)))
            .WithSummary("某院的入库报告（最新在前）/ a court's ingestion reports, latest first").Produces<List<IngestionReport>>();

        api.MapPost("/courts/{court}/exports", UploadAsync)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes))
            .WithSummary("上传本院导出文件（multipart 字段 file，window=yyyy-MM），返回入库报告 / upload an export; answers its ingestion report")
            .Produces<ReceivedExport>().Produces<ReceivedExport>(422).ProducesProblem(400).ProducesProblem(403);

        api.MapGet("/courts/{court}/reports", async (HttpContext http, CourtAccess access, AnalystApi answers, string court, CancellationToken cancellationToken) =>
            Denied(http, access, court) ?? Answer(await answers.ReportsAsync(court, cancellationToken)))
            .WithSummary("某院已生成的报告 / a court's rendered reports").Produces<List<ReportEntry>>();

        api.MapGet("/courts/{court}/reports/{period}", async (HttpContext http, CourtAccess access, AnalystApi answers, ReportArchive archive, string court, string period,
                CancellationToken cancellationToken) =>
        {
            if (Denied(http, access, court) is { } denied)
            {
                return denied;
            }
            var answer = await answers.ReportFileAsync(court, period, cancellationToken);
            return answer.File is { } file
                ? Results.File(await archive.OpenAsync(file, cancellationToken), "application/pdf", file.FileName, file.RenderedAt)
                : Answer(answer);
        }).WithSummary("下载报告 PDF / download a report").Produces(200, contentType: "application/pdf").ProducesProblem(404);

        api.MapGet("/runs", async (HttpContext http, AnalystApi answers, CourtRegistry registry, AggregationQueue queue, string? latest, CancellationToken cancellationToken) =>
        {
            var answer = await answers.RunsAsync(latest, cancellationToken);
            if (answer.Body is not IReadOnlyList<AggregationRunRecord> runs)
            {
                return Answer(answer);
            }
            // A run recounts one court tree; a caller sees its own tree's runs, and the top court of a tree also the CLI's whole-data runs.
            var caller = Caller(http);
            var own = AggregationQueue.InstancePrefix(queue.TreeKey(caller.Court));
            var top = registry.Roots.Any(r => r.Code == caller.Court);
            return Json(runs.Where(r => r.RunId.StartsWith(own, StringComparison.Ordinal)
                || (top && !r.RunId.StartsWith(AggregationQueue.InstanceStem, StringComparison.Ordinal))).ToList());
        }).WithSummary("汇总运行记录（最新在前）/ aggregation runs, latest first").Produces<List<AggregationRunRecord>>();

        api.MapGet("/aggregations", async (HttpContext http, AggregationQueue queue, InProcessAggregations aggregations, CancellationToken cancellationToken) =>
        {
            var tree = queue.TreeKey(Caller(http).Court);
            var record = await queue.ReadAsync(tree, cancellationToken);
            var state = record.Active is null ? "idle" : (await aggregations.StateAsync(record.Active, cancellationToken)).ToString().ToLowerInvariant();
            return Json(new { record.Tree, record.Requested, record.Running, record.Active, State = state });
        }).WithSummary("本院所在法院树的汇总状态 / the aggregation state of the caller's court tree");

        api.MapGet("/subscriptions", async (HttpContext http, CourtAccess access, SubscriptionStore subscriptions, CancellationToken cancellationToken) =>
            Json((await subscriptions.ListAsync(cancellationToken)).Where(s => access.CanRead(Caller(http), s.Court)).ToList()))
            .WithSummary("报告订阅 / report subscriptions").Produces<List<Subscription>>();

        api.MapPost("/subscriptions", async (HttpContext http, CourtAccess access, SubscriptionStore subscriptions, SubscriptionRequest request, CancellationToken cancellationToken) =>
        {
            if (request.Court is { } court && Denied(http, access, court) is { } denied)
            {
                return denied;
            }
            try
            {
                return Json(await subscriptions.AddAsync(request, cancellationToken), 201);
            }
            catch (SubscriptionException e)
            {
                return Answer(AnalystApi.BadRequest(e.Errors));
            }
        }).WithSummary("新增订阅（court, recipients, cadence=monthly|quarterly, kind=situation）/ subscribe recipients to a court's reports")
            .Produces<Subscription>(201).ProducesProblem(400);

        api.MapDelete("/subscriptions/{id}", async (HttpContext http, CourtAccess access, SubscriptionStore subscriptions, string id, CancellationToken cancellationToken) =>
        {
            var subscription = await subscriptions.FindAsync(id, cancellationToken);
            if (subscription is null || !access.CanRead(Caller(http), subscription.Court))
            {
                return Answer(AnalystApi.NotFound("id", $"没有订阅“{id}” / no subscription '{id}'"));
            }
            await subscriptions.RemoveAsync(id, cancellationToken);
            return Results.NoContent();
        }).WithSummary("取消订阅 / remove a subscription");

        api.MapGet("/deliveries", async (HttpContext http, CourtAccess access, DeliveryLog log, string? court, CancellationToken cancellationToken) =>
        {
            if (court is not null && Denied(http, access, court) is { } denied)
            {
                return denied;
            }
            var entries = court is null || StorePath.IsSegment(court) ? await log.ListAsync(court, cancellationToken) : [];
            return Json(entries.Where(e => access.CanRead(Caller(http), e.Court)).ToList());
        }).WithSummary("报告投递记录：sent、retrying、failed、unconfirmed / the delivery log").Produces<List<DeliveryRecord>>();

        api.MapPost("/deliveries/resend", async (HttpContext http, CourtAccess access, ConfiguredDelivery delivery, ResendRequest request, CancellationToken cancellationToken) =>
        {
            if (Denied(http, access, request.Court) is { } denied)
            {
                return denied;
            }
            if (delivery.Deliver is null)
            {
                return Answer(new ApiAnswer(409, new Problem("未配置邮件服务器 / no mail server", 409, "Reporting:Smtp:Host is not set")));
            }
            return await delivery.Deliver.ResendAsync(request.Court, request.Period, request.Recipient, cancellationToken) is { } entry
                ? Json(entry)
                : Answer(AnalystApi.NotFound("recipient", "没有可重发的失败或未确认投递 / no failed or unconfirmed delivery to re-send"));
        }).WithSummary("重发失败或未确认的投递 / re-send a failed or unconfirmed delivery").Produces<DeliveryRecord>().ProducesProblem(404);
    }

    public sealed record ResendRequest(string Court, string Period, string Recipient);

    private static async Task<IResult> UploadAsync(HttpContext http, CourtAccess access, IFileStore files, ExportInbox inbox, InProcessAggregations aggregations,
        SeenExports seen, PipelineSignal signal, ILoggerFactory logs, string court, string? window, CancellationToken cancellationToken)
    {
        var caller = Caller(http);
        if (!access.CanUpload(caller, court))
        {
            return Answer(Forbidden("court", $"只能上传本院（{caller.Court}）的导出文件 / a key of {caller.Court} uploads only {caller.Court}'s exports"));
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

    /// <summary>The caller the API key names, or 401; kept on the request for the handlers.</summary>
    private static async ValueTask<object?> Authenticate(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var credentials = http.RequestServices.GetService(typeof(CourtCredentials)) as CourtCredentials;
        var caller = credentials?.Find(http.Request.Headers[KeyHeader].FirstOrDefault());
        if (caller is null)
        {
            http.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{KeyHeader}\"";
            return Answer(new ApiAnswer(401, new Problem("需要有效的 API 密钥 / a valid API key is required", 401,
                $"请在请求头 {KeyHeader} 中提供本院的 API 密钥 / send your court's API key in the {KeyHeader} header")));
        }
        http.Items[typeof(CourtCaller)] = caller;
        return await next(context);
    }

    private static CourtCaller Caller(HttpContext http) => (CourtCaller)http.Items[typeof(CourtCaller)]!;

    /// <summary>404 naming the court when no registry holds it, 403 when the caller may not read it; null when it may.</summary>
    private static IResult? Denied(HttpContext http, CourtAccess access, string court)
    {
        var caller = Caller(http);
        if (court != caller.Court && !http.RequestServices.GetRequiredService<CourtRegistry>().Contains(court))
        {
            return Answer(AnalystApi.NotFound("court", $"法院“{court}”不在法院名录中 / court '{court}' is not in the registry"));
        }
        return access.CanRead(caller, court) ? null
            : Answer(Forbidden("court", $"密钥“{caller.Name}”代表 {caller.Court}，不能查看法院“{court}” / key '{caller.Name}' acts for {caller.Court} and cannot read court '{court}'"));
    }

    private static ApiAnswer Forbidden(string field, string detail) =>
        new(403, new Problem("无权访问 / forbidden", 403, detail, new Dictionary<string, string[]> { [field] = [detail] }));

    public static IResult Answer(ApiAnswer answer) => answer.Body is Problem problem
        ? Results.Json(problem, AnalystApi.Json, "application/problem+json", problem.Status)
        : Json(answer.Body, answer.Status);

    private static IResult Json(object? body, int status = 200) => Results.Json(body, AnalystApi.Json, "application/json; charset=utf-8", status);

    /// <summary>
    /// A 200 answer as JSON or, with format=csv or Accept: text/csv, as UTF-8 CSV with a byte-order mark; either way with
    /// a strong ETag over the bytes, so a client that sends it back in If-None-Match gets 304 until the aggregates change.
    /// </summary>
    private static IResult Negotiate(HttpContext http, ApiAnswer answer, string? format, Func<object, string> csv, string csvName)
    {
        if (answer.Status != 200 || answer.Body is null)
        {
            return Answer(answer);
        }
        var wantsCsv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            || (format is null && http.Request.Headers.Accept.Any(a => a?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true));
        if (format is { Length: > 0 } && !wantsCsv && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return Answer(AnalystApi.BadRequest(new Dictionary<string, string[]> { ["format"] = [$"format 只能是 json 或 csv，而不是“{format}” / format must be json or csv, not '{format}'"] }));
        }
        var bytes = wantsCsv
            ? [.. IndicatorCsv.Utf8Bom, .. Encoding.UTF8.GetBytes(csv(answer.Body))]
            : JsonSerializer.SerializeToUtf8Bytes(answer.Body, AnalystApi.Json);
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"";
        http.Response.Headers.ETag = etag;
        http.Response.Headers.Vary = "Accept";
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && (v == "*" || v.Split(',').Select(t => t.Trim()).Contains(etag))))
        {
            return Results.StatusCode(304);
        }
        return wantsCsv
            ? Results.File(bytes, "text/csv; charset=utf-8", csvName)
            : Results.Bytes(bytes, "application/json; charset=utf-8");
    }
}
