using Microsoft.Extensions.Configuration;

namespace Reporting.Pipeline.Delivery;

/// <summary>How the connection to the mail server is secured (setting Reporting:Smtp:Security).</summary>
public enum SmtpSecurity
{
    /// <summary>TLS on connect for port 465, STARTTLS when the server offers it otherwise.</summary>
    Auto,
    None,
    StartTls,
    Tls,
}

/// <summary>The mail server (settings Reporting:Smtp:*). No host: delivery is off (<see cref="IsOn"/>).</summary>
public sealed record SmtpSettings(string Host, int Port, string From, string? UserName, string? Password, SmtpSecurity Security)
{
    /// <summary>No mail server: reports are rendered and archived, never mailed.</summary>
    public static readonly SmtpSettings Off = new("", 0, "", null, null, SmtpSecurity.Auto);

    public bool IsOn => Host.Length > 0;

    public const string HostKey = "Reporting:Smtp:Host";
    public const string PortKey = "Reporting:Smtp:Port";
    public const string FromKey = "Reporting:Smtp:From";
    public const string UserNameKey = "Reporting:Smtp:UserName";
    public const string PasswordKey = "Reporting:Smtp:Password";
    public const string SecurityKey = "Reporting:Smtp:Security";

    /// <returns><see cref="Off"/> when no host is set.</returns>
    /// <exception cref="FormatException">A value is malformed; the message names the setting.</exception>
    public static SmtpSettings Read(IConfiguration setting)
    {
        var host = setting[HostKey]?.Trim();
        if (string.IsNullOrEmpty(host))
        {
            return Off;
        }
        var security = (setting[SecurityKey]?.Trim().ToLowerInvariant() ?? "") switch
        {
            "" or "auto" => SmtpSecurity.Auto,
            "none" => SmtpSecurity.None,
            "starttls" => SmtpSecurity.StartTls,
            "tls" or "ssl" => SmtpSecurity.Tls,
            var other => throw new FormatException($"设置 {SecurityKey} 只能是 auto、none、starttls 或 tls，而不是“{other}” / setting {SecurityKey} must be auto, none, starttls or tls, not '{other}'"),
        };
        var portText = setting[PortKey];
        var port = security == SmtpSecurity.Tls ? 465 : 587;
        if (!string.IsNullOrWhiteSpace(portText) && (!int.TryParse(portText, out port) || port is < 1 or > 65535))
        {
            throw new FormatException($"设置 {PortKey} 应为 1 到 65535 的端口号，而不是“{portText}” / setting {PortKey} must be a port number, not '{portText}'");
        }
        var from = setting[FromKey]?.Trim();
        if (string.IsNullOrEmpty(from) || !System.Net.Mail.MailAddress.TryCreate(from, out _))
        {
            throw new FormatException($"设置 {FromKey} 应为发件人邮箱地址，而不是“{from}” / setting {FromKey} must be the sender's address, not '{from}'");
        }
        return new SmtpSettings(host, port, from, setting[UserNameKey], setting[PasswordKey], security);
    }
}
