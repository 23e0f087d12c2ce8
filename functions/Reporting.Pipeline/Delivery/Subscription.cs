using System.Net.Mail;
using Reporting.Core.Courts;
using Reporting.Core.Periods;
using Reporting.Pipeline.Files;
using Reporting.Pipeline.Json;

namespace Reporting.Pipeline.Delivery;

/// <summary>
/// Who receives which court's reports: recipients, the court, the cadence (monthly or quarterly reports) and the kind
/// of report. Reports rendered after the subscription was made are delivered; earlier ones are not mailed out.
/// </summary>
public sealed record Subscription(string Id, string Court, IReadOnlyList<string> Recipients, string Cadence, string Kind, DateTimeOffset Created)
{
    public const string Monthly = "monthly";
    public const string Quarterly = "quarterly";

    /// <summary>The one kind the pipeline renders today: the 审判态势分析报告 of <see cref="Reports.RenderSituationReport"/>.</summary>
    public const string SituationReport = "situation";

    public bool Covers(Period period) => Cadence switch
    {
        Monthly => period.Kind == PeriodKind.Month,
        Quarterly => period.Kind == PeriodKind.Quarter,
        _ => false,
    };
}

/// <summary>A subscription as asked for (the API's POST body); checked by <see cref="SubscriptionStore.AddAsync"/>.</summary>
public sealed record SubscriptionRequest(string? Court, IReadOnlyList<string>? Recipients, string? Cadence, string? Kind);

/// <summary>A request that cannot become a subscription; <see cref="Errors"/> names each bad field.</summary>
public sealed class SubscriptionException(IReadOnlyDictionary<string, string[]> errors)
    : Exception(string.Join(" ", errors.Values.SelectMany(v => v)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>Subscriptions in the file store, one file each: delivery/subscriptions/{id}.json.</summary>
public sealed class SubscriptionStore(IFileStore files, TimeProvider clock)
{
    public const string Zone = "delivery";
    private const string Prefix = Zone + "/subscriptions/";
    public const int MaxRecipients = 50;

    /// <exception cref="SubscriptionException">A field is missing or malformed.</exception>
    public async Task<Subscription> AddAsync(SubscriptionRequest request, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        var court = request.Court?.Trim() ?? "";
        if (!CourtCode.IsWellFormed(court))
        {
            errors["court"] = [$"法院代字“{court}”无效 / '{court}' is not a court code"];
        }
        var recipients = (request.Recipients ?? []).Select(r => r?.Trim() ?? "").Where(r => r.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var bad = recipients.Where(r => !IsMailbox(r)).ToList();
        if (recipients.Count == 0 || recipients.Count > MaxRecipients || bad.Count > 0)
        {
            errors["recipients"] = [bad.Count > 0
                ? $"收件人地址无效：{string.Join("、", bad)} / not e-mail addresses: {string.Join(", ", bad)}"
                : $"收件人应为 1 到 {MaxRecipients} 个邮箱地址 / recipients must be 1 to {MaxRecipients} e-mail addresses"];
        }
        var cadence = request.Cadence?.Trim().ToLowerInvariant() ?? "";
        if (cadence is not (Subscription.Monthly or Subscription.Quarterly))
        {
            errors["cadence"] = [$"频次只能是 monthly（月报）或 quarterly（季报），而不是“{request.Cadence}” / cadence must be monthly or quarterly, not '{request.Cadence}'"];
        }
        var kind = string.IsNullOrWhiteSpace(request.Kind) ? Subscription.SituationReport : request.Kind.Trim().ToLowerInvariant();
        if (kind != Subscription.SituationReport)
        {
            errors["kind"] = [$"报告类型只能是 situation（审判态势分析报告），而不是“{request.Kind}” / kind must be situation, not '{request.Kind}'"];
        }
        if (errors.Count > 0)
        {
            throw new SubscriptionException(errors);
        }
        var subscription = new Subscription($"sub-{Guid.NewGuid():N}"[..16], court, recipients, cadence, kind, clock.GetUtcNow());
        await files.TryWriteJsonAsync(PathOf(subscription.Id), subscription, ReportingJson.Compact, expectedVersion: null, cancellationToken).ConfigureAwait(false);
        return subscription;
    }

    public async Task<IReadOnlyList<Subscription>> ListAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<Subscription>();
        await foreach (var file in files.ListAsync(Prefix, cancellationToken).ConfigureAwait(false))
        {
            if (file.Path.EndsWith(".json", StringComparison.Ordinal)
                && await files.ReadJsonAsync<Subscription>(file.Path, ReportingJson.Compact, cancellationToken).ConfigureAwait(false) is { } subscription)
            {
                list.Add(subscription);
            }
        }
        return list.OrderBy(s => s.Court, StringComparer.Ordinal).ThenBy(s => s.Created).ToList();
    }

    public async Task<Subscription?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        StorePath.IsSegment(id) ? await files.ReadJsonAsync<Subscription>(PathOf(id), ReportingJson.Compact, cancellationToken).ConfigureAwait(false) : null;

    public Task<bool> RemoveAsync(string id, CancellationToken cancellationToken = default) =>
        StorePath.IsSegment(id) ? files.DeleteAsync(PathOf(id), cancellationToken) : Task.FromResult(false);

    private static string PathOf(string id) => Prefix + StorePath.Segment(id, "subscription") + ".json";

    private static bool IsMailbox(string text) =>
        text.Length <= 254 && MailAddress.TryCreate(text, out var address) && address.Address == text && address.Host.Contains('.');
}
