using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Reporting.Pipeline.Delivery;

namespace Reporting.Mail.Smtp;

public static class SmtpServices
{
    /// <summary>Report mail over SMTP to the server of the settings Reporting:Smtp:* (used only when a host is set).</summary>
    public static IHostApplicationBuilder AddSmtpMail(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IReportMailer>(sp => new SmtpReportMailer(sp.GetRequiredService<SmtpSettings>()));
        return builder;
    }
}
