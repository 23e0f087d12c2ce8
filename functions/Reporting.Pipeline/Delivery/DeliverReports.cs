using Microsoft.Extensions.Logging;
using Reporting.Core.Courts;
using Reporting.Core.Periods;
using Reporting.Pipeline.Reports;

namespace Reporting.Pipeline.Delivery;

/// <summary>What one delivery pass did, entry by entry.</summary>
public sealed record DeliveryPass(IReadOnlyList<DeliveryRecord> Sent, IReadOnlyList<DeliveryRecord> Retrying, IReadOnlyList<DeliveryRecord> Failed, IReadOnlyList<DeliveryRecord> Unconfirmed)
{
    /// <summary>One line per entry: sent ones as information, every other outcome as a warning, so none is silent.</summary>
    public void Log(ILogger log)
    {
        foreach (var entry in Sent)
        {
            log.LogInformation("Delivered {Court} {Period} to {Recipient} as {MessageId}", entry.Court, entry.Period, entry.Recipient, entry.MessageId);
        }
        foreach (var entry in Retrying.Concat(Failed).Concat(Unconfirmed))
        {
            log.LogWarning("Delivery of {Court} {Period} to {Recipient} {State} after {Attempts} attempts: {Error}",
                entry.Court, entry.Period, entry.Recipient, entry.State, entry.Attempts, entry.LastError);
        }
    }
}

/// <summary>
/// Mails each archived report to the recipients subscribed to its court and cadence, once per report and recipient.
/// The log entry is written (create-only, or by conditional write) before the mail goes out, so a second host or a
/// restarted one finds the claim and does not send again; an entry left "sending" by a crash becomes "unconfirmed"
/// and waits for a person instead of risking a second mail. A refusal before acceptance is retried with backoff
/// (1, 2, 4, 8 minutes) and, after <see cref="MaxAttempts"/>, marked failed: every outcome is in the log.
/// </summary>
public sealed class DeliverReports(SubscriptionStore subscriptions, ReportArchive archive, DeliveryLog log, IReportMailer mailer, CourtRegistry registry, TimeProvider clock)
{
    public const int MaxAttempts = 5;
    public static readonly TimeSpan FirstRetry = TimeSpan.FromMinutes(1);

    /// <summary>A send still "sending" after this long was cut off (a host that died mid-send): it becomes unconfirmed.</summary>
    public static readonly TimeSpan SendTimeout = TimeSpan.FromMinutes(10);

    /// <summary>At start-up: entries a previous process left "sending" before <paramref name="startedAt"/> become unconfirmed.</summary>
    public async Task<IReadOnlyList<DeliveryRecord>> ReconcileAsync(DateTimeOffset startedAt, CancellationToken cancellationToken = default)
    {
        var marked = new List<DeliveryRecord>();
        foreach (var entry in await log.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entry.State == DeliveryState.Sending && entry.Updated < startedAt
                && await MarkUnconfirmedAsync(entry, "发送过程中进程退出，无法确认是否已发出 / the process stopped while sending: not known whether the mail went", cancellationToken).ConfigureAwait(false) is { } record)
            {
                marked.Add(record);
            }
        }
        return marked;
    }

    public async Task<DeliveryPass> RunAsync(CancellationToken cancellationToken = default)
    {
        var outcomes = new List<DeliveryRecord>();
        foreach (var subscription in await subscriptions.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!Files.StorePath.IsSegment(subscription.Court))
            {
                continue;
            }
            foreach (var report in await archive.ListAsync(subscription.Court, cancellationToken).ConfigureAwait(false))
            {
                if (!Period.TryParse(report.Period, out var period) || !subscription.Covers(period) || report.RenderedAt < subscription.Created)
                {
                    continue;
                }
                foreach (var recipient in subscription.Recipients)
                {
                    if (await DeliverAsync(subscription, report, recipient, cancellationToken).ConfigureAwait(false) is { } outcome)
                    {
                        outcomes.Add(outcome);
                    }
                }
            }
        }
        return new DeliveryPass(
            outcomes.Where(o => o.State == DeliveryState.Sent).ToList(),
            outcomes.Where(o => o.State == DeliveryState.Retrying).ToList(),
            outcomes.Where(o => o.State == DeliveryState.Failed).ToList(),
            outcomes.Where(o => o.State == DeliveryState.Unconfirmed).ToList());
    }

    /// <summary>An operator's re-send of an unconfirmed or failed entry: it is tried again at the next pass.</summary>
    public async Task<DeliveryRecord?> ResendAsync(string court, string period, string recipient, CancellationToken cancellationToken = default)
    {
        var (record, version) = await log.ReadAsync(court, period, recipient, cancellationToken).ConfigureAwait(false);
        if (record is null || record.State is not (DeliveryState.Unconfirmed or DeliveryState.Failed))
        {
            return null;
        }
        var retry = record with { State = DeliveryState.Retrying, Attempts = 0, NextAttemptAt = clock.GetUtcNow(), Updated = clock.GetUtcNow() };
        return await log.TryWriteAsync(retry, version, cancellationToken).ConfigureAwait(false) is null ? null : retry;
    }

    /// <returns>The entry as this call left it, or null when it had nothing to do (already sent, not yet due, claimed elsewhere).</returns>
    private async Task<DeliveryRecord?> DeliverAsync(Subscription subscription, ArchivedReport report, string recipient, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (record, version) = await log.ReadAsync(report.Court, report.Period, recipient, cancellationToken).ConfigureAwait(false);
        DeliveryRecord claim;
        switch (record?.State)
        {
            case null:
                claim = new DeliveryRecord(report.Court, report.Period, recipient, subscription.Id, DeliveryState.Sending, 1, now, null, null, null,
                    DeliveryLog.MessageIdOf(report.Court, report.Period, recipient));
                break;
            case DeliveryState.Retrying when record.NextAttemptAt is null || record.NextAttemptAt <= now:
                claim = record with { State = DeliveryState.Sending, Attempts = record.Attempts + 1, Updated = now, NextAttemptAt = null };
                break;
            case DeliveryState.Sending when now - record.Updated > SendTimeout:
                return await MarkUnconfirmedAsync(record, "发送超时，无法确认是否已发出 / the send timed out: not known whether the mail went", cancellationToken).ConfigureAwait(false);
            default:
                return null;
        }
        var claimed = await log.TryWriteAsync(claim, version, cancellationToken).ConfigureAwait(false);
        if (claimed is null)
        {
            return null;
        }
        DeliveryRecord outcome;
        try
        {
            await mailer.SendAsync(await MailAsync(report, recipient, claim.MessageId, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            outcome = claim with { State = DeliveryState.Sent, SentAt = clock.GetUtcNow(), Updated = clock.GetUtcNow(), LastError = null };
        }
        catch (MailNotSentException e) when (e.Permanent || claim.Attempts >= MaxAttempts)
        {
            outcome = claim with { State = DeliveryState.Failed, Updated = clock.GetUtcNow(), LastError = e.Message };
        }
        catch (MailNotSentException e)
        {
            var wait = FirstRetry * Math.Pow(2, claim.Attempts - 1);
            outcome = claim with { State = DeliveryState.Retrying, Updated = clock.GetUtcNow(), NextAttemptAt = clock.GetUtcNow() + wait, LastError = e.Message };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            outcome = claim with { State = DeliveryState.Unconfirmed, Updated = clock.GetUtcNow(), LastError = $"发送中断，无法确认是否已发出 / interrupted while sending: {e.Message}" };
        }
        await log.TryWriteAsync(outcome, claimed, CancellationToken.None).ConfigureAwait(false);
        return outcome;
    }

    private async Task<DeliveryRecord?> MarkUnconfirmedAsync(DeliveryRecord entry, string reason, CancellationToken cancellationToken)
    {
        var (current, version) = await log.ReadAsync(entry.Court, entry.Period, entry.Recipient, cancellationToken).ConfigureAwait(false);
        if (current is null || current != entry)
        {
            return null;
        }
        var marked = current with { State = DeliveryState.Unconfirmed, Updated = clock.GetUtcNow(), LastError = reason };
        return await log.TryWriteAsync(marked, version, cancellationToken).ConfigureAwait(false) is null ? null : marked;
    }

    private async Task<ReportMail> MailAsync(ArchivedReport report, string recipient, string messageId, CancellationToken cancellationToken)
    {
        byte[] pdf;
        try
        {
            await using var stream = await archive.OpenAsync(report, cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            pdf = buffer.ToArray();
        }
        catch (FileNotFoundException e)
        {
            throw new MailNotSentException($"报告文件已不存在 / the report file is gone: {report.Path}", permanent: true, e);
        }
        var courtName = registry.TryGet(report.Court, out var court) ? court.Name : report.Court;
        var label = Period.TryParse(report.Period, out var period) ? period.ChineseLabel() : report.Period;
        var subject = $"【内部资料】{courtName}{label}审判态势分析报告";
        var body = $"""
            {courtName}领导：

            附件为{courtName}{label}审判态势分析报告（PDF），由审判质量管理指标报送流水线根据各法院报送的案件数据自动生成。
            报告为内部资料，请勿外传。

            此邮件由系统自动发送，请勿直接回复。
            """;
        return new ReportMail(messageId, recipient, subject, body, report.FileName, pdf);
    }
}

/// <summary>Delivery as a host's settings make it: off (<see cref="Deliver"/> null) when no mail server is set.</summary>
public sealed record ConfiguredDelivery(DeliverReports? Deliver);
