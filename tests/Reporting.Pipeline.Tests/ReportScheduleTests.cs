using Reporting.Core.Courts;
using Reporting.Core.Indicators;
using Reporting.Core.Periods;
using Reporting.Pdf.Fonts;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Reports;
using Reporting.Storage.Aggregates;
using Reporting.Tests.Shared;

namespace Reporting.Pipeline.Tests;

/// <summary>The report schedule in China Standard Time, and the timer's rendering of what fell due, once.</summary>
public sealed class ReportScheduleTests : IDisposable
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    private readonly IngestionBench _bench = new();

    public void Dispose() => _bench.Dispose();

    [Fact]
    public void Defaults_MonthlyOnThe1stAt8InBeijing_ReportTheMonthJustClosed()
    {
        // 2026-12-01 08:00 CST is 2026-12-01 00:00 UTC.
        var due = ReportSchedule.Default.Due(new DateTimeOffset(2026, 12, 1, 0, 5, 0, TimeSpan.Zero), TimeSpan.FromHours(1));

        var report = Assert.Single(due);
        Assert.Equal((ReportCadence.Monthly, "2026-11"), (report.Cadence, report.Period.ToString()));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 8, 0, 0, Cst), report.DueAt);
    }

    [Fact]
    public void Defaults_BeforeEightInBeijing_NothingIsDueYet_EvenThoughItIsThe1stInUtcOnlyLater()
    {
        // 2026-11-30 23:30 UTC is 07:30 on the 1st in Beijing: not yet due.
        Assert.Empty(ReportSchedule.Default.Due(new DateTimeOffset(2026, 11, 30, 23, 30, 0, TimeSpan.Zero), TimeSpan.FromDays(1)));
    }

    [Fact]
    public void Defaults_OnTheFirstOfAQuarter_BothTheMonthAndTheQuarterAreDue()
    {
        var due = ReportSchedule.Default.Due(new DateTimeOffset(2027, 1, 1, 8, 30, 0, Cst), TimeSpan.FromDays(7));

        Assert.Equal(["2026-12", "2026-Q4"], due.Select(d => d.Period.ToString()));
    }

    [Fact]
    public void ASettingReadsCronInBeijingTime_AndOffTurnsACadenceOff()
    {
        var settings = ReportSettings.Read(key => key switch
        {
            ReportSettings.MonthlyScheduleKey => "0 30 9 5 * *",
            ReportSettings.QuarterlyScheduleKey => "off",
            ReportSettings.CompareKey => "mom",
            ReportSettings.CourtsKey => "浙, 浙01",
            _ => null,
        });

        var due = settings.Schedule.Due(new DateTimeOffset(2027, 4, 10, 0, 0, 0, Cst), TimeSpan.FromDays(7));

        Assert.Equal(new DueReport(ReportCadence.Monthly, Period.Parse("2027-03"), new DateTimeOffset(2027, 4, 5, 9, 30, 0, Cst)), Assert.Single(due));
        Assert.Equal(Comparison.PeriodOnPeriod, settings.Comparison);
        Assert.Equal(["浙", "浙01"], settings.Courts);
    }

    [Theory]
    [InlineData(ReportSettings.MonthlyScheduleKey, "0 8 1 * *")]
    [InlineData(ReportSettings.QuarterlyScheduleKey, "every quarter")]
    [InlineData(ReportSettings.CompareKey, "同比")]
    public void AMalformedSetting_IsRefused_NamingTheSetting(string key, string value)
    {
        var error = Assert.Throws<FormatException>(() => ReportSettings.Read(k => k == key ? value : null));

        Assert.Contains(key, error.Message);
        Assert.Contains(value, error.Message);
    }

    [Fact]
    public async Task TheTimer_RendersEachDueReportOnce_IntoTheArchive_AndWaitsForPeriodsWithoutData()
    {
        await _bench.RunAsync(_bench.WriteFile("a.csv", Exports.Csv(30)));
        var store = new SqliteAggregateStore(Path.Combine(_bench.Root, "reports.db"));
        var registry = CourtRegistry.Demo();
        var catalog = IndicatorCatalog.Default();
        await new AggregateIndicators(_bench.Store, store, registry, catalog, new FixedClock(IngestionBench.UploadTime))
            .RunAsync([Period.Parse("2025-Q4")]);
        // On 2026-01-02 in Beijing, 2025-12 (monthly) and 2025-Q4 (quarterly) are due; only 2025-Q4 was aggregated.
        var clock = new FixedClock(new DateTimeOffset(2026, 1, 2, 9, 0, 0, Cst));
        var archive = new ReportArchive(_bench.Store);
        var render = new RenderSituationReport(new ComposeSituationReport(store, registry, catalog, clock), FontLibrary.Discover(), clock);
        var timer = new RenderDueReports(render, archive, registry, new ReportSettings(ReportSchedule.Default, Comparison.YearOnYear, []), clock);

        var first = await timer.RunAsync();
        var second = await timer.RunAsync();

        var root = Assert.Single(registry.Roots).Code;
        var rendered = Assert.Single(first.Rendered);
        Assert.Equal((root, "2025-Q4", $"reports/{root}/2025-Q4.pdf"), (rendered.Court, rendered.Period, rendered.Path));
        Assert.Equal([$"{root} 2025-12"], first.WithoutData);
        Assert.Empty(second.Rendered);
        Assert.Equal([rendered.Path], (await archive.ListAsync(root)).Select(r => r.Path));
        await using var pdf = await archive.OpenAsync(rendered);
        var head = new byte[5];
        await pdf.ReadExactlyAsync(head);
        Assert.Equal("%PDF-"u8.ToArray(), head);
    }
}
