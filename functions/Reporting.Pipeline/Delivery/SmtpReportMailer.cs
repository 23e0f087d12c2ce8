using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Reporting.Pipeline.Delivery;

/// <summary>The mail server (settings Reporting:Smtp:*). No host: delivery is off.</summary>
public sealed record SmtpSettings(string Host, int Port, string From, string? UserName, string? Password, SecureSocketOptions Security)
{
    public const string HostKey = "Reporting:Smtp:Host";
    public const string PortKey = "Reporting:Smtp:Port";
    public const string FromKey = "Reporting:Smtp:From";
    public const string UserNameKey = "Reporting:Smtp:UserName";
    public const string PasswordKey = "Reporting:Smtp:Password";
    public const string SecurityKey = "Reporting:Smtp:Security";

    /// <returns>null when no host is set (delivery off).</returns>
    /// <exception cref="FormatException">A value is malformed; the message names the setting.</exception>
    public static SmtpSettings? Read(Func<string, string?> setting)
    {
        var host = setting(HostKey)?.Trim();
        if (string.IsNullOrEmpty(host))
        {
            return null;
        }
        var security = (setting(SecurityKey)?.Trim().ToLowerInvariant() ?? "") switch
        {
            "" or "auto" => SecureSocketOptions.Auto,
            "none" => SecureSocketOptions.None,
            "starttls" => SecureSocketOptions.StartTls,
            "tls" or "ssl" => SecureSocketOptions.SslOnConnect,
            var other => throw new FormatException($"设置 {SecurityKey} 只能是 auto、none、starttls 或 tls，而不是“{other}” / setting {SecurityKey} must be auto, none, starttls or tls, not '{other}'"),
        };
        var portText = setting(PortKey);
        var port = security == SecureSocketOptions.SslOnConnect ? 465 : 587;
        if (!string.IsNullOrWhiteSpace(portText) && (!int.TryParse(portText, out port) || port is < 1 or > 65535))
        {
            throw new FormatException($"设置 {PortKey} 应为 1 到 65535 的端口号，而不是“{portText}” / setting {PortKey} must be a port number, not '{portText}'");
        }
        var from = setting(FromKey)?.Trim();
        if (string.IsNullOrEmpty(from) || !MailboxAddress.TryParse(from, out _))
        {
            throw new FormatException($"设置 {FromKey} 应为发件人邮箱地址，而不是“{from}” / setting {FromKey} must be the sender's address, not '{from}'");
        }
        return new SmtpSettings(host, port, from, setting(UserNameKey), setting(PasswordKey), security);
    }
}

/// <summary>
/// Sends report mail over SMTP with MailKit, one connection per mail. Failures up to and including the server's
/// refusal of a command are <see cref="MailNotSentException"/> (nothing was accepted); a connection that breaks
/// while the message is being handed over surfaces as any other exception: the outcome is unknown.
/// </summary>
public sealed class SmtpReportMailer(SmtpSettings settings) : IReportMailer
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public async Task SendAsync(ReportMail mail, CancellationToken cancellationToken = default)
    {
        var message = new MimeMessage { MessageId = mail.MessageId, Subject = mail.Subject };
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        var body = new BodyBuilder { TextBody = mail.Body };
        body.Attachments.Add(mail.AttachmentName, mail.Attachment, new ContentType("application", "pdf"));
        message.Body = body.ToMessageBody();

        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, settings.Security, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException or IOException or SslHandshakeException or AuthenticationException or SmtpCommandException or SmtpProtocolException or TimeoutException)
        {
            throw new MailNotSentException($"无法连接邮件服务器 {settings.Host}:{settings.Port} / could not connect to the mail server: {e.Message}",
                permanent: e is AuthenticationException, e);
        }
        try
        {
            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (SmtpCommandException e)
        {
            // The server answered with a refusal: it did not take the message.
            throw new MailNotSentException($"邮件服务器拒收 / the mail server refused the mail ({(int)e.StatusCode}): {e.Message}",
                permanent: (int)e.StatusCode >= 500, e);
        }
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SmtpProtocolException or ServiceNotConnectedException)
        {
            // Accepted already; a failed QUIT changes nothing.
        }
    }
}
