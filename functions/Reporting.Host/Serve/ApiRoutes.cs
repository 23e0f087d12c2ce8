using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Reporting.Api;
using Reporting.Ingestion.Reports;
using Reporting.Pipeline.Api;
using Reporting.Pipeline.Files;
using Reporting.Pipeline.Ingest;

namespace Reporting.Host.Serve;

/// <summary>
/// <c>reporting serve</c>'s analyst API under /api: the one route table (<see cref="AnalystRoutes"/>) and serve's
/// own upload route, every route behind the API key (header X-Api-Key), seeing only the key's court and below.
/// </summary>
public static class ApiRoutes
{
    /// <summary>The largest export an upload takes; bigger files go into the watched folder or container instead.</summary>
    public const long MaxUploadBytes = 1L << 30;

    public const string UploadRoute = "courts/{court}/exports";

    /// <summary>Routes only serve has: an upload over HTTP (the function app takes exports from its blob trigger).</summary>
    public static IReadOnlyList<ApiRoute> ServeOnly { get; } =
    [
        new("UploadExport", AnalystRoutes.Post, UploadRoute, UploadAsync, r => r
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes))
            .WithSummary("上传本院导出文件（multipart 字段 file，window=yyyy-MM），返回入库报告 / upload an export; answers its ingestion report")
            .Produces<ReceivedExport>().Produces<ReceivedExport>(422).ProducesProblem(400).ProducesProblem(403)),
    ];

    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("analyst API");
        AnalystRoutes.Map(api, [.. AnalystRoutes.All, .. ServeOnly]);
    }

    private static async Task<IResult> UploadAsync(HttpContext http, ApiGate gate, IFileStore files, ExportInbox inbox, SeenExports seen, ILoggerFactory logs,
        string court, string? window)
    {
        var cancellationToken = http.RequestAborted;
        if (gate.UploadDenied(ApiCaller.Of(http), court) is { } denied)
        {
            return HttpAnswers.Of(denied);
        }
        if (!http.Request.HasFormContentType)
        {
            return HttpAnswers.Of(AnalystApi.BadRequest(new Dictionary<string, string[]> { ["file"] = ["请以 multipart/form-data 上传，字段名 file / upload as multipart/form-data with a field named file"] }));
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
            return HttpAnswers.Of(AnalystApi.BadRequest(errors));
        }
        string version;
        await using (var content = file!.OpenReadStream())
        {
            version = await files.WriteAsync(path, content, cancellationToken);
        }
        seen.Mark(path, version);
        var received = await inbox.IngestAsync(path, AnalystEndpoints.SchedulerOf(http), cancellationToken);
        ExportWatcher.Log(logs.CreateLogger("Reporting.Host.Serve.Upload"), received);
        return HttpAnswers.Json(received, received.Report.Status == IngestionStatus.Rejected ? 422 : 200);
    }
}
