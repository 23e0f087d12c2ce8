using System.Net;
using System.Text.Json;
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
/// The analyst API over HTTP (under /api, function keys): each route binds its parameters and answers what
/// <see cref="AnalystApi"/> answers, so the local host serves the same JSON. Aggregation routes start or queue a
/// tree's run and show an instance's status through Durable's client.
/// </summary>
public sealed class ApiFunctions(AnalystApi api, ReportArchive archive, AggregationQueue queue)
{
    [Function("Courts")]
    public Task<HttpResponseData> Courts([HttpTrigger(AuthorizationLevel.Function, "get", Route = "courts")] HttpRequestData request) =>
        RespondAsync(request, api.Courts());

    [Function("CourtIndicators")]
    public async Task<HttpResponseData> Indicators(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "courts/{court}/indicators/{period}")] HttpRequestData request, string court, string period)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query;
        return await RespondAsync(request, await api.IndicatorsAsync(court, period, query["compare"], query["children"], Cancellation(request)).ConfigureAwait(false))
            .ConfigureAwait(false);
    }

    [Function("AggregationRuns")]
    public async Task<HttpResponseData> Runs([HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs")] HttpRequestData request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await RespondAsync(request, await api.RunsAsync(request.Query["latest"], Cancellation(request)).ConfigureAwait(false)).ConfigureAwait(false);
    }

    [Function("Reports")]
    public async Task<HttpResponseData> Reports([HttpTrigger(AuthorizationLevel.Function, "get", Route = "reports/{court}")] HttpRequestData request, string court) =>
        await RespondAsync(request, await api.ReportsAsync(court, Cancellation(request)).ConfigureAwait(false)).ConfigureAwait(false);

    [Function("ReportDownload")]
    public async Task<HttpResponseData> ReportDownload(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "reports/{court}/{period}")] HttpRequestData request, string court, string period) =>
        await RespondAsync(request, await api.ReportFileAsync(court, period, Cancellation(request)).ConfigureAwait(false)).ConfigureAwait(false);

    /// <summary>Re-runs a tree's aggregation (after a failure, or a new registry): started or queued like an upload's; 202 with Durable's status URLs.</summary>
    [Function("StartAggregation")]
    public async Task<HttpResponseData> StartAggregation(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "aggregations/{court}")] HttpRequestData request, string court,
        [DurableClient] DurableTaskClient durable)
    {
        var ticket = await queue.RequestAsync(court, new DurableAggregationScheduler(durable), Cancellation(request)).ConfigureAwait(false);
        return await durable.CreateCheckStatusResponseAsync(request, ticket.InstanceId, Cancellation(request)).ConfigureAwait(false);
    }

    [Function("AggregationStatus")]
    public async Task<HttpResponseData> Status(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "aggregations/{instanceId}")] HttpRequestData request, string instanceId,
        [DurableClient] DurableTaskClient durable)
    {
        ArgumentNullException.ThrowIfNull(durable);
        var instance = await durable.GetInstanceAsync(instanceId, Cancellation(request)).ConfigureAwait(false);
        return await RespondAsync(request, instance is null
            ? AnalystApi.NotFound("instanceId", $"没有汇总实例“{instanceId}” / no aggregation instance '{instanceId}'")
            : new ApiAnswer(200, new AggregationStatus(instance.InstanceId, instance.RuntimeStatus.ToString(), instance.CreatedAt, instance.LastUpdatedAt)))
            .ConfigureAwait(false);
    }

    private static CancellationToken Cancellation(HttpRequestData request) => request.FunctionContext.CancellationToken;

    private async Task<HttpResponseData> RespondAsync(HttpRequestData request, ApiAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = request.CreateResponse((HttpStatusCode)answer.Status);
        if (answer.File is { } report)
        {
            response.Headers.TryAddWithoutValidation("Content-Type", "application/pdf");
            response.Headers.TryAddWithoutValidation("Content-Disposition",
                $"attachment; filename=\"report-{report.Period}.pdf\"; filename*=UTF-8''{Uri.EscapeDataString(report.FileName)}");
            await using var pdf = await archive.OpenAsync(report, Cancellation(request)).ConfigureAwait(false);
            await pdf.CopyToAsync(response.Body, Cancellation(request)).ConfigureAwait(false);
            return response;
        }
        response.Headers.TryAddWithoutValidation("Content-Type", answer.IsProblem ? "application/problem+json; charset=utf-8" : "application/json; charset=utf-8");
        await response.WriteBytesAsync(JsonSerializer.SerializeToUtf8Bytes(answer.Body, AnalystApi.Json)).ConfigureAwait(false);
        return response;
    }
}
