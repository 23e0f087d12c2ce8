using Microsoft.Extensions.Time.Testing;
using Reporting.Storage.Parquet;
using Reporting.Pipeline.Curated;
using Reporting.Storage.Local;
using Reporting.Core.Courts;
using Reporting.Core.Indicators;
using Reporting.Core.Periods;
using Reporting.Pdf.Fonts;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Reports;
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
        var settings = ReportSettings.Read(TestSettings.Of(
            (ReportSettings.MonthlyScheduleKey, "0 30 9 5 * *"),
            (ReportSettings.QuarterlyScheduleKey, "off"),
            (ReportSettings.CompareKey, "mom"),
            (ReportSettings.CourtsKey, "浙, 浙01")));

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
        var error = Assert.Throws<FormatException>(() => ReportSettings.Read(TestSettings.Of((key, value))));

        Assert.Contains(key, error.Message);
        Assert.Contains(value, error.Message);
    }

    [Fact]
    public async Task TheTimer_RendersEachDueReportOnce_IntoTheArchive_AndWaitsForPeriodsWithoutData()
    {
        var (timer, archive, queue, registry) = await AggregatedQ4Async();
        var idle = new SchedulerSays(AggregationInstanceState.Ended);

        var first = await timer.RunAsync(idle);
        var second = await timer.RunAsync(idle);

        var root = Assert.Single(registry.Roots).Code;
        var rendered = Assert.Single(first.Rendered);
        Assert.Equal((root, "2025-Q4", $"reports/{root}/2025-Q4.pdf"), (rendered.Court, rendered.Period, rendered.Path));
        Assert.Equal([$"{root} 2025-12"], first.WithoutData);
        Assert.Empty(first.Recounting);
        Assert.Empty(second.Rendered);
        Assert.Equal([rendered.Path], (await archive.ListAsync(root)).Select(r => r.Path));
        await using var pdf = await archive.OpenAsync(rendered);
        var head = new byte[5];
        await pdf.ReadExactlyAsync(head);
        Assert.Equal("%PDF-"u8.ToArray(), head);
    }

    [Fact]
    public async Task TheTimer_LeavesATreeBeingRecountedForALaterTick_ButNotForARecordWhoseInstanceHasEnded()
    {
        var (timer, archive, queue, registry) = await AggregatedQ4Async();
        var root = Assert.Single(registry.Roots).Code;
        // An upload to a basic court of the tree asked for its recount: the queue records an active instance.
        var ticket = await queue.RequestAsync("浙0102", new SchedulerSays(AggregationInstanceState.Missing));
        Assert.Equal(root, ticket.Tree);

        var whileRunning = await timer.RunAsync(new SchedulerSays(AggregationInstanceState.Active));

        Assert.Empty(whileRunning.Rendered);
        Assert.Equal([$"{root} 2025-12", $"{root} 2025-Q4"], whileRunning.Recounting.Order(StringComparer.Ordinal));
        Assert.Empty(await archive.ListAsync(root));

        // The record still names the instance, but the host says it ended without handing on (terminated, say): no longer held back.
        var afterEnd = await timer.RunAsync(new SchedulerSays(AggregationInstanceState.Ended));

        Assert.Equal("2025-Q4", Assert.Single(afterEnd.Rendered).Period);
        Assert.Empty(afterEnd.Recounting);
    }

    [Fact]
    public async Task ARecountAskedForWhileAReportIsRead_KeepsThatReportOutOfTheArchive_UntilALaterTick()
    {
        AggregationQueue? queueOf = null;
        var asked = false;
        // An upload lands while the report reads its first aggregate: the tree's recount is asked for mid-render.
        var (timer, archive, queue, registry) = await AggregatedQ4Async(store => new ReadHook(store, async () =>
        {
            if (!asked && queueOf is not null)
            {
                asked = true;
                await queueOf.RequestAsync("浙0103", new SchedulerSays(AggregationInstanceState.Missing));
            }
        }));
        queueOf = queue;
        var root = Assert.Single(registry.Roots).Code;

        var during = await timer.RunAsync(new SchedulerSays(AggregationInstanceState.Ended));
        var after = await timer.RunAsync(new SchedulerSays(AggregationInstanceState.Ended));

        Assert.True(asked);
        Assert.Empty(during.Rendered);
        Assert.Contains($"{root} 2025-Q4", during.Recounting);
        Assert.Equal("2025-Q4", Assert.Single(after.Rendered).Period);
        Assert.NotNull(await archive.FindAsync(root, Period.Parse("2025-Q4")));
    }

    /// <summary>A province with 2025-Q4 aggregated, and the timer on 2026-01-02 in Beijing, when 2025-12 and 2025-Q4 are due.</summary>
    private async Task<(RenderDueReports Timer, ReportArchive Archive, AggregationQueue Queue, CourtRegistry Registry)> AggregatedQ4Async(
        Func<IAggregateStore, IAggregateStore>? readThrough = null)
    {
        await _bench.RunAsync(_bench.WriteFile("a.csv", Exports.Csv(30)));
        var stored = new SqliteAggregateStore(Path.Combine(_bench.Root, "reports.db"));
        var store = readThrough?.Invoke(stored) ?? stored;
        var registry = CourtRegistry.Demo();
        var catalog = IndicatorCatalog.Default();
        await new AggregateIndicators(_bench.Store, new CuratedZone(_bench.Store, new ParquetCaseFiles()), stored, registry, catalog, new FakeTimeProvider(IngestionBench.UploadTime))
            .RunAsync([Period.Parse("2025-Q4")]);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 9, 0, 0, Cst));
        var archive = new ReportArchive(_bench.Store);
        var queue = new AggregationQueue(_bench.Store, registry);
        var render = new RenderSituationReport(new ComposeSituationReport(store, registry, catalog, clock), FontLibrary.Discover(), clock);
        var timer = new RenderDueReports(render, archive, queue, registry, new ReportSettings(ReportSchedule.Default, Comparison.YearOnYear, []), clock);
        return (timer, archive, queue, registry);
    }

    /// <summary>The aggregate store, running a step before every document read.</summary>
    private sealed class ReadHook(IAggregateStore inner, Func<Task> beforeRead) : IAggregateStore
    {
        public Task UpsertAsync(IReadOnlyCollection<AggregateDocument> documents, CancellationToken cancellationToken = default) =>
            inner.UpsertAsync(documents, cancellationToken);

        public async Task<AggregateDocument?> GetAsync(string court, string period, CancellationToken cancellationToken = default)
        {
            await beforeRead();
            return await inner.GetAsync(court, period, cancellationToken);
        }

        public Task<IReadOnlyList<string>> PeriodsAsync(string court, CancellationToken cancellationToken = default) => inner.PeriodsAsync(court, cancellationToken);

        public Task RecordRunAsync(AggregationRunRecord run, CancellationToken cancellationToken = default) => inner.RecordRunAsync(run, cancellationToken);

        public Task<IReadOnlyList<AggregationRunRecord>> RunsAsync(int latest, CancellationToken cancellationToken = default) => inner.RunsAsync(latest, cancellationToken);
    }

    /// <summary>An orchestration host that answers every instance's state with one value and schedules nothing.</summary>
    private sealed class SchedulerSays(AggregationInstanceState state) : IAggregationScheduler
    {
        public Task<AggregationInstanceState> StateAsync(string instanceId, CancellationToken cancellationToken = default) => Task.FromResult(state);

        public Task ScheduleAsync(string instanceId, AggregationRequest request, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
