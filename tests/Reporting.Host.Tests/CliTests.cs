using System.Security.Cryptography;
using System.Text.Json;

namespace Reporting.Host.Tests;

/// <summary>The CLI contract: command names, options, JSON shape and exit codes that other tools rely on.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("reporting-cli-").FullName;

    private static Task<(int Exit, string Out, string Error)> Run(params string[] args) => Cli.Run(args);

    private string P(params string[] parts) => Path.Combine([_root, .. parts]);

    private static Dictionary<string, string> Hashes(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    [Fact]
    public async Task Ingest_Redirected_WritesAPlainClosingProgressLine_NoCarriageReturns()
    {
        Assert.Equal(0, (await Run("generate", "--out", P("exports"), "--months", "3", "--court", "浙0102")).Exit);
        var files = Directory.EnumerateFiles(P("exports"), "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();

        var (exit, _, error) = await Run(["ingest", .. files, "--data", P("data")]);

        Assert.Equal(0, exit);
        Assert.DoesNotContain('\r', error);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("导入 / ingesting", StringComparison.Ordinal));
        Assert.Contains($"[{new string('█', 24)}] 3/3 文件/files", line, StringComparison.Ordinal);
        Assert.EndsWith("完成 / done", line.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_SameSeed_SameBytes_OtherSeed_OtherBytes()
    {
        foreach (var format in new[] { "csv", "csv-gb18030", "xlsx", "jsonl" })
        {
            Assert.Equal(0, (await Run("generate", "--out", P(format, "a"), "--months", "3", "--seed", "7", "--format", format, "--messy")).Exit);
            Assert.Equal(0, (await Run("generate", "--out", P(format, "b"), "--months", "3", "--seed", "7", "--format", format, "--messy")).Exit);
            Assert.Equal(0, (await Run("generate", "--out", P(format, "c"), "--months", "3", "--seed", "8", "--format", format, "--messy")).Exit);
            var a = Hashes(P(format, "a"));
            Assert.True(a.Count >= 16 * 3, $"{a.Count} files");
            Assert.Equal(a, Hashes(P(format, "b")));
            Assert.NotEqual(a, Hashes(P(format, "c")));
        }
    }

    [Fact]
    public async Task Generate_Rows_WritesOneSnapshotFileOfExactlyThatSize()
    {
        var (exit, output, _) = await Run("generate", "--out", P("big"), "--court", "浙0102", "--snapshot", "--rows", "20000", "--months", "12");
        Assert.Equal(0, exit);
        var file = Assert.Single(Directory.GetFiles(P("big"), "*.csv", SearchOption.AllDirectories));
        Assert.Equal(20_001, File.ReadLines(file).Count());
        Assert.Contains("20,000", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_WithoutOut_IsAUsageError() => Assert.Equal(1, (await Run("generate")).Exit);

    [Fact]
    public async Task Ingest_Json_PrintsTheReportContract_AndExitCodes()
    {
        await Run("generate", "--out", P("exports"), "--months", "1", "--court", "浙0102", "--messy");
        var file = Directory.GetFiles(P("exports"), "*.csv", SearchOption.AllDirectories).Single();
        var (exit, output, _) = await Run("ingest", file, "--data", P("data"), "--format", "json");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var report = json.RootElement;
        foreach (var field in new[] { "file", "court", "encoding", "status", "rowsRead", "rowsAccepted", "rowsRejected", "droppedColumns", "errors" })
        {
            Assert.True(report.TryGetProperty(field, out _), $"missing {field}");
        }
        Assert.Equal("浙0102", report.GetProperty("court").GetString());
        Assert.Equal("partial", report.GetProperty("status").GetString());
        var error = report.GetProperty("errors")[0];
        foreach (var field in new[] { "row", "column", "value", "reason" })
        {
            Assert.True(error.TryGetProperty(field, out _), $"missing errors[].{field}");
        }

        var bad = P("exports", "bad.csv");
        await File.WriteAllTextAsync(bad, "案号\n（2025）浙0102民初1号\n");
        var rejected = await Run("ingest", bad, "--court", "浙0102", "--data", P("data"), "--format", "json");
        Assert.Equal(2, rejected.Exit);
        Assert.Equal("rejected", JsonDocument.Parse(rejected.Out).RootElement.GetProperty("status").GetString());

        Assert.Equal(1, (await Run("ingest", P("exports", "missing.csv"), "--court", "浙0102", "--data", P("data"))).Exit);
        var noCourt = await Run("ingest", bad, "--data", P("data"));
        Assert.Equal(1, noCourt.Exit);
        Assert.Contains("--court", noCourt.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_AMalformedWindowOrCourt_IsAUsageError_NotARejectedFile()
    {
        var file = P("a.csv");
        await File.WriteAllTextAsync(file, "案号,立案日期\n（2025）浙0102民初1号,2025-03-01\n");

        var window = await Run("ingest", file, "--court", "浙0102", "--window", "2025-13", "--data", P("data"));
        var court = await Run("ingest", file, "--court", "浙/../x", "--window", "2025-12", "--data", P("data"));

        Assert.Equal(1, window.Exit);
        Assert.Contains("--window", window.Error, StringComparison.Ordinal);
        Assert.Equal(1, court.Exit);
        Assert.Contains("--court", court.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(P("data", "ingest-reports")));
    }

    [Fact]
    public async Task Ingest_Text_ShowsControlCharactersFromTheFile_InsteadOfSendingThemToTheTerminal()
    {
        var file = P("a.csv");
        await File.WriteAllTextAsync(file, "案号,立案日期\n（2025）浙0102民初1号\u001b[2J,2025-03-01\n（2025）浙0102民初2号,2025-03-01\n" +
            string.Concat(Enumerable.Range(3, 8).Select(i => $"（2025）浙0102民初{i}号,2025-03-01\n")));

        var (exit, output, _) = await Run("ingest", file, "--court", "浙0102", "--window", "2025-12", "--data", P("data"));

        Assert.Equal(0, exit);
        Assert.DoesNotContain('\u001b', output);
        Assert.Contains("\\x1B[2J", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_SeveralFiles_PrintsAJsonArray_AndTheSecondRunChangesNothing()
    {
        await Run("generate", "--out", P("exports"), "--months", "2", "--court", "浙0103");
        var files = Directory.GetFiles(P("exports"), "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        var first = await Run(["ingest", .. files, "--data", P("data"), "--format", "json"]);
        Assert.Equal(0, first.Exit);
        Assert.Equal(2, JsonDocument.Parse(first.Out).RootElement.GetArrayLength());
        var curated = Hashes(P("data", "curated"));
        var second = await Run(["ingest", .. files, "--data", P("data")]);
        Assert.Equal(0, second.Exit);
        Assert.Contains("already ingested", second.Out, StringComparison.Ordinal);
        Assert.Equal(curated, Hashes(P("data", "curated")));
    }

    [Fact]
    public async Task Ingest_TwoFilesForOneWindow_TheLaterOneGivenWins_WhileOtherCourtsRunAlongside()
    {
        string Export(string court, int first, int n)
        {
            var sb = new System.Text.StringBuilder("案号,立案日期\n");
            for (var i = first; i < first + n; i++)
            {
                sb.Append($"（2025）{court}民初{i}号,2025-11-{1 + i % 28:00}\n");
            }
            var path = P("in", court, "2025-11", $"{court}-{first}.csv");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, sb.ToString());
            return path;
        }
        var older = Export("浙0102", 1, 300);
        var newer = Export("浙0102", 1000, 5);
        var other = Export("浙0103", 1, 200);
        var (exit, json, _) = await Run("ingest", older, other, newer, "--data", P("data"), "--format", "json");
        Assert.Equal(0, exit);
        var reports = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        Assert.Equal([older, other, newer], reports.Select(r => r.GetProperty("file").GetString()));
        var manifest = JsonDocument.Parse(File.ReadAllText(P("data", "curated", "浙0102", "manifest.json"))).RootElement;
        Assert.Equal(reports[2].GetProperty("ingestionId").GetString(), manifest.GetProperty("windows").GetProperty("2025-11").GetProperty("ingestionId").GetString());
        Assert.Equal(200, reports[1].GetProperty("casesStored").GetInt32());
    }

    [Fact]
    public async Task CourtsImport_ValidatesAndReplacesTheDemoRegistry()
    {
        var invalid = P("bad-courts.csv");
        await File.WriteAllTextAsync(invalid, "code,name,level,parent\n苏,示例高院,high,\n苏01,示例中院,intermediate,苏99\n");
        var rejected = await Run("courts", "import", invalid, "--data", P("data"));
        Assert.Equal(2, rejected.Exit);
        Assert.Contains("苏99", rejected.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(P("data", "courts.csv")));

        var valid = P("courts.csv");
        await File.WriteAllTextAsync(valid, "code,name,level,parent\n苏,示例高院,high,\n苏01,示例中院,intermediate,苏\n苏0102,示例基层,basic,苏01\n");
        Assert.Equal(0, (await Run("courts", "import", valid, "--data", P("data"))).Exit);
        var export = P("苏0102", "2025-12", "x.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(export)!);
        await File.WriteAllTextAsync(export, "案号,立案日期\n（2025）苏0102民初1号,2025-12-01\n");
        Assert.Equal(0, (await Run("ingest", export, "--data", P("data"))).Exit);
        var demoCourt = await Run("ingest", export, "--court", "浙0102", "--data", P("data"), "--format", "json");
        Assert.Equal(2, demoCourt.Exit);
        Assert.Contains("不在法院名录中", JsonDocument.Parse(demoCourt.Out).RootElement.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_GeneratesAndIngestsTheProvince_AndSaysWhereTheResultsAre()
    {
        var (exit, output, error) = await Run("demo", "--data", P("data"));
        Assert.Equal(0, exit);
        Assert.Contains("0 rejected", output, StringComparison.Ordinal);
        // Redirected, each long step leaves one plain closing line on standard error.
        var rendering = Assert.Single(error.Split('\n'), l => l.StartsWith("生成报告 / rendering", StringComparison.Ordinal));
        Assert.Contains($"[{new string('█', 24)}] 2/2 份/reports", rendering, StringComparison.Ordinal);
        Assert.EndsWith("完成 / done", rendering.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains(error.Split('\n'), l => l.StartsWith("导入 / ingesting", StringComparison.Ordinal) && l.TrimEnd().EndsWith("完成 / done", StringComparison.Ordinal));
        var reading = Assert.Single(error.Split('\n'), l => l.StartsWith("读取案件 / reading cases", StringComparison.Ordinal));
        Assert.Contains($"[{new string('█', 24)}] 100%", reading, StringComparison.Ordinal);
        Assert.Contains(P("data", "curated"), output, StringComparison.Ordinal);
        Assert.True(File.Exists(P("data", "curated", "浙", "manifest.json")));
        Assert.Equal(17, Directory.GetDirectories(P("data", "curated")).Length);
        Assert.Contains("18项指标中", output, StringComparison.Ordinal);
        Assert.Contains("案-件比", output, StringComparison.Ordinal);

        // query: the JSON contract other tools read
        var (queryExit, json, _) = await Run("query", "--court", "浙01", "--period", "2025-Q4", "--children", "--format", "json", "--data", P("data"));
        Assert.Equal(0, queryExit);
        var root = JsonDocument.Parse(json).RootElement;
        foreach (var field in new[] { "court", "courtName", "period", "comparedWith", "indicators", "summary", "children" })
        {
            Assert.True(root.TryGetProperty(field, out _), $"missing {field}");
        }
        Assert.Equal("2024-Q4", root.GetProperty("comparedWith").GetString());
        var indicators = root.GetProperty("indicators").EnumerateArray().ToList();
        Assert.True(indicators.Count >= 18);
        foreach (var field in new[] { "id", "name", "group", "unit", "value", "display", "numerator", "denominator", "previous", "change", "trend", "inRange", "range", "unusual", "lowSample" })
        {
            Assert.True(indicators[0].TryGetProperty(field, out _), $"missing indicators[].{field}");
        }
        var appeal = indicators.Single(i => i.GetProperty("id").GetString() == "appeal-rate");
        Assert.Equal(appeal.GetProperty("numerator").GetDouble() / appeal.GetProperty("denominator").GetDouble(), appeal.GetProperty("value").GetDouble(), 12);
        Assert.EndsWith("%", appeal.GetProperty("display").GetString(), StringComparison.Ordinal);
        foreach (var field in new[] { "total", "inRange", "comparable", "improving", "flat", "worsening", "sentence" })
        {
            Assert.True(root.GetProperty("summary").TryGetProperty(field, out _), $"missing summary.{field}");
        }
        Assert.Equal(["浙0102", "浙0103", "浙0104", "浙0105"], root.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("court").GetString()));

        var (csvExit, csv, _) = await Run("query", "--court", "浙", "--period", "2025", "--compare", "mom", "--format", "csv", "--data", P("data"));
        Assert.Equal(0, csvExit);
        Assert.StartsWith("court,courtName,period,comparedWith,id,", csv, StringComparison.Ordinal);
        Assert.Contains(",2024,appeal-rate,", csv, StringComparison.Ordinal);

        var bad = await Run("query", "--court", "浙", "--period", "2025-13", "--data", P("data"));
        Assert.Equal(1, bad.Exit);
        Assert.Contains("2024-Q4", bad.Error, StringComparison.Ordinal);
        Assert.Equal(1, (await Run("query", "--court", "京", "--period", "2025", "--data", P("data"))).Exit);

        var (aggregateExit, aggregated, _) = await Run("aggregate", "--period", "2025-Q4", "--period", "2025-01..2025-11", "--data", P("data"));
        Assert.Equal(0, aggregateExit);
        Assert.Contains("17 courts × 2 periods", aggregated, StringComparison.Ordinal);
        Assert.Equal(0, (await Run("query", "--court", "浙0102", "--period", "2025-01..2025-11", "--data", P("data"))).Exit);
        Assert.Equal(1, (await Run("aggregate", "--period", "last-year", "--data", P("data"))).Exit);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
