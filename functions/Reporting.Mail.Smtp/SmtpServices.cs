using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MimeKit;
using Reporting.Pipeline.Composition;
using Reporting.Pipeline.Delivery;

namespace Reporting.Mail.Smtp;

public static class SmtpServices
{
    /// <summary>Report mail over SMTP to the server of the settings Reporting:Smtp:* (used only when a host is set).</summary>
    public static IHostApplicationBuilder AddSmtpMail(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IReportMailer>(sp => new SmtpReportMailer(sp.GetRequiredService<SmtpSettings>()));
        builder.Services.AddSingleton<IStartupWork, SenderCheck>();
        return builder;
    }

    /// <summary>The sender's address as MimeKit, which sends the mail, reads it: refused at start, not at the first delivery.</summary>
    private sealed class SenderCheck(SmtpSettings settings) : IStartupWork
    {
        public Task RunAsync(CancellationToken cancellationToken) =>
            !settings.IsOn || MailboxAddress.TryParse(settings.From, out _)
                ? Task.CompletedTask
                : throw new FormatException($"设置 {SmtpSettings.FromKey} 应为发件人邮箱地址，而不是“{settings.From}” / setting {SmtpSettings.FromKey} must be the sender's address, not '{settings.From}'");
    }
}
