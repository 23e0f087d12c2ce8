using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Reporting.Host.Tests.Serve;

/// <summary>
/// The dashboard end to end in headless Chromium (Debian's, driven by Playwright; never a downloaded browser): sign in,
/// switch courts, read a value equal to the API's, upload a file with a bad row and see the row error, download a report.
/// </summary>
[Collection(ServedProvinceCollection.Name)]
public sealed class DashboardTests(ServedProvince served) : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: scripts/test.sh installs Debian's chromium");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    private async Task<IPage> SignedInAsync(string key)
    {
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { AcceptDownloads = true });
        await page.GotoAsync(served.Address.ToString());
        await page.FillAsync("#api-key", key);
        await page.ClickAsync("#login");
        await page.Locator("#court-tree [data-court]").First.WaitForAsync();
        return page;
    }

    [Fact]
    public async Task AWrongKey_StaysAtTheSignIn()
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(served.Address.ToString());
        await page.FillAsync("#api-key", "wrong");
        await page.ClickAsync("#login");

        await Assertions.Expect(page.Locator("#login-error")).ToContainTextAsync("密钥无效");
    }

    [Fact]
    public async Task SigningIn_OpensOnTheLatestQuarterWithData_NotAnEmptyCalendarQuarter()
    {
        // The served province's exports end in 2025-12; the calendar's last ended quarter (the old default) is later and empty.
        var page = await SignedInAsync(ServedProvince.HighKey);

        await Assertions.Expect(page.Locator("#period")).ToHaveValueAsync("2025-Q4");
        await Assertions.Expect(page.Locator("#period-latest")).ToHaveTextAsync("最近有数据：2025-12、2025-Q4、2025");
        await Assertions.Expect(page.Locator("#indicator-table tr[data-indicator='case-matter-ratio'] td.value")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^1:\d"));
    }

    [Fact]
    public async Task SwitchingCourts_ShowsTheSameValueAsTheApi()
    {
        var page = await SignedInAsync(ServedProvince.Intermediate01Key);
        await page.FillAsync("#period", "2025-Q4");
        await page.ClickAsync("#refresh");

        await page.ClickAsync("#court-tree [data-court='浙0103']");
        var cell = page.Locator("#indicator-table tr[data-indicator='case-matter-ratio'] td.value");

        using var client = served.Client(ServedProvince.Intermediate01Key);
        var answer = await client.GetFromJsonAsync<JsonElement>("api/courts/浙0103/indicators/2025-Q4");
        var expected = answer.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "case-matter-ratio").GetProperty("display").GetString()!;
        await Assertions.Expect(cell).ToHaveTextAsync(expected);
        await Assertions.Expect(page.Locator("#court-tree [data-court='浙0103']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("selected"));
        await Assertions.Expect(page.Locator("#summary")).ToHaveTextAsync(answer.GetProperty("summary").GetProperty("sentence").GetString()!);
        Assert.Equal(0, await page.Locator("#court-tree [data-court='浙02']").CountAsync()); // another intermediate court is not offered

        // Month on month, each change reads as the report prints it: the difference of the shown values, at the
        // indicator's precision (days to one decimal), not the exact difference to two.
        await page.FillAsync("#period", "2025-12");
        await page.SelectOptionAsync("#compare", "mom");
        await page.ClickAsync("#refresh");
        await Assertions.Expect(page.Locator("#indicator-heading")).ToContainTextAsync("2025-12");
        var monthly = await client.GetFromJsonAsync<JsonElement>("api/courts/浙0103/indicators/2025-12?compare=mom");
        var catalog = Core.Indicators.IndicatorCatalog.Default();
        var compared = 0;
        foreach (var indicator in monthly.GetProperty("indicators").EnumerateArray())
        {
            Assert.True(catalog.TryGet(indicator.GetProperty("id").GetString()!, out var definition));
            double? Number(string name) => indicator.GetProperty(name).ValueKind == JsonValueKind.Number ? indicator.GetProperty(name).GetDouble() : null;
            var printed = Core.Indicators.IndicatorFormat.Change(definition, Core.Indicators.IndicatorFormat.ShownChange(definition, Number("value"), Number("previous")));
            await Assertions.Expect(page.Locator($"#indicator-table tr[data-indicator='{definition.Id}'] td.change")).ToHaveTextAsync(printed);
            compared += printed == "—" ? 0 : 1;
        }
        Assert.True(compared >= 10, $"only {compared} indicators have a change to compare");
    }

    [Fact]
    public async Task AnUploadWithABadRow_ShowsTheRowError()
    {
        var page = await SignedInAsync(ServedProvince.BasicKey);
        await page.ClickAsync("#tab-btn-upload");
        await page.SetInputFilesAsync("#upload-file", new FilePayload { Name = "更正.csv", MimeType = "text/csv", Buffer = served.ExportWithBadCaseNumber(lastMonth: true, line: 3, "（2025）浙0102民X7777号") });
        await page.FillAsync("#upload-window", "2025-10");
        await page.ClickAsync("#upload");

        await Assertions.Expect(page.Locator("#upload-result .status-partial")).ToBeVisibleAsync();
        var row = page.Locator("#upload-errors tr", new PageLocatorOptions { HasTextString = "民X7777" });
        await Assertions.Expect(row).ToContainTextAsync("4");
        await Assertions.Expect(row).ToContainTextAsync("案号");
        await served.WaitForAggregatesAsync();
    }

    [Fact]
    public async Task AReport_Downloads()
    {
        var stored = await served.ArchivedReportAsync("浙01", "2025-Q4");
        var page = await SignedInAsync(ServedProvince.Intermediate01Key);
        await page.ClickAsync("#tab-btn-reports");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#report-list button.download[data-period='2025-Q4']"));

        Assert.Equal(stored.FileName, download.SuggestedFilename);
        var saved = Path.Combine(served.Data, "downloaded.pdf");
        await download.SaveAsAsync(saved);
        Assert.Equal(stored.Bytes, new FileInfo(saved).Length);
    }
}
