using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Pipeline.Composition;
using Reporting.Core.Indicators;
using Reporting.Core.Periods;
using Reporting.Host.Serve;
using Reporting.Pipeline.Api;
using Reporting.Pipeline.Reports;

namespace Reporting.Host.Tests.Serve;

/// <summary>
/// <c>reporting serve</c> on a free loopback port over a data folder into whose court-exports/ a generated province
/// (three months) was copied: the watcher ingests it and the worker aggregates it, as a court's IT staff would see.
/// Keys: 浙 (high court), 浙01 and 浙02 (intermediate), 浙0102 (basic).
/// </summary>
public sealed class ServedProvince : IAsyncLifetime
{
    public const string HighKey = "key-high-zj";
    public const string Intermediate01Key = "key-intermediate-zj01";
    public const string Intermediate02Key = "key-intermediate-zj02";
    public const string BasicKey = "key-basic-zj0102";

    public string Data { get; } = Directory.CreateTempSubdirectory("reporting-serve-").FullName;
    public WebApplication App { get; private set; } = null!;
    public Uri Address { get; private set; } = null!;
    public int Exports { get; private set; }

    public async Task InitializeAsync()
    {
        var exports = Path.Combine(Data, "generated");
        var (exit, _, error) = await Cli.Run("generate", "--out", exports, "--months", "3", "--end", "2025-12");
        Assert.True(exit == 0, error);
        foreach (var file in Directory.EnumerateFiles(exports, "*", SearchOption.AllDirectories))
        {
            Exports++;
            var relative = Path.GetRelativePath(exports, file);
            var target = Path.Combine(Data, "court-exports", relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        App = LocalHost.Build(new ServeOptions(Data, "http://127.0.0.1:0", ServeOptions.LocalStorage, ServeOptions.SqliteStore), new Dictionary<string, string?>
        {
            ["Reporting:ApiKeys:high:Key"] = HighKey,
            ["Reporting:ApiKeys:high:Court"] = "浙",
            ["Reporting:ApiKeys:mid01:Key"] = Intermediate01Key,
            ["Reporting:ApiKeys:mid01:Court"] = "浙01",
            ["Reporting:ApiKeys:mid02:Key"] = Intermediate02Key,
            ["Reporting:ApiKeys:mid02:Court"] = "浙02",
            ["Reporting:ApiKeys:basic:Key"] = BasicKey,
            ["Reporting:ApiKeys:basic:Court"] = "浙0102",
            [ServeSettings.PollSecondsKey] = "0.2",
            [ServeSettings.TickSecondsKey] = "1",
        });
        await App.RunStartupWorkAsync();
        await App.StartAsync();
        Address = new Uri(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().Replace("[::]", "127.0.0.1") + "/");
        await WaitForAggregatesAsync();
    }

    public HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add(ApiGate.KeyHeader, key);
        }
        return client;
    }

    /// <summary>
    /// A generated export of 浙0102 (the first month's file, or the last's) with the 案号 in one line replaced by one whose
    /// type code does not exist: a file a court might send, with exactly one bad row.
    /// </summary>
    public byte[] ExportWithBadCaseNumber(bool lastMonth, int line, string caseNumber)
    {
        var files = Directory.EnumerateFiles(Path.Combine(Data, "generated", "浙0102"), "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var lines = File.ReadAllText(lastMonth ? files[^1] : files[0]).Split('\n');
        var cells = lines[line].Split(',');
        cells[0] = caseNumber;
        lines[line] = string.Join(',', cells);
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    /// <summary>The archived report of a court and period, rendered from the served aggregates unless one is stored already.</summary>
    public async Task<ArchivedReport> ArchivedReportAsync(string court, string period)
    {
        var archive = App.Services.GetRequiredService<ReportArchive>();
        if (await archive.FindAsync(court, Period.Parse(period)) is null)
        {
            using var pdf = new MemoryStream();
            Assert.NotNull(await App.Services.GetRequiredService<RenderSituationReport>().RunAsync(court, Period.Parse(period), Comparison.YearOnYear, pdf));
            pdf.Position = 0;
            await archive.TryAddAsync(court, Period.Parse(period), pdf);
        }
        return (await archive.FindAsync(court, Period.Parse(period)))!;
    }

    /// <summary>Waits until every copied export is ingested and the province's aggregation has settled.</summary>
    public async Task WaitForAggregatesAsync()
    {
        using var client = Client(HighKey);
        var deadline = DateTime.UtcNow.AddSeconds(120);
        var idleLooks = 0;
        while (DateTime.UtcNow < deadline)
        {
            var reports = Directory.Exists(Path.Combine(Data, "ingest-reports"))
                ? Directory.EnumerateFiles(Path.Combine(Data, "ingest-reports"), "*.json", SearchOption.AllDirectories).Count()
                : 0;
            var state = await client.GetFromJsonAsync<JsonElement>("api/aggregations");
            var idle = reports >= Exports && state.GetProperty("state").GetString() == "idle" && state.GetProperty("requested").GetInt64() > 0;
            idleLooks = idle ? idleLooks + 1 : 0;
            if (idleLooks >= 3 && (await client.GetAsync("api/courts/浙/indicators/2025-Q4")).IsSuccessStatusCode)
            {
                return;
            }
            await Task.Delay(300);
        }
        throw new TimeoutException("the served province was not aggregated within 120 s");
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Data, recursive: true);
    }
}
