using Reporting.Storage.Local;
using System.Diagnostics;
using System.Text.Json;
using Reporting.Core.Indicators;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Actions;
using UglyToad.PdfPig.Annotations;

namespace Reporting.Host.Tests;

/// <summary>The demo province, generated, ingested and aggregated once for every rendering test.</summary>
public sealed class DemoProvince : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("reporting-render-").FullName;

    public string Data => Path.Combine(Root, "data");

    public string DemoOutput { get; }

    public DemoProvince()
    {
        var (exit, output, error) = Cli.Run("demo", "--data", Data).GetAwaiter().GetResult();
        Assert.True(exit == 0, error);
        DemoOutput = output;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary>
/// <c>reporting render</c> and the demo's reports, read back with PdfPig (and poppler's pdffonts): what a court
/// president receives must carry the numbers the query API gives, and its navigation must work.
/// </summary>
public sealed class RenderTests(DemoProvince province) : IClassFixture<DemoProvince>
{
    private static Task<(int Exit, string Out, string Error)> Run(params string[] args) => Cli.Run(args);

    private static string Flat(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private async Task<(string Path, JsonElement Query)> RenderAsync(string court, string period, string compare)
    {
        var path = Path.Combine(province.Root, $"{court}-{period}-{compare}.pdf");
        var (exit, output, error) = await Run("render", "--court", court, "--period", period, "--compare", compare, "--out", path, "--data", province.Data);
        Assert.True(exit == 0, error);
        Assert.Contains(path, output, StringComparison.Ordinal);
        Assert.Contains(error.Split('\n'), l => l.StartsWith("生成报告 / rendering", StringComparison.Ordinal) && l.Contains("1/1 份/reports", StringComparison.Ordinal)
            && l.TrimEnd().EndsWith("完成 / done", StringComparison.Ordinal));
        var (queryExit, json, _) = await Run("query", "--court", court, "--period", period, "--compare", compare, "--children", "--format", "json", "--data", province.Data);
        Assert.Equal(0, queryExit);
        return (path, JsonDocument.Parse(json).RootElement.Clone());
    }

    [Fact]
    public void Demo_RendersTheHighCourtsAndAnIntermediateCourtsReports_AndPrintsTheirPaths()
    {
        foreach (var name in new[] { "浙-2025.pdf", "浙01-2025.pdf" })
        {
            var path = Path.Combine(province.Data, "reports", name);
            Assert.Contains(path, province.DemoOutput, StringComparison.Ordinal);
            using var pdf = PdfDocument.Open(path);
            Assert.True(pdf.NumberOfPages >= 8, $"{name}: {pdf.NumberOfPages} pages");
            // The same report is in the archive that `reporting serve` lists for download.
            var archived = Path.Combine(province.Data, "reports", name.Replace("-2025.pdf", "", StringComparison.Ordinal), "2025.pdf");
            Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(archived));
        }
    }

    [Fact]
    public async Task Report_StatesTheQueryApisSummaryAndValues()
    {
        var (path, query) = await RenderAsync("浙01", "2025-Q4", "mom");
        using var pdf = PdfDocument.Open(path);
        var text = Flat(string.Concat(pdf.GetPages().Select(p => p.Text)));

        Assert.Contains(Flat(query.GetProperty("summary").GetProperty("sentence").GetString()!), text, StringComparison.Ordinal);
        Assert.Contains("环比", text, StringComparison.Ordinal);
        // Every main indicator's displayed value appears in the indicator tables, next to its name.
        var indicators = query.GetProperty("indicators").EnumerateArray().Where(i => i.GetProperty("group").GetString() is "质量" or "效率" or "效果").ToList();
        Assert.Equal(18, indicators.Count);
        foreach (var indicator in indicators)
        {
            var row = Flat($"{indicator.GetProperty("name").GetString()}{indicator.GetProperty("display").GetString()}");
            Assert.Contains(row, text, StringComparison.Ordinal);
        }
        // Subordinate courts appear in court-code order, never by value.
        var children = query.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("court").GetString()!).ToList();
        Assert.Equal(children.Order(StringComparer.Ordinal), children);
        var positions = children.Select(code => text.IndexOf($"（{code}）", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public async Task Report_BreaksEachAttentionIndicatorDownByDivision_WithTheStoredDivisionValues()
    {
        var (path, query) = await RenderAsync("浙", "2025", "yoy");
        using var pdf = PdfDocument.Open(path);
        var text = Flat(string.Concat(pdf.GetPages().Select(p => p.Text)));
        var stored = await new SqliteAggregateStore(Path.Combine(province.Data, "aggregates.db")).GetAsync("浙", "2025");
        var catalog = IndicatorCatalog.Default();

        var attention = query.GetProperty("indicators").EnumerateArray()
            .Where(i => i.GetProperty("group").GetString() is "质量" or "效率" or "效果")
            .Where(i => i.GetProperty("unusual").GetBoolean() || i.GetProperty("inRange").ValueKind == JsonValueKind.False)
            .Select(i => i.GetProperty("id").GetString()!)
            .ToList();
        Assert.NotEmpty(attention);
        Assert.NotEmpty(stored!.Divisions);
        Assert.Equal(attention.Count, CountOf(text, "分承办部门看"));
        var sections = attention.Select(id => text.IndexOf(Flat(catalog.Indicators.Single(i => i.Id == id).Name) + "为", StringComparison.Ordinal)).ToList();
        foreach (var (id, start) in attention.Zip(sections))
        {
            Assert.True(start >= 0, $"{id}: no attention paragraph");
            var indicator = catalog.Indicators.Single(i => i.Id == id);
            var rows = stored.Divisions
                .Select(d => (Name: d.Name ?? "未注明承办部门", Value: d.Indicators.FirstOrDefault(v => v.Id == id)?.Current))
                .Where(d => d.Value is { Denominator: > 0 })
                .ToList();
            Assert.NotEmpty(rows);
            // Each division's row (name, then its value) follows the indicator's own paragraph, in name order.
            var at = start;
            foreach (var row in rows.OrderBy(r => r.Name == "未注明承办部门").ThenBy(r => r.Name, StringComparer.Ordinal))
            {
                var cell = Flat(row.Name + IndicatorFormat.Display(indicator, row.Value!.Value));
                var found = text.IndexOf(cell, at, StringComparison.Ordinal);
                Assert.True(found > at, $"{id}: '{cell}' not found after position {at}");
                at = found;
            }
        }
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    [Fact]
    public async Task Report_HasItsHeadingsInTheOutline_AndContentsLinksThatLeadToThem()
    {
        var (path, _) = await RenderAsync("浙", "2025", "yoy");
        using var pdf = PdfDocument.Open(path);

        Assert.True(pdf.TryGetBookmarks(out var bookmarks));
        var roots = bookmarks.Roots.Select(r => r.Title).ToList();
        Assert.Equal(["一、总体情况", "二、指标运行情况", "三、异动与弱势指标", "四、下辖法院情况", "五、国际口径对照", "附录：指标定义"], roots);
        Assert.Equal(["（一）质量指标", "（二）效率指标", "（三）效果指标"], bookmarks.Roots[1].Children.Select(c => c.Title));
        foreach (var node in bookmarks.GetNodes().OfType<UglyToad.PdfPig.Outline.DocumentBookmarkNode>())
        {
            Assert.Contains(Flat(node.Title), Flat(pdf.GetPage(node.PageNumber).Text), StringComparison.Ordinal);
        }

        var contents = pdf.GetPage(2);
        Assert.Contains("目录", Flat(contents.Text), StringComparison.Ordinal);
        var links = contents.GetAnnotations().Where(a => a.Type == AnnotationType.Link).ToList();
        Assert.Equal(roots.Count, links.Count);
        var targets = links.Select(l => Assert.IsType<GoToAction>(l.Action).Destination.PageNumber).ToList();
        var bookmarkPages = bookmarks.Roots.OfType<UglyToad.PdfPig.Outline.DocumentBookmarkNode>().Select(n => n.PageNumber).ToList();
        Assert.Equal(bookmarkPages, targets);
    }

    [Fact]
    public async Task Report_CarriesChineseMetadata_AndEmbedsOnlySubsetFonts()
    {
        var (path, _) = await RenderAsync("浙", "2025", "yoy");
        using (var pdf = PdfDocument.Open(path))
        {
            Assert.Equal("示例省高级人民法院2025年审判态势分析报告", pdf.Information.Title);
            Assert.Equal("示例省高级人民法院", pdf.Information.Author);
            Assert.Contains("案-件比", pdf.Information.Keywords, StringComparison.Ordinal);
            Assert.StartsWith("D:20260115020000", pdf.Information.CreationDate, StringComparison.Ordinal);
        }
        Assert.True(new FileInfo(path).Length < 1_000_000, $"{new FileInfo(path).Length} bytes");

        // poppler-utils: scripts/test.sh installs it.
        using var process = Process.Start(new ProcessStartInfo("pdffonts", [path]) { RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("pdffonts (poppler-utils) is needed: run scripts/test.sh");
        var rows = (await process.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
        await process.WaitForExitAsync();
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var columns = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Matches("^[A-Z]{6}\\+", columns[0]);
            // emb sub uni: yes yes yes
            Assert.Equal(["yes", "yes", "yes"], columns[^5..^2]);
        }
    }

    [Fact]
    public async Task Render_RefusesAnUnknownCourtOrPeriod_AndWritesNothing()
    {
        var path = Path.Combine(province.Root, "none.pdf");
        var unknown = await Run("render", "--court", "京", "--period", "2025", "--out", path, "--data", province.Data);
        Assert.Equal(1, unknown.Exit);
        Assert.Contains("京", unknown.Error, StringComparison.Ordinal);
        var badPeriod = await Run("render", "--court", "浙", "--period", "2025-13", "--out", path, "--data", province.Data);
        Assert.Equal(1, badPeriod.Exit);
        Assert.Equal(1, (await Run("render", "--court", "浙", "--period", "2025")).Exit);
        Assert.False(File.Exists(path));
        Assert.False(File.Exists(path + ".partial"));
    }
}
