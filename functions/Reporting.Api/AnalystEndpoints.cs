using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Api;
using Reporting.Pipeline.Delivery;
using Reporting.Pipeline.Reports;

namespace Reporting.Api;

/// <summary>
/// Tells the handlers that this host answers GET api/aggregations/{instanceId} (the function app's Durable status
/// route), so a started aggregation's 202 names it in a Location header.
/// </summary>
public sealed record AggregationStatusRoute(string Template);

/// <summary>
/// The handlers of <see cref="AnalystRoutes"/>: each reads the caller (<see cref="ApiCaller"/>), asks the pipeline's
/// answers (<see cref="AnalystApi"/>, <see cref="ApiGate"/>, <see cref="DeliveryApi"/>) and writes them through
/// <see cref="HttpAnswers"/>. Court-scoped routes answer 404 for a court no registry holds and 403 outside the caller's courts.
/// </summary>
public static class AnalystEndpoints
{
    /// <summary>The host's aggregation scheduler for a request: a request feature where the host binds one per call (the function app's Durable client), else its service.</summary>
    public static IAggregationScheduler SchedulerOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Features.Get<IAggregationScheduler>() ?? http.RequestServices.GetRequiredService<IAggregationScheduler>();
    }

    public static IResult Me(HttpContext http, ApiGate gate) => HttpAnswers.Json(gate.Me(ApiCaller.Of(http)));

    public static IResult Courts(HttpContext http, AnalystApi answers) => HttpAnswers.Of(answers.Courts(ApiCaller.Of(http).Court));

    public static Task<IResult> IndicatorsAsync(HttpContext http, ApiGate gate, AnalystApi answers, string court, string period, string? compare, string? children,
        string? format) =>
        Denied(http, gate, court) is { } denied ? Task.FromResult(denied) : HttpAnswers.NegotiateAsync(http, $"indicators\n{court}\n{period}\n{compare}\n{children}",
            () => answers.IndicatorsAsync(court, period, compare, children, http.RequestAborted),
            format, body => IndicatorCsv.Of((CourtIndicatorsRow)body), $"指标-{court}-{period}.csv");

    public static Task<IResult> SeriesAsync(HttpContext http, ApiGate gate, AnalystApi answers, string court, string indicator, string? kind, string? last,
        string? format) =>
        Denied(http, gate, court) is { } denied ? Task.FromResult(denied) : HttpAnswers.NegotiateAsync(http, $"series\n{court}\n{indicator}\n{kind}\n{last}",
            () => answers.SeriesAsync(court, indicator, kind, last, http.RequestAborted),
            format, body => IndicatorCsv.Of((IndicatorSeries)body), $"走势-{court}-{indicator}.csv");

    public static async Task<IResult> PeriodsAsync(HttpContext http, ApiGate gate, AnalystApi answers, string court) =>
        Denied(http, gate, court) ?? HttpAnswers.Of(await answers.PeriodsAsync(court, http.RequestAborted).ConfigureAwait(false));

    public static async Task<IResult> IngestionsAsync(HttpContext http, ApiGate gate, AnalystApi answers, string court, string? latest) =>
        Denied(http, gate, court) ?? HttpAnswers.Of(await answers.IngestionReportsAsync(court, latest, http.RequestAborted).ConfigureAwait(false));

    public static async Task<IResult> ReportsAsync(HttpContext http, ApiGate gate, AnalystApi answers, string court) =>
        Denied(http, gate, court) ?? HttpAnswers.Of(await answers.ReportsAsync(court, http.RequestAborted).ConfigureAwait(false));

    public static async Task<IResult> ReportDownloadAsync(HttpContext http, ApiGate gate, AnalystApi answers, ReportArchive archive, string court, string period)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(archive);
        if (Denied(http, gate, court) is { } denied)
        {
            return denied;
        }
        var answer = await answers.ReportFileAsync(court, period, http.RequestAborted).ConfigureAwait(false);
        if (answer.File is not { } file)
        {
            return HttpAnswers.Of(answer);
        }
        // The PDF streams from the archive.
        http.Response.Headers.ContentDisposition = HttpAnswers.Attachment(file.FileName);
        return Results.Stream(await archive.OpenAsync(file, http.RequestAborted).ConfigureAwait(false), "application/pdf", lastModified: file.RenderedAt);
    }

    public static async Task<IResult> RunsAsync(HttpContext http, ApiGate gate, AnalystApi answers, string? latest)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(answers);
        return HttpAnswers.Of(gate.VisibleRuns(ApiCaller.Of(http), await answers.RunsAsync(latest, http.RequestAborted).ConfigureAwait(false)));
    }

    public static async Task<IResult> AggregationsAsync(HttpContext http, ApiGate gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        return HttpAnswers.Json(await gate.AggregationStateAsync(ApiCaller.Of(http), SchedulerOf(http), http.RequestAborted).ConfigureAwait(false));
    }

    /// <summary>
    /// Re-runs a court tree's aggregation (after a failure, or a new registry): started or queued like an upload's,
    /// answered 202 with the ticket. Never Durable's check-status response: its management URLs carry the task hub's
    /// system key, which a court's analyst must not get.
    /// </summary>
    public static async Task<IResult> StartAggregationAsync(HttpContext http, ApiGate gate, AggregationQueue queue, string court)
    {
        ArgumentNullException.ThrowIfNull(queue);
        if (Denied(http, gate, court) is { } denied)
        {
            return denied;
        }
        var ticket = await queue.RequestAsync(court, SchedulerOf(http), http.RequestAborted).ConfigureAwait(false);
        if (http.Features.Get<AggregationStatusRoute>() is { } status)
        {
            var path = "/api/" + status.Template.Replace("{instanceId}", Uri.EscapeDataString(ticket.InstanceId), StringComparison.Ordinal);
            http.Response.Headers.Location = new Uri(new Uri($"{http.Request.Scheme}://{http.Request.Host}"), path).AbsoluteUri;
        }
        return HttpAnswers.Json(ticket, 202);
    }

    public static async Task<IResult> SubscriptionsAsync(HttpContext http, DeliveryApi delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return HttpAnswers.Of(await delivery.SubscriptionsAsync(ApiCaller.Of(http), http.RequestAborted).ConfigureAwait(false));
    }

    public static async Task<IResult> SubscribeAsync(HttpContext http, DeliveryApi delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var (body, error) = await HttpAnswers.BodyAsync<SubscriptionRequest>(http).ConfigureAwait(false);
        return error ?? HttpAnswers.Of(await delivery.SubscribeAsync(ApiCaller.Of(http), body!, http.RequestAborted).ConfigureAwait(false));
    }

    public static async Task<IResult> UnsubscribeAsync(HttpContext http, DeliveryApi delivery, string id)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return HttpAnswers.Of(await delivery.UnsubscribeAsync(ApiCaller.Of(http), id, http.RequestAborted).ConfigureAwait(false));
    }

    public static async Task<IResult> DeliveriesAsync(HttpContext http, DeliveryApi delivery, string? court)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return HttpAnswers.Of(await delivery.DeliveriesAsync(ApiCaller.Of(http), court, http.RequestAborted).ConfigureAwait(false));
    }

    public static async Task<IResult> ResendAsync(HttpContext http, DeliveryApi delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var (body, error) = await HttpAnswers.BodyAsync<ResendRequest>(http).ConfigureAwait(false);
        return error ?? HttpAnswers.Of(await delivery.ResendAsync(ApiCaller.Of(http), body!, http.RequestAborted).ConfigureAwait(false));
    }

    /// <summary>The refusal for a court the caller may not read (404 unknown, 403 outside its courts), or null.</summary>
    public static IResult? Denied(HttpContext http, ApiGate gate, string court)
    {
        ArgumentNullException.ThrowIfNull(gate);
        return gate.Denied(ApiCaller.Of(http), court) is { } denied ? HttpAnswers.Of(denied) : null;
    }
}
