using Microsoft.Extensions.Time.Testing;
using Reporting.Storage.Parquet;
using Reporting.Pipeline.Curated;
using Reporting.Storage.Local;
using System.Text.Json;
using Reporting.Core.Courts;
using Reporting.Core.Indicators;
using Reporting.Core.Periods;
using Reporting.Pipeline.Aggregate;

namespace Reporting.Pipeline.Tests;

/// <summary>
/// An upload names its court; the aggregation it starts recounts that court's tree only. Two provinces (浙 with the
/// demo courts, 苏 with one basic court): a new 苏 export must leave every 浙 document as it was and give the 苏
/// documents a full run would.
/// </summary>
public sealed class ChangedCourtsTests : IDisposable
{
    private static readonly CourtRegistry TwoProvinces = CourtRegistry.Load(new StringReader(
        CourtRegistry.DemoCsv().TrimEnd() + "\n苏,示例二省高级人民法院,high,\n苏0102,示例二省丁区人民法院,basic,苏\n"), "two-provinces.csv");

    private static readonly Period[] Periods = [Period.Parse("2025-03"), Period.Parse("2025-Q2"), Period.Parse("2025")];

    private readonly IngestionBench _bench = new();

    public void Dispose() => _bench.Dispose();

    private static string SuExport(int n)
    {
        var csv = new System.Text.StringBuilder(Exports.Header + "\r\n");
        for (var i = 1; i <= n; i++)
        {
            csv.Append($"（2025）苏0102民初{i}号,2025-03-{i:00},2025-04-{i:00},判决,2025-09-01,,,,,,,买卖合同纠纷,民一庭,示例法官02\r\n");
        }
        return csv.ToString();
    }

    private AggregateIndicators Aggregation(IAggregateStore store, DateTimeOffset now) =>
        new(_bench.Store, new CuratedZone(_bench.Store, new ParquetCaseFiles()), store, TwoProvinces, IndicatorCatalog.Default(), new FakeTimeProvider(now));

    private static async Task<Dictionary<string, AggregateDocument>> Documents(IAggregateStore store, IEnumerable<string> courts)
    {
        var all = new Dictionary<string, AggregateDocument>();
        foreach (var court in courts)
        {
            foreach (var period in Periods)
            {
                all[$"{court} {period}"] = (await store.GetAsync(court, period.ToString()))!;
            }
        }
        return all;
    }

    private static string WithoutRun(AggregateDocument doc) => JsonSerializer.Serialize(doc with { RunId = "", ComputedAt = default });

    [Fact]
    public void TreeOf_IsTheRootAbove_OrTheProvinceForUnregisteredCourts()
    {
        Assert.Equal("浙", TwoProvinces.TreeOf("浙0102"));
        Assert.Equal("浙", TwoProvinces.TreeOf("浙"));
        Assert.Equal("苏", TwoProvinces.TreeOf("苏0102"));
        Assert.Equal("苏", TwoProvinces.TreeOf("苏0205"));
        Assert.Equal("沪", TwoProvinces.TreeOf("沪0101"));
        var national = CourtRegistry.Load(new StringReader("code,name,level,parent\n最高法,示例最高,supreme,\n浙,示例高院,high,最高法\n苏,示例高院二,high,最高法\n"), "national.csv");
        Assert.Equal(national.TreeOf("浙"), national.TreeOf("苏"));
    }

    [Fact]
    public async Task ANewExportFromOneProvince_RecountsItsTreeOnly()
    {
        await _bench.RunAsync(_bench.WriteFile("zj.csv", Exports.Csv(20)), "浙0102", "2025-12");
        await _bench.RunAsync(_bench.WriteFile("js-1.csv", SuExport(5)), "苏0102", "2025-12");
        var store = new SqliteAggregateStore(Path.Combine(_bench.Root, "incremental.db"));
        var first = await Aggregation(store, IngestionBench.UploadTime).RunAsync(Periods);
        var zhejiang = TwoProvinces.ScopeOf("浙").Select(c => c.Code).ToList();
        var before = await Documents(store, zhejiang);

        await _bench.RunAsync(_bench.WriteFile("js-2.csv", SuExport(9)), "苏0102", "2025-12");
        var second = await Aggregation(store, IngestionBench.UploadTime.AddHours(1)).RunAsync(Periods, changedCourts: ["苏0102"]);

        Assert.Equal(["苏", "苏0102"], second.Courts);
        var after = await Documents(store, zhejiang);
        Assert.All(after, d => Assert.Equal(first.RunId, d.Value.RunId));
        Assert.Equal(before.Values.Select(WithoutRun), after.Values.Select(WithoutRun));

        var full = new SqliteAggregateStore(Path.Combine(_bench.Root, "full.db"));
        await Aggregation(full, IngestionBench.UploadTime.AddHours(2)).RunAsync(Periods);
        var jiangsu = await Documents(store, ["苏", "苏0102"]);
        Assert.All(jiangsu, d => Assert.Equal(second.RunId, d.Value.RunId));
        Assert.Equal((await Documents(full, ["苏", "苏0102"])).Values.Select(WithoutRun), jiangsu.Values.Select(WithoutRun));
        var filed = jiangsu["苏 2025-03"].Indicators.Single(i => i.Id == "closure-receipt-ratio");
        Assert.Equal(9, filed.Current.Denominator);
    }
}
