using Reporting.Storage.Local;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Reporting.Core.Periods;
using Reporting.Pipeline.Delivery;
using Reporting.Tests.Shared;
using UglyToad.PdfPig;
using Xunit.Abstractions;

namespace Reporting.Resilience.Tests;

/// <summary>
/// <c>reporting serve</c> killed with SIGKILL at random moments while it ingests, aggregates, renders and mails, then
/// started again on the same folder: it must end where a run that was never killed ends (the same aggregates, the same
/// reports), with every export counted once and no report mailed twice.
/// </summary>
public sealed class CrashRecoveryTests(MailDev mail, ITestOutputHelper output) : IClassFixture<MailDev>, IDisposable
{
    private const string HighKey = "key-high-crash";
    private const int IngestKills = 16;
    private const int ReportKills = 6;

    private readonly string _root = Directory.CreateTempSubdirectory("reporting-crash-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Serve_KilledAtRandomMomentsAndRestarted_EndsWithACleanRunsAggregatesAndReports_AndMailsNothingTwice()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var exports = await GenerateAsync();

        var clean = Path.Combine(_root, "clean");
        var cleanRecipient = $"clean-{Guid.NewGuid():N}@example.cn";
        await SubscribeAsync(clean, cleanRecipient);
        CopyExports(exports, clean, 0, exports.Count);
        await RunToEndAsync(clean, reports: false);
        await RunToEndAsync(clean, reports: true);

        var crashed = Path.Combine(_root, "crashed");
        var recipient = $"crashed-{Guid.NewGuid():N}@example.cn";
        await SubscribeAsync(crashed, recipient);
        var kills = 0;
        // Exports arrive in batches, as courts upload over a day; each start finds new files and is killed while at them.
        for (var batch = 0; batch < IngestKills; batch++)
        {
            CopyExports(exports, crashed, exports.Count * batch / IngestKills, exports.Count * (batch + 1) / IngestKills);
            using var serve = ServeProcess.Start(crashed, Settings(reports: false));
            Assert.True(await serve.WaitForLineAsync("Ingested", TimeSpan.FromSeconds(60)), string.Join('\n', serve.Lines));
            await Task.Delay(random.Next(0, 1500));
            serve.Kill();
            kills++;
        }
        await RunToEndAsync(crashed, reports: false);
        // Then the schedule is on: killed while rendering the due reports or mailing them.
        for (var start = 0; start < ReportKills; start++)
        {
            // It listens about a second after it starts and renders at once: kills fall before, during and after.
            using var serve = ServeProcess.Start(crashed, Settings(reports: true));
            await Task.Delay(random.Next(300, 4000));
            Assert.False(serve.HasExited, string.Join('\n', serve.Lines));
            serve.Kill();
            kills++;
        }
        await RunToEndAsync(crashed, reports: true);

        Assert.True(kills >= 20);
        Assert.Equal(Aggregates(clean), Aggregates(crashed));
        Assert.Equal(LedgerCount(clean), LedgerCount(crashed));
        Assert.Equal(exports.Count, LedgerCount(crashed));
        var reports = ReportTexts(clean);
        Assert.NotEmpty(reports);
        Assert.Equal(reports, ReportTexts(crashed));

        var mails = await mail.MailAsync();
        Assert.Equal(reports.Count, mails.Count(m => m.To == cleanRecipient));
        var received = mails.Where(m => m.To == recipient).GroupBy(m => m.Subject).ToList();
        Assert.All(received, g => Assert.Single(g));
        // A mail cut off by a kill is recorded unconfirmed and never sent again by itself; every other one went once.
        var log = await DeliveriesAsync(crashed);
        Assert.Equal(reports.Count, log.Count);
        Assert.All(log, e => Assert.Contains(e.State, new[] { DeliveryState.Sent, DeliveryState.Unconfirmed }));
        // Those sent arrived; an unconfirmed one may have arrived before the kill, or not.
        var sent = log.Count(e => e.State == DeliveryState.Sent);
        Assert.InRange(received.Count, sent, sent + log.Count(e => e.State == DeliveryState.Unconfirmed));
        output.WriteLine($"{kills} kills; {log.Count(e => e.State == DeliveryState.Unconfirmed)} deliveries left unconfirmed");
    }

    /// <summary>Six months of the demo province up to this month, so the schedule's due reports (last 7 days) have data.</summary>
    private async Task<IReadOnlyList<(string Relative, string Full)>> GenerateAsync()
    {
        var today = ChinaTime.DateOf(DateTimeOffset.UtcNow);
        var generated = Path.Combine(_root, "generated");
        var (exit, _, error) = await Cli.RunAsync("generate", "--out", generated, "--months", "6", "--scale", "0.3",
            "--end", today.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        Assert.True(exit == 0, error);
        return Directory.EnumerateFiles(generated, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(generated, f), f)).ToList();
    }

    private static void CopyExports(IReadOnlyList<(string Relative, string Full)> exports, string data, int from, int to)
    {
        foreach (var (relative, full) in exports.Take(to).Skip(from))
        {
            var target = Path.Combine(data, "court-exports", relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(full, target);
        }
    }

    private static async Task SubscribeAsync(string data, string recipient)
    {
        var subscriptions = new SubscriptionStore(new LocalFileStore(data), TimeProvider.System);
        await subscriptions.AddAsync(new SubscriptionRequest("浙", [recipient], Subscription.Monthly, null));
        await subscriptions.AddAsync(new SubscriptionRequest("浙", [recipient], Subscription.Quarterly, null));
    }

    private Dictionary<string, string> Settings(bool reports) => new()
    {
        ["Reporting:ApiKeys:high:Key"] = HighKey,
        ["Reporting:ApiKeys:high:Court"] = "浙",
        ["Reporting:Serve:PollSeconds"] = "0.2",
        ["Reporting:Serve:TickSeconds"] = "1",
        // Every hour: the reports due within the look-back are those of the periods just ended.
        [Pipeline.Reports.ReportSettings.MonthlyScheduleKey] = reports ? "0 0 * * * *" : "off",
        [Pipeline.Reports.ReportSettings.QuarterlyScheduleKey] = reports ? "0 0 * * * *" : "off",
        [SmtpSettings.HostKey] = mail.Host,
        [SmtpSettings.PortKey] = mail.SmtpPort.ToString(CultureInfo.InvariantCulture),
        [SmtpSettings.FromKey] = "reports@example.cn",
        [SmtpSettings.SecurityKey] = "none",
    };

    /// <summary>Starts serve and lets it finish: every export in the ledger and the aggregation idle, then (with the schedule on) every due report rendered and its mail settled.</summary>
    private async Task RunToEndAsync(string data, bool reports)
    {
        using var serve = ServeProcess.Start(data, Settings(reports));
        using var client = new HttpClient { BaseAddress = serve.Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add(Pipeline.Api.ApiGate.KeyHeader, HighKey);
        var copied = Directory.EnumerateFiles(Path.Combine(data, "court-exports"), "*", SearchOption.AllDirectories).Count();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        var settledSince = (DateTime?)null;
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(serve.HasExited, string.Join('\n', serve.Lines));
            var settled = false;
            try
            {
                var state = await client.GetFromJsonAsync<JsonElement>("api/aggregations");
                settled = state.GetProperty("state").GetString() == "idle" && LedgerCount(data) == copied
                    && (!reports || await DeliveriesSettledAsync(client));
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            settledSince = settled ? settledSince ?? DateTime.UtcNow : null;
            // Settled for a while: after a start the watcher hands every file over again and asks for a recount.
            if (settledSince is { } since && DateTime.UtcNow - since > TimeSpan.FromSeconds(4))
            {
                serve.Kill();
                return;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"serve on {data} did not finish within 3 minutes:\n{string.Join('\n', serve.Lines.TakeLast(40))}");
    }

    private static async Task<bool> DeliveriesSettledAsync(HttpClient client)
    {
        var log = await client.GetFromJsonAsync<List<DeliveryRecord>>("api/deliveries", Pipeline.Json.ReportingJson.Compact);
        return log is { Count: > 0 } && log.All(e => e.State is DeliveryState.Sent or DeliveryState.Unconfirmed or DeliveryState.Failed);
    }

    private static async Task<List<DeliveryRecord>> DeliveriesAsync(string data) =>
        (await new DeliveryLog(new LocalFileStore(data)).ListAsync(null)).ToList();

    /// <summary>Every stored aggregate document, without when and by which run it was computed.</summary>
    private static SortedDictionary<string, string> Aggregates(string data)
    {
        var documents = new SortedDictionary<string, string>(StringComparer.Ordinal);
        using var connection = new SqliteConnection($"Data Source={Path.Combine(data, Storage.Local.LocalStorageServices.AggregatesFile)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT court, period, document FROM aggregates";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var document = JsonNode.Parse(reader.GetString(2))!.AsObject();
            foreach (var name in document.Select(p => p.Key).Where(k => k is "computedAt" or "runId" or "ComputedAt" or "RunId").ToList())
            {
                document.Remove(name);
            }
            documents[$"{reader.GetString(0)} {reader.GetString(1)}"] = document.ToJsonString();
        }
        return documents;
    }

    private static long LedgerCount(string data)
    {
        var path = Path.Combine(data, Storage.Local.LocalStorageServices.AggregatesFile);
        if (!File.Exists(path))
        {
            return 0;
        }
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM ledger";
        try
        {
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0; // not created yet
        }
    }

    /// <summary>Each archived report's text, page by page.</summary>
    private static SortedDictionary<string, string> ReportTexts(string data)
    {
        var texts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var reports = Path.Combine(data, "reports");
        foreach (var file in Directory.Exists(reports) ? Directory.EnumerateFiles(reports, "*.pdf", SearchOption.AllDirectories) : [])
        {
            using var pdf = PdfDocument.Open(file);
            texts[Path.GetRelativePath(reports, file)] = string.Join("\f", pdf.GetPages().Select(p => p.Text));
        }
        return texts;
    }
}
