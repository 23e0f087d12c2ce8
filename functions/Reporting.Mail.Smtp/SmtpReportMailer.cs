using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Reporting.Pipeline.Delivery;

namespace Reporting.Mail.Smtp;

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
            await client.ConnectAsync(settings.Host, settings.Port, SocketOptions(settings.Security), cancellationToken).ConfigureAwait(false);
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

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.Auto => SecureSocketOptions.Auto,
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
    };
}
