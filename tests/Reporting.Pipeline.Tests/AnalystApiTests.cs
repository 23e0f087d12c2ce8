using Microsoft.Extensions.Time.Testing;
using Reporting.Pipeline.Ingest;
using Reporting.Storage.Parquet;
using Reporting.Pipeline.Curated;
using Reporting.Storage.Local;
using System.Text.Json;
using Reporting.Core.Courts;
using Reporting.Core.Indicators;
using Reporting.Core.Periods;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Api;
using Reporting.Pipeline.Reports;
using Reporting.Pipeline.Json;

namespace Reporting.Pipeline.Tests;

/// <summary>The analyst API every host serves: answers equal the query's, and bad input is refused naming its field.</summary>
public sealed class AnalystApiTests : IDisposable
{
    private readonly IngestionBench _bench = new();
    private readonly SqliteAggregateStore _store;
    private readonly AnalystApi _api;

    public AnalystApiTests()
    {
        _store = new SqliteAggregateStore(Path.Combine(_bench.Root, "api.db"));
        _api = new AnalystApi(_store, new QueryIndicators(_store, CourtRegistry.Demo(), IndicatorCatalog.Default()), new ReportArchive(_bench.Store), CourtRegistry.Demo(),
            IndicatorCatalog.Default(), new IngestionReports(_bench.Store));
    }

    public void Dispose() => _bench.Dispose();

    private async Task AggregateAsync()
    {
        await _bench.RunAsync(_bench.WriteFile("a.csv", Exports.Csv(25)));
        await new AggregateIndicators(_bench.Store, new CuratedZone(_bench.Store, new ParquetCaseFiles()), _store, CourtRegistry.Demo(), IndicatorCatalog.Default(), new FakeTimeProvider(IngestionBench.UploadTime))
            .RunAsync([Period.Parse("2025-Q2")]);
    }

    [Fact]
    public void Courts_IsTheRegistryTree_ChildrenByCode()
    {
        var tree = Assert.IsType<List<CourtNode>>(_api.Courts().Body);

        var root = Assert.Single(tree);
        var registry = CourtRegistry.Demo();
        Assert.Equal(registry.Roots.Single().Code, root.Code);
        Assert.Equal(registry.ChildrenOf(root.Code).Select(c => c.Code).Order(StringComparer.Ordinal), root.Children.Select(c => c.Code));
        Assert.Equal(registry.Courts.Count, Flatten(root).Count());
        Assert.Equal("high", root.Level);
    }

    private static IEnumerable<CourtNode> Flatten(CourtNode node) => new[] { node }.Concat(node.Children.SelectMany(Flatten));

    [Fact]
    public async Task Indicators_AreTheQueryRow_WithChildren()
    {
        await AggregateAsync();
        var expected = await new QueryIndicators(_store, CourtRegistry.Demo(), IndicatorCatalog.Default())
            .RunAsync("浙01", Period.Parse("2025-Q2"), Comparison.PeriodOnPeriod, children: true);

        var answer = await _api.IndicatorsAsync("浙01", "2025-Q2", "mom", "true");

        Assert.Equal(200, answer.Status);
        Assert.Equal(JsonSerializer.Serialize(expected, ReportingJson.Compact), JsonSerializer.Serialize(answer.Body, ReportingJson.Compact));
        Assert.NotEmpty(((CourtIndicatorsRow)answer.Body!).Children!);
    }

    [Theory]
    [InlineData("2025-13", "yoy", "false", "period")]
    [InlineData("2025-Q2", "同比", "false", "compare")]
    [InlineData("2025-Q2", "yoy", "yes", "children")]
    public async Task Indicators_WithAMalformedParameter_Are400_NamingTheField(string period, string compare, string children, string field)
    {
        var answer = await _api.IndicatorsAsync("浙01", period, compare, children);

        Assert.Equal(400, answer.Status);
        var problem = Assert.IsType<Problem>(answer.Body);
        Assert.Equal([field], problem.Errors!.Keys);
        Assert.Contains(field == "period" ? period : field == "compare" ? compare : children, problem.Detail);
    }

    [Fact]
    public async Task Indicators_ForACourtWithoutData_Are404_SayingWhetherTheCourtIsKnown()
    {
        await AggregateAsync();

        var unknown = Assert.IsType<Problem>((await _api.IndicatorsAsync("沪9999", "2025-Q2", null, null)).Body);
        var noPeriod = Assert.IsType<Problem>((await _api.IndicatorsAsync("浙01", "2019-Q2", null, null)).Body);

        Assert.Equal(404, unknown.Status);
        Assert.Contains("不在法院名录中", unknown.Detail);
        Assert.Contains("2019-Q2", noPeriod.Detail);
        Assert.Equal(["court"], noPeriod.Errors!.Keys);
    }

    [Fact]
    public async Task Periods_AreThoseStoredForTheCourt_EachKindInTimeOrder_AndAnUnknownCodeIs404()
    {
        var none = Assert.IsType<StoredPeriods>((await _api.PeriodsAsync("浙02")).Body);
        await AggregateAsync();
        await new AggregateIndicators(_bench.Store, new CuratedZone(_bench.Store, new ParquetCaseFiles()), _store, CourtRegistry.Demo(), IndicatorCatalog.Default(), new FakeTimeProvider(IngestionBench.UploadTime))
            .RunAsync([Period.Parse("2025-04..2025-05"), Period.Parse("2025-05"), Period.Parse("2025-04"), Period.Parse("2025")]);

        var stored = Assert.IsType<StoredPeriods>((await _api.PeriodsAsync("浙01")).Body);
        var unknown = await _api.PeriodsAsync("沪9999");

        Assert.Equal(["2025-04", "2025-05"], stored.Months);
        Assert.Equal(["2025-Q2"], stored.Quarters);
        Assert.Equal(["2025"], stored.Years);
        Assert.Equal(["2025-04..2025-05"], stored.Ranges);
        Assert.Equal(CourtRegistry.Demo().Get("浙01").Name, stored.CourtName);
        Assert.Empty(none.Months.Concat(none.Quarters).Concat(none.Years));
        Assert.Equal(404, unknown.Status);
    }

    [Fact]
    public async Task Runs_AreTheStoredRecords_AndTheCountIsBounded()
    {
        await AggregateAsync();

        var runs = Assert.IsType<IReadOnlyList<AggregationRunRecord>>((await _api.RunsAsync("5")).Body, exactMatch: false);
        Assert.Equal("completed", Assert.Single(runs).Status);
        Assert.Equal(400, (await _api.RunsAsync("0")).Status);
        Assert.Equal(400, (await _api.RunsAsync("1000")).Status);
    }

    [Fact]
    public async Task Reports_AreListedAndServed_AndAMissingOneIs404()
    {
        using (var pdf = new MemoryStream("%PDF-1.7 test"u8.ToArray()))
        {
            await new ReportArchive(_bench.Store).TryAddAsync("浙", Period.Parse("2025-Q4"), pdf);
        }

        var list = Assert.IsType<List<ReportEntry>>((await _api.ReportsAsync("浙")).Body);
        var file = await _api.ReportFileAsync("浙", "2025-Q4");
        var missing = await _api.ReportFileAsync("浙", "2025-Q3");
        var hostile = await _api.ReportFileAsync("../ingest-reports", "2025-Q4");

        Assert.Equal(("2025-Q4", "审判态势分析报告-浙-2025-Q4.pdf"), (Assert.Single(list).Period, list[0].FileName));
        Assert.Equal("reports/浙/2025-Q4.pdf", file.File!.Path);
        Assert.Equal(404, missing.Status);
        Assert.Equal(404, hostile.Status);
    }

    [Fact]
    public void AProblemWithoutFieldErrors_HasNoErrorsMember_AndOneWithThemNamesEachField()
    {
        var anonymous = JsonDocument.Parse(JsonSerializer.Serialize(ApiGate.Unauthenticated.Body, ReportingJson.Compact)).RootElement;
        var bad = JsonDocument.Parse(JsonSerializer.Serialize(AnalystApi.NotFound("period", "no such period").Body, ReportingJson.Compact)).RootElement;

        Assert.Equal(401, anonymous.GetProperty("status").GetInt32());
        Assert.False(anonymous.TryGetProperty("errors", out _), anonymous.ToString());
        Assert.Equal("no such period", bad.GetProperty("errors").GetProperty("period")[0].GetString());
    }

    [Fact]
    public async Task Series_IsEachPeriodsStoredValue_ForTheCourtAndEachChildByCode()
    {
        await AggregateAsync();
        var table = (CourtIndicatorsRow)(await _api.IndicatorsAsync("浙01", "2025-Q2", null, "true")).Body!;

        var answer = await _api.SeriesAsync("浙01", "case-matter-ratio", "quarter", "4");

        var series = Assert.IsType<IndicatorSeries>(answer.Body);
        var point = Assert.Single(series.Court.Points);
        Assert.Equal("2025-Q2", point.Period);
        var expected = table.Indicators.Single(i => i.Id == "case-matter-ratio");
        Assert.Equal(expected.Value, point.Value);
        Assert.Equal(expected.Display, point.Display);
        Assert.Equal(CourtRegistry.Demo().ChildrenOf("浙01").Select(c => c.Code), series.Children.Select(c => c.Court));
        var child = series.Children.Single(c => c.Court == "浙0102");
        Assert.Equal(table.Children!.Single(c => c.Court == "浙0102").Indicators.Single(i => i.Id == "case-matter-ratio").Value, Assert.Single(child.Points).Value);
    }

    [Fact]
    public async Task Series_RefusesUnknownIndicatorKindAndCount_NamingEach()
    {
        var answer = await _api.SeriesAsync("浙01", "no-such-indicator", "week", "0");

        var problem = Assert.IsType<Problem>(answer.Body);
        Assert.Equal(400, answer.Status);
        Assert.Equal(["indicator", "kind", "last"], problem.Errors!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task IngestionReports_AreTheCourtsReports_LatestFirst_WithRowErrors()
    {
        var good = await _bench.RunAsync(_bench.WriteFile("a.csv", Exports.Csv(5)));
        var bad = await _bench.RunAsync(_bench.WriteFile("b.csv", Exports.Csv(30).Replace("（2025）浙0102民初2号", "（2025）浙0102民X2号")), window: "2025-11");

        var answer = await _api.IngestionReportsAsync("浙0102", null);

        var reports = Assert.IsType<List<Ingestion.Reports.IngestionReport>>(answer.Body);
        Assert.Equal(new[] { good.IngestionId, bad.IngestionId }.Order(StringComparer.Ordinal), reports.Select(r => r.IngestionId).Order(StringComparer.Ordinal));
        Assert.True(reports.SequenceEqual(reports.OrderByDescending(r => r.IngestedAt)));
        var partial = reports.Single(r => r.IngestionId == bad.IngestionId);
        Assert.Equal("partial", partial.Status);
        Assert.Equal("案号", Assert.Single(partial.Errors).Column);
        Assert.Empty(Assert.IsType<List<Ingestion.Reports.IngestionReport>>((await _api.IngestionReportsAsync("浙0103", null)).Body));
        Assert.Equal(400, (await _api.IngestionReportsAsync("浙0102", "0")).Status);
    }
    [Fact]
    public async Task AnswerCache_ServesAKeptAnswerUntilANewAggregationRun_ThenMakesItAgainFromTheNewAggregates()
    {
        await AggregateAsync();
        var cache = new AnswerCache(_store);
        var made = 0;
        async Task<ApiRepresentation> Table() => await cache.GetOrAddAsync("浙0102 2025-Q2", async () =>
        {
            made++;
            return ApiRepresentation.Negotiate(await _api.IndicatorsAsync("浙0102", "2025-Q2", null, null), null, null, null, _ => "", "x.csv");
        });

        var first = await Table();
        var again = await Table();
        Assert.Equal((1, first.ETag), (made, again.ETag));
        Assert.Equal(304, again.Unless(first.ETag).Status);

        // More cases, a new run: the kept answer is not served again.
        await _bench.RunAsync(_bench.WriteFile("b.csv", Exports.Csv(40)));
        await new AggregateIndicators(_bench.Store, new CuratedZone(_bench.Store, new ParquetCaseFiles()), _store, CourtRegistry.Demo(), IndicatorCatalog.Default(), new FakeTimeProvider(IngestionBench.UploadTime.AddHours(1)))
            .RunAsync([Period.Parse("2025-Q2")]);
        var after = await Table();
        Assert.Equal(2, made);
        Assert.NotEqual(first.ETag, after.ETag);
        Assert.Equal(200, after.Unless(first.ETag).Status);
    }
}
