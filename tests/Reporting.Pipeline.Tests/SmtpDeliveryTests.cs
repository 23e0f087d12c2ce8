using Reporting.Mail.Smtp;
using Reporting.Storage.Local;
using Reporting.Core.Courts;
using Reporting.Core.Periods;
using Reporting.Pipeline.Delivery;
using Reporting.Pipeline.Reports;
using Reporting.Tests.Shared;

namespace Reporting.Pipeline.Tests;

/// <summary>Delivery over a real SMTP server on loopback (maildev): the PDF arrives attached, once, with its Message-ID.</summary>
public sealed class SmtpDeliveryTests(MailDev mail) : IClassFixture<MailDev>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("reporting-smtp-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task TheReportArrivesAttached_OnceEvenWhenTheTimerTicksAgain()
    {
        var files = new LocalFileStore(_root);
        var archive = new ReportArchive(files);
        var clock = TimeProvider.System;
        var subscriptions = new SubscriptionStore(files, clock);
        var recipient = $"leader-{Guid.NewGuid():N}@example.cn";
        await subscriptions.AddAsync(new SubscriptionRequest("浙01", [recipient], "quarterly", null));
        var pdf = Enumerable.Range(0, 4096).Select(i => (byte)i).ToArray();
        await archive.TryAddAsync("浙01", Period.Parse("2025-Q4"), new MemoryStream(pdf));
        var settings = SmtpSettings.Read(TestSettings.Of(
            (SmtpSettings.HostKey, mail.Host),
            (SmtpSettings.PortKey, mail.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (SmtpSettings.FromKey, "审管办 <reports@example.cn>"),
            (SmtpSettings.SecurityKey, "none")));
        var deliver = new DeliverReports(subscriptions, archive, new DeliveryLog(files), new SmtpReportMailer(settings), CourtRegistry.Demo(), clock);

        var first = await deliver.RunAsync();
        await deliver.RunAsync();

        var sent = Assert.Single(first.Sent);
        var received = Assert.Single(await mail.MailAsync(), m => m.To == recipient);
        Assert.Equal($"<{sent.MessageId}>", received.MessageId);
        Assert.Contains("示例省甲市中级人民法院", received.Subject, StringComparison.Ordinal);
        Assert.Equal([("审判态势分析报告-浙01-2025-Q4.pdf", 4096L)], received.Attachments);
    }

    [Fact]
    public async Task ANonexistentServer_IsARefusal_RetriedLater()
    {
        var mailer = new SmtpReportMailer(new SmtpSettings("127.0.0.1", 1, "reports@example.cn", null, null, SmtpSecurity.None));

        var e = await Assert.ThrowsAsync<MailNotSentException>(() =>
            mailer.SendAsync(new ReportMail("x@reporting.local", "a@example.cn", "s", "b", "r.pdf", [1])));

        Assert.False(e.Permanent);
    }

    [Fact]
    public void Settings_NameTheBadOne()
    {
        Assert.False(SmtpSettings.Read(TestSettings.Of()).IsOn);
        var e = Assert.Throws<FormatException>(() => SmtpSettings.Read(TestSettings.Of(
            (SmtpSettings.HostKey, "smtp.example.cn"),
            (SmtpSettings.PortKey, "smtp"),
            (SmtpSettings.FromKey, "r@example.cn"))));
        Assert.Contains(SmtpSettings.PortKey, e.Message, StringComparison.Ordinal);
        Assert.Contains(SmtpSettings.FromKey, Assert.Throws<FormatException>(() => SmtpSettings.Read(TestSettings.Of((SmtpSettings.HostKey, "smtp.example.cn")))).Message,
            StringComparison.Ordinal);
    }
}
