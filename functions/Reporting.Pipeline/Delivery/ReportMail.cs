namespace Reporting.Pipeline.Delivery;

/// <summary>One mail: a report to one recipient, the PDF attached.</summary>
public sealed record ReportMail(string MessageId, string To, string Subject, string Body, string AttachmentName, byte[] Attachment);

/// <summary>Hands mail to a mail server: SMTP in every host (Reporting.Mail.Smtp).</summary>
public interface IReportMailer
{
    /// <exception cref="MailNotSentException">Nothing was accepted: safe to try again (or, when permanent, pointless).</exception>
    /// <remarks>Any other exception means the outcome is unknown: the mail may have been accepted.</remarks>
    Task SendAsync(ReportMail mail, CancellationToken cancellationToken = default);
}

/// <summary>The mail server or network refused the mail before accepting it: it was certainly not sent.</summary>
public sealed class MailNotSentException(string message, bool permanent, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>A refusal that retrying will not change (a 5xx reply: unknown mailbox, message rejected).</summary>
    public bool Permanent { get; } = permanent;
}
