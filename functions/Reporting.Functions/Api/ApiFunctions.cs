using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using Reporting.Functions.Aggregate;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Api;
using Reporting.Pipeline.Reports;

namespace Reporting.Functions.Api;

/// <summary>An aggregation instance as the status route shows it.</summary>
public sealed record AggregationStatus(string InstanceId, string Status, DateTimeOffset CreatedAt, DateTimeOffset LastUpdatedAt);

/// <summary>
/// The analyst API under /api, with the routes and answers of <c>reporting serve</c> (<see cref="AnalystApi"/>,
/// <see cref="ApiGate"/>): each caller is an API key's court or a principal signed in by App Service authentication,
/// and sees that court and the courts below it. The functions are anonymous to the Functions host because the
/// gate, not a function key, decides. Uploads go to the court-exports container (the blob trigger), not over HTTP.
/// </summary>
public sealed class ApiFunctions(ApiGate gate, AnalystApi api, ReportArchive archive, AggregationQueue queue)
{
    [Function("Me")]
    public Task<HttpResponseData> Me([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me")] HttpRequestData request) =>
        request.ForCallerAsync(gate, null, caller => Json(new ApiAnswer(200, gate.Me(caller))));

    [Function("Courts")]
    public Task<HttpResponseData> Courts([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "courts")] HttpRequestData request) =>
        request.ForCallerAsync(gate, null, caller => Json(api.Courts(caller.Court)));

    [Function("CourtIndicators")]
    public Task<HttpResponseData> Indicators(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "courts/{court}/indicators/{period}")] HttpRequestData request, string court, string period) =>
        request.ForCallerAsync(gate, court, async _ => request.Negotiate(
            await api.IndicatorsAsync(court, period, request.Query["compare"], request.Query["children"], request.Cancellation()).ConfigureAwait(false),
            body => IndicatorCsv.Of((CourtIndicatorsRow)body), $"指标-{court}-{period}.csv"));

    [Function("IndicatorSeries")]
    public Task<HttpResponseData> Series(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "courts/{court}/series/{indicator}")] HttpRequestData request, string court, string indicator) =>
        request.ForCallerAsync(gate, court, async _ => request.Negotiate(
            await api.SeriesAsync(court, indicator, request.Query["kind"], request.Query["last"], request.Cancellation()).ConfigureAwait(false),
            body => IndicatorCsv.Of((IndicatorSeries)body), $"走势-{court}-{indicator}.csv"));

    [Function("CourtPeriods")]
    public Task<HttpResponseData> Periods([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "courts/{court}/periods")] HttpRequestData request, string court) =>
        request.ForCallerAsync(gate, court, async _ => ApiRepresentation.Of(await api.PeriodsAsync(court, request.Cancellation()).ConfigureAwait(false)));

    [Function("Ingestions")]
    public Task<HttpResponseData> Ingestions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "courts/{court}/ingestions")] HttpRequestData request, string court) =>
        request.ForCallerAsync(gate, court, async _ => ApiRepresentation.Of(
            await api.IngestionReportsAsync(court, request.Query["latest"], request.Cancellation()).ConfigureAwait(false)));

    [Function("Reports")]
    public Task<HttpResponseData> Reports([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "courts/{court}/reports")] HttpRequestData request, string court) =>
        request.ForCallerAsync(gate, court, async _ => ApiRepresentation.Of(await api.ReportsAsync(court, request.Cancellation()).ConfigureAwait(false)));

    [Function("ReportDownload")]
    public Task<HttpResponseData> ReportDownload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "courts/{court}/reports/{period}")] HttpRequestData request, string court, string period) =>
        request.ForCallerAsync(gate, court, async _ =>
        {
            var found = await api.ReportFileAsync(court, period, request.Cancellation()).ConfigureAwait(false);
            if (found.File is not { } report)
            {
                return await request.WriteAsync(ApiRepresentation.Of(found)).ConfigureAwait(false);
            }
            // The PDF streams from the archive.
            var pdf = request.CreateResponse(HttpStatusCode.OK);
            pdf.Headers.TryAddWithoutValidation("Content-Type", "application/pdf");
            pdf.Headers.TryAddWithoutValidation("Content-Disposition", HttpAnswers.Attachment(report.FileName));
            await using var content = await archive.OpenAsync(report, request.Cancellation()).ConfigureAwait(false);
            await content.CopyToAsync(pdf.Body, request.Cancellation()).ConfigureAwait(false);
            return pdf;
        });

    [Function("AggregationRuns")]
    public Task<HttpResponseData> Runs([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "runs")] HttpRequestData request) =>
        request.ForCallerAsync(gate, null, async caller =>
            ApiRepresentation.Of(gate.VisibleRuns(caller, await api.RunsAsync(request.Query["latest"], request.Cancellation()).ConfigureAwait(false))));

    /// <summary>The caller's court tree: its queue and the state of its active instance.</summary>
    [Function("Aggregations")]
    public Task<HttpResponseData> Aggregations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "aggregations")] HttpRequestData request, [DurableClient] DurableTaskClient durable) =>
        request.ForCallerAsync(gate, null, async caller => ApiRepresentation.Of(new ApiAnswer(200,
            await gate.AggregationStateAsync(caller, new DurableAggregationScheduler(durable), request.Cancellation()).ConfigureAwait(false))));

    /// <summary>
    /// Re-runs a court tree's aggregation (after a failure, or a new registry): started or queued like an upload's;
    /// 202 with the ticket, as <c>reporting serve</c> answers, and a Location on the status route below. Not Durable's
    /// check-status response: its management URLs carry the task hub's system key, which a court's analyst must not get.
    /// </summary>
    [Function("StartAggregation")]
    public Task<HttpResponseData> StartAggregation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "aggregations/{court}")] HttpRequestData request, string court,
        [DurableClient] DurableTaskClient durable) =>
        request.ForCallerAsync(gate, court, async _ =>
        {
            var ticket = await queue.RequestAsync(court, new DurableAggregationScheduler(durable), request.Cancellation()).ConfigureAwait(false);
            var accepted = await request.WriteAsync(ApiRepresentation.Of(new ApiAnswer(202, ticket))).ConfigureAwait(false);
            accepted.Headers.TryAddWithoutValidation("Location", new Uri(request.Url, $"/api/aggregations/{Uri.EscapeDataString(ticket.InstanceId)}").AbsoluteUri);
            return accepted;
        });

    [Function("AggregationStatus")]
    public Task<HttpResponseData> Status(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "aggregations/{instanceId}")] HttpRequestData request, string instanceId,
        [DurableClient] DurableTaskClient durable) =>
        request.ForCallerAsync(gate, null, async caller =>
        {
            ArgumentNullException.ThrowIfNull(durable);
            // Another tree's instance is answered as missing, like one that never was.
            var instance = gate.CanSeeInstance(caller, instanceId) ? await durable.GetInstanceAsync(instanceId, request.Cancellation()).ConfigureAwait(false) : null;
            return ApiRepresentation.Of(instance is null
                ? AnalystApi.NotFound("instanceId", $"没有汇总实例“{instanceId}” / no aggregation instance '{instanceId}'")
                : new ApiAnswer(200, new AggregationStatus(instance.InstanceId, instance.RuntimeStatus.ToString(), instance.CreatedAt, instance.LastUpdatedAt)));
        });

    private static Task<ApiRepresentation> Json(ApiAnswer answer) => Task.FromResult(ApiRepresentation.Of(answer));
}
