using Reporting.Storage.Local;
using Reporting.Core.Courts;
using Reporting.Core.Periods;
using Reporting.Pipeline.Delivery;
using Reporting.Pipeline.Reports;

namespace Reporting.Pipeline.Tests;

/// <summary>
/// Report delivery: once per report and recipient, through refusals (retried with backoff, then failed), interrupted
/// sends (unconfirmed, never re-sent by themselves) and a crash between sending and recording.
/// </summary>
public sealed class DeliveryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("reporting-delivery-").FullName;
    private readonly LocalFileStore _files;
    private readonly MovingClock _clock = new(DateTimeOffset.UtcNow.AddMinutes(-5));
    private readonly RecordingMailer _mailer = new();
    private readonly ReportArchive _archive;
    private readonly SubscriptionStore _subscriptions;
    private readonly DeliveryLog _log;

    public DeliveryTests()
    {
        _files = new LocalFileStore(_root);
        _archive = new ReportArchive(_files);
        _subscriptions = new SubscriptionStore(_files, _clock);
        _log = new DeliveryLog(_files);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private DeliverReports Deliver() => new(_subscriptions, _archive, _log, _mailer, CourtRegistry.Demo(), _clock);

    private async Task ArchiveAsync(string court, string period, int size = 100)
    {
        using var pdf = new MemoryStream(Enumerable.Repeat((byte)'%', size).ToArray());
        Assert.True(await _archive.TryAddAsync(court, Period.Parse(period), pdf));
    }

    [Fact]
    public async Task EachReportGoesOnce_ToEachRecipient_OfItsCadence()
    {
        await _subscriptions.AddAsync(new SubscriptionRequest("浙", ["leader@example.cn", "office@example.cn"], "monthly", null));
        await _subscriptions.AddAsync(new SubscriptionRequest("浙", ["LEADER@example.cn"], "quarterly", "situation"));
        await ArchiveAsync("浙", "2025-11", 321);
        await ArchiveAsync("浙", "2025-Q4");
        await ArchiveAsync("浙01", "2025-11");

        var first = await Deliver().RunAsync();
        var second = await Deliver().RunAsync();

        // Monthly to both; the quarterly report to the quarterly subscriber, whose address differs only in case from a monthly one.
        Assert.Equal(3, first.Sent.Count);
        Assert.Empty(second.Sent);
        Assert.Equal(3, _mailer.Sent.Count);
        var monthly = _mailer.Sent.Where(m => m.AttachmentName == "审判态势分析报告-浙-2025-11.pdf").ToList();
        Assert.Equal(["leader@example.cn", "office@example.cn"], monthly.Select(m => m.To).Order(StringComparer.Ordinal));
        Assert.All(monthly, m => Assert.Equal(321, m.Attachment.Length));
        Assert.All(monthly, m => Assert.Contains("示例省高级人民法院", m.Subject));
        Assert.Single(_mailer.Sent, m => m.AttachmentName.EndsWith("2025-Q4.pdf", StringComparison.Ordinal));
        Assert.DoesNotContain(_mailer.Sent, m => m.AttachmentName.Contains("浙01", StringComparison.Ordinal));
        Assert.Equal(_mailer.Sent.Count, _mailer.Sent.Select(m => m.MessageId).Distinct().Count());
        Assert.All(await _log.ListAsync("浙"), e => Assert.Equal(DeliveryState.Sent, e.State));
    }

    [Fact]
    public async Task AReportRenderedBeforeTheSubscription_IsNotMailedOut()
    {
        await ArchiveAsync("浙", "2025-10");
        _clock.Now = DateTimeOffset.UtcNow.AddHours(1);
        await _subscriptions.AddAsync(new SubscriptionRequest("浙", ["leader@example.cn"], "monthly", null));

        Assert.Empty((await Deliver().RunAsync()).Sent);
        Assert.Empty(_mailer.Sent);
    }

    [Fact]
    public async Task ARefusal_IsRetriedWithBackoff_ThenMarkedFailed_Visibly()
    {
        await _subscriptions.AddAsync(new SubscriptionRequest("浙", ["leader@example.cn"], "monthly", null));
        await ArchiveAsync("浙", "2025-11");
        _mailer.Refuse = new MailNotSentException("421 try later", permanent: false);
        var deliver = Deliver();

        var waits = new List<TimeSpan>();
        for (var attempt = 1; attempt <= DeliverReports.MaxAttempts; attempt++)
        {
            var pass = await deliver.RunAsync();
            var entry = Assert.Single(attempt < DeliverReports.MaxAttempts ? pass.Retrying : pass.Failed);
            Assert.Equal(attempt, entry.Attempts);
            Assert.Contains("421", entry.LastError, StringComparison.Ordinal);
            Assert.Empty((await deliver.RunAsync()).Retrying); // not due again yet
            if (entry.NextAttemptAt is { } next)
            {
                waits.Add(next - _clock.Now);
                _clock.Now = next;
            }
        }

        Assert.Equal([1, 2, 4, 8], waits.Select(w => w.TotalMinutes));
        Assert.Equal(DeliverReports.MaxAttempts, _mailer.Attempts);
        Assert.Equal(DeliveryState.Failed, Assert.Single(await _log.ListAsync()).State);
        _clock.Now += TimeSpan.FromDays(1);
        await deliver.RunAsync();
        Assert.Equal(DeliverReports.MaxAttempts, _mailer.Attempts);
    }

    [Fact]
    public async Task APermanentRefusal_FailsAtOnce()
    {
        await _subscriptions.AddAsync(new SubscriptionRequest("浙", ["nobody@example.cn"], "monthly", null));
        await ArchiveAsync("浙", "2025-11");
        _mailer.Refuse = new MailNotSentException("550 no such user", permanent: true);

        var pass = await Deliver().RunAsync();

        Assert.Equal(1, Assert.Single(pass.Failed).Attempts);
    }

    [Fact]
    public async Task AnInterruptedSend_IsUnconfirmed_NotResentByItself_UntilAnOperatorAsks()
    {
        await _subscriptions.AddAsync(new SubscriptionRequest("浙", ["leader@example.cn"], "monthly", null));
        await ArchiveAsync("浙", "2025-11");
        _mailer.Interrupt = new IOException("connection reset during DATA");
        var deliver = Deliver();

        Assert.Single((await deliver.RunAsync()).Unconfirmed);
        _mailer.Interrupt = null;
        _clock.Now += TimeSpan.FromHours(1);
        Assert.Empty((await deliver.RunAsync()).Sent);
        Assert.Empty(_mailer.Sent);

        Assert.NotNull(await deliver.ResendAsync("浙", "2025-11", "leader@example.cn"));
        Assert.Single((await deliver.RunAsync()).Sent);
        Assert.Single(_mailer.Sent);
    }

    [Fact]
    public async Task ACrashBetweenSendingAndRecording_NeverMailsTwice()
    {
        await _subscriptions.AddAsync(new SubscriptionRequest("浙", ["leader@example.cn"], "monthly", null));
        await ArchiveAsync("浙", "2025-11");
        _mailer.CrashAfterSending = true;
        await Assert.ThrowsAsync<OperationCanceledException>(() => Deliver().RunAsync());
        Assert.Equal(DeliveryState.Sending, Assert.Single(await _log.ListAsync()).State);
        _mailer.CrashAfterSending = false;

        // The restarted host reconciles what the dead one left, then delivers as usual.
        _clock.Now += TimeSpan.FromSeconds(30);
        var restarted = Deliver();
        Assert.Single(await restarted.ReconcileAsync(_clock.Now));
        await restarted.RunAsync();
        _clock.Now += TimeSpan.FromDays(1);
        await restarted.RunAsync();

        Assert.Single(_mailer.Sent);
        Assert.Equal(DeliveryState.Unconfirmed, Assert.Single(await _log.ListAsync()).State);
    }

    [Fact]
    public async Task ASubscriptionNamesEveryBadField()
    {
        var e = await Assert.ThrowsAsync<SubscriptionException>(() =>
            _subscriptions.AddAsync(new SubscriptionRequest("no court", ["leader@example.cn", "not-an-address"], "weekly", "brief")));

        Assert.Equal(["cadence", "court", "kind", "recipients"], e.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("not-an-address", e.Errors["recipients"][0], StringComparison.Ordinal);
        Assert.Empty(await _subscriptions.ListAsync());
    }

    private sealed class MovingClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class RecordingMailer : IReportMailer
    {
        public List<ReportMail> Sent { get; } = [];
        public int Attempts { get; private set; }
        public MailNotSentException? Refuse { get; set; }
        public Exception? Interrupt { get; set; }
        public bool CrashAfterSending { get; set; }

        public Task SendAsync(ReportMail mail, CancellationToken cancellationToken = default)
        {
            Attempts++;
            if (Refuse is not null)
            {
                throw Refuse;
            }
            if (Interrupt is not null)
            {
                throw Interrupt;
            }
            Sent.Add(mail);
            // The process is torn down after the server took the mail and before the log says so.
            return CrashAfterSending ? throw new OperationCanceledException("host stopping") : Task.CompletedTask;
        }
    }
}
