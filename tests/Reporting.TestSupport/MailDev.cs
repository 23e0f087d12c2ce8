using System.Globalization;
using System.Text.Json;

namespace Reporting.Tests.Shared;

/// <summary>
/// A real SMTP server on loopback (npm maildev) that keeps what it receives and lists it over its HTTP API;
/// REPORTING_MAILDEV_SMTP=host:port,webport points at a running one instead.
/// </summary>
public sealed class MailDev : LoopbackService
{
    private readonly int _webPort = FreePort();

    public string Host { get; private set; } = "127.0.0.1";
    public int SmtpPort { get; private set; }
    public Uri Web { get; private set; } = new("http://127.0.0.1/");

    protected override string ExternalVariable => "REPORTING_MAILDEV_SMTP";

    protected override string Binary => "maildev";

    protected override IEnumerable<string> Arguments() =>
    [
        "--smtp", Port.ToString(CultureInfo.InvariantCulture), "--ip", "127.0.0.1",
        "--web", _webPort.ToString(CultureInfo.InvariantCulture), "--web-ip", "127.0.0.1", "--mail-directory", Location,
    ];

    protected override string Endpoint() => $"127.0.0.1:{Port},{_webPort}";

    protected override void Connected(string endpoint)
    {
        var (smtp, web) = (endpoint.Split(',')[0], endpoint.Split(',')[1]);
        Host = smtp.Split(':')[0];
        SmtpPort = int.Parse(smtp.Split(':')[1], CultureInfo.InvariantCulture);
        Web = new Uri($"http://{Host}:{web}/");
    }

    /// <summary>Every mail received so far: (to, subject, Message-ID, attachment names and sizes).</summary>
    public async Task<IReadOnlyList<ReceivedMail>> MailAsync()
    {
        using var http = new HttpClient { BaseAddress = Web };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var json = JsonDocument.Parse(await http.GetStringAsync("api/email"));
                return json.RootElement.EnumerateArray().Select(m => new ReceivedMail(
                    string.Join(",", m.GetProperty("to").EnumerateArray().Select(t => t.GetProperty("address").GetString())),
                    m.GetProperty("subject").GetString() ?? "",
                    m.GetProperty("headers").TryGetProperty("message-id", out var id) ? id.GetString() ?? "" : "",
                    m.GetProperty("attachments").EnumerateArray().Select(a => (a.GetProperty("filename").GetString() ?? "", a.GetProperty("size").GetInt64())).ToList()))
                    .ToList();
            }
            catch (HttpRequestException) when (attempt < 50)
            {
                await Task.Delay(200); // the web API starts a moment after SMTP
            }
        }
    }
}

public sealed record ReceivedMail(string To, string Subject, string MessageId, IReadOnlyList<(string Name, long Size)> Attachments);
