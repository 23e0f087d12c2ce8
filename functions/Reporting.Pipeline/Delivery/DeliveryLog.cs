using System.Security.Cryptography;
using System.Text;
using Reporting.Pipeline.Files;
using Reporting.Pipeline.Json;

namespace Reporting.Pipeline.Delivery;

/// <summary>Where one report's delivery to one recipient stands.</summary>
public static class DeliveryState
{
    /// <summary>The intent is recorded and the mail is being handed to the SMTP server.</summary>
    public const string Sending = "sending";

    /// <summary>The SMTP server accepted the mail.</summary>
    public const string Sent = "sent";

    /// <summary>The server or network refused it before accepting anything; tried again after <see cref="DeliveryRecord.NextAttemptAt"/>.</summary>
    public const string Retrying = "retrying";

    /// <summary>Refused for good (a permanent SMTP error, or every attempt used up). Needs a person.</summary>
    public const string Failed = "failed";

    /// <summary>
    /// The process stopped, or the connection broke, while the mail was being handed over: it may or may not have
    /// gone. Never re-sent by itself (that could mail twice); an operator checks and re-sends through the API.
    /// </summary>
    public const string Unconfirmed = "unconfirmed";
}

/// <summary>One report's delivery to one recipient: the delivery log's entry, written before the mail is sent.</summary>
public sealed record DeliveryRecord(
    string Court, string Period, string Recipient, string SubscriptionId, string State, int Attempts, DateTimeOffset Updated,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? SentAt, string? LastError, string MessageId);

/// <summary>
/// The delivery log in the file store, one file per report and recipient (delivery/log/{court}/{period}/{key}.json,
/// the key a hash of the lower-cased address), changed only by conditional writes so two hosts cannot both claim a send.
/// </summary>
public sealed class DeliveryLog(IFileStore files)
{
    private const string Prefix = SubscriptionStore.Zone + "/log/";

    public static string PathOf(string court, string period, string recipient) =>
        StorePath.Join(SubscriptionStore.Zone, "log", StorePath.Segment(court, "court"), StorePath.Segment(period, "period"), Key(recipient) + ".json");

    /// <summary>A Message-ID fixed by report and recipient: a receiving system that keeps ids drops a duplicate.</summary>
    public static string MessageIdOf(string court, string period, string recipient) => $"{Key(court + "/" + period + "/" + recipient.ToLowerInvariant())}@reporting.local";

    public async Task<(DeliveryRecord? Record, string? Version)> ReadAsync(string court, string period, string recipient, CancellationToken cancellationToken = default)
    {
        var path = PathOf(court, period, recipient);
        var info = await files.GetInfoAsync(path, cancellationToken).ConfigureAwait(false);
        return info is null ? (null, null) : (await files.ReadJsonAsync<DeliveryRecord>(path, ReportingJson.Compact, cancellationToken).ConfigureAwait(false), info.Version);
    }

    /// <summary>Writes the record if the stored one is still at <paramref name="expectedVersion"/> (null: only if none is stored).</summary>
    /// <returns>The new version, or null when the entry changed first (another host claimed it).</returns>
    public Task<string?> TryWriteAsync(DeliveryRecord record, string? expectedVersion, CancellationToken cancellationToken = default) =>
        files.TryWriteJsonAsync(PathOf(record.Court, record.Period, record.Recipient), record, ReportingJson.Compact, expectedVersion, cancellationToken);

    /// <summary>Every entry, or one court's; newest first.</summary>
    public async Task<IReadOnlyList<DeliveryRecord>> ListAsync(string? court = null, CancellationToken cancellationToken = default)
    {
        var prefix = court is null ? Prefix : Prefix + StorePath.Segment(court, "court") + "/";
        var list = new List<DeliveryRecord>();
        await foreach (var file in files.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            if (file.Path.EndsWith(".json", StringComparison.Ordinal)
                && await files.ReadJsonAsync<DeliveryRecord>(file.Path, ReportingJson.Compact, cancellationToken).ConfigureAwait(false) is { } record)
            {
                list.Add(record);
            }
        }
        return list.OrderByDescending(r => r.Updated).ToList();
    }

    private static string Key(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToLowerInvariant())))[..32];
}
