using Reporting.Pipeline.Access;
using Reporting.Pipeline.Delivery;
using Reporting.Pipeline.Files;

namespace Reporting.Pipeline.Api;

/// <summary>A request to mail a failed or unconfirmed delivery again.</summary>
public sealed record ResendRequest(string? Court, string? Period, string? Recipient);

/// <summary>
/// Subscriptions and the delivery log over HTTP, scoped to the caller's courts, the same in every host: a caller
/// lists, adds and removes subscriptions of courts it may read, sees their deliveries, and re-sends one.
/// </summary>
public sealed class DeliveryApi(ApiGate gate, SubscriptionStore subscriptions, DeliveryLog log, ConfiguredDelivery delivery)
{
    public async Task<ApiAnswer> SubscriptionsAsync(CourtCaller caller, CancellationToken cancellationToken = default) =>
        new(200, (await subscriptions.ListAsync(cancellationToken).ConfigureAwait(false)).Where(s => gate.CanRead(caller, s.Court)).ToList());

    public async Task<ApiAnswer> SubscribeAsync(CourtCaller caller, SubscriptionRequest? request, CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            return MissingBody();
        }
        if (request.Court is { } court && gate.Denied(caller, court) is { } denied)
        {
            return denied;
        }
        try
        {
            return new(201, await subscriptions.AddAsync(request, cancellationToken).ConfigureAwait(false));
        }
        catch (SubscriptionException e)
        {
            return AnalystApi.BadRequest(e.Errors);
        }
    }

    /// <summary>204 with no body when removed; a subscription the caller may not see is answered as missing.</summary>
    public async Task<ApiAnswer> UnsubscribeAsync(CourtCaller caller, string id, CancellationToken cancellationToken = default)
    {
        var subscription = await subscriptions.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (subscription is null || !gate.CanRead(caller, subscription.Court))
        {
            return AnalystApi.NotFound("id", $"没有订阅“{id}” / no subscription '{id}'");
        }
        await subscriptions.RemoveAsync(id, cancellationToken).ConfigureAwait(false);
        return new(204, null);
    }

    public async Task<ApiAnswer> DeliveriesAsync(CourtCaller caller, string? court, CancellationToken cancellationToken = default)
    {
        if (court is not null && gate.Denied(caller, court) is { } denied)
        {
            return denied;
        }
        var entries = court is null || StorePath.IsSegment(court) ? await log.ListAsync(court, cancellationToken).ConfigureAwait(false) : [];
        return new(200, entries.Where(e => gate.CanRead(caller, e.Court)).ToList());
    }

    public async Task<ApiAnswer> ResendAsync(CourtCaller caller, ResendRequest? request, CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            return MissingBody();
        }
        var errors = new Dictionary<string, string[]>();
        Require(errors, "court", request.Court);
        Require(errors, "period", request.Period);
        Require(errors, "recipient", request.Recipient);
        if (errors.Count > 0)
        {
            return AnalystApi.BadRequest(errors);
        }
        if (gate.Denied(caller, request.Court!) is { } denied)
        {
            return denied;
        }
        if (delivery.Deliver is null)
        {
            return new(409, new Problem("未配置邮件服务器 / no mail server", 409, "Reporting:Smtp:Host is not set"));
        }
        return await delivery.Deliver.ResendAsync(request.Court!, request.Period!, request.Recipient!, cancellationToken).ConfigureAwait(false) is { } entry
            ? new(200, entry)
            : AnalystApi.NotFound("recipient", "没有可重发的失败或未确认投递 / no failed or unconfirmed delivery to re-send");
    }

    private static void Require(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [$"缺少 {field} / {field} is required"];
        }
    }

    private static ApiAnswer MissingBody() =>
        AnalystApi.BadRequest(new Dictionary<string, string[]> { ["body"] = ["请求体应为 JSON 对象 / the request body must be a JSON object"] });
}
