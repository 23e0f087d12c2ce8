using Microsoft.Extensions.Configuration;
using Reporting.Core.Courts;
using Reporting.Core.Indicators;
using Reporting.Pipeline.Aggregate;

namespace Reporting.Pipeline.Reports;

/// <summary>Which reports the schedule renders and how they compare (settings Reporting:Reports:*).</summary>
/// <param name="Courts">The courts whose leadership gets reports; none: the top court of every tree in the registry.</param>
public sealed record ReportSettings(ReportSchedule Schedule, Comparison Comparison, IReadOnlyList<string> Courts)
{
    /// <summary>How far back a tick looks for occurrences it missed (a host down on the 1st still renders on the 3rd).</summary>
    public static readonly TimeSpan LookBack = TimeSpan.FromDays(7);

    public const string MonthlyScheduleKey = "Reporting:Reports:MonthlySchedule";
    public const string QuarterlyScheduleKey = "Reporting:Reports:QuarterlySchedule";
    public const string CompareKey = "Reporting:Reports:Compare";
    public const string CourtsKey = "Reporting:Reports:Courts";

    /// <summary>
    /// Reads the settings (environment variables spell ':' as '__').
    /// Unset schedules take the defaults; an empty or "off" one is off.
    /// </summary>
    /// <exception cref="FormatException">A value is malformed; the message names the setting.</exception>
    public static ReportSettings Read(IConfiguration setting)
    {
        var schedule = ReportSchedule.Parse(setting[MonthlyScheduleKey] ?? ReportSchedule.DefaultMonthly, setting[QuarterlyScheduleKey] ?? ReportSchedule.DefaultQuarterly);
        var compare = setting[CompareKey];
        var comparison = Comparison.YearOnYear;
        if (!string.IsNullOrWhiteSpace(compare) && !Api.AnalystApi.TryComparison(compare, out comparison))
        {
            throw new FormatException($"设置 {CompareKey} 只能是 yoy（同比）或 mom（环比），而不是“{compare}” / setting {CompareKey} must be yoy or mom, not '{compare}'");
        }
        var courts = (setting[CourtsKey] ?? "").Split([',', '，', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new ReportSettings(schedule, comparison, courts);
    }
}

/// <summary>
/// What one scheduled tick rendered, what it could not render yet for want of aggregates, and what it left for a later
/// tick because the court's tree was being recounted (court and period, e.g. "浙 2025-Q4").
/// </summary>
public sealed record ScheduledRendering(IReadOnlyList<ArchivedReport> Rendered, IReadOnlyList<DueReport> Due, IReadOnlyList<string> WithoutData,
    IReadOnlyList<string> Recounting);

/// <summary>
/// The report timer's work: every report due within the look-back that is not yet in the archive is rendered and
/// stored once (a create-only write, so two hosts ticking together store one). A court without aggregates for the
/// period is skipped and tried again at the next tick, until the look-back has passed. So is a court whose tree has
/// an aggregation queued or running, or asked for while the report was read: its courts' documents are rewritten one
/// by one during a run, and a report read half-way would add up subordinate courts from one run against a total from
/// another, then stay archived as it is. (A queue record whose instance the host does not know, left by a crash
/// before scheduling, does not hold reports back: the tree's next upload schedules it.)
/// </summary>
public sealed class RenderDueReports(RenderSituationReport render, ReportArchive archive, AggregationQueue queue, CourtRegistry registry, ReportSettings settings,
    TimeProvider clock)
{
    /// <param name="aggregations">The host's orchestration scheduler, asked whether a tree's recorded instance is still active
    /// (a record left by an instance that ended without handing on must not hold reports back).</param>
    public async Task<ScheduledRendering> RunAsync(IAggregationScheduler aggregations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aggregations);
        var due = settings.Schedule.Due(clock.GetUtcNow(), ReportSettings.LookBack);
        var courts = settings.Courts.Count > 0 ? settings.Courts : registry.Roots.Select(c => c.Code).ToList();
        var rendered = new List<ArchivedReport>();
        var withoutData = new List<string>();
        var recounting = new List<string>();
        // Each tree's queue record as this tick first read it, and whether an aggregation of the tree was then active.
        var trees = new Dictionary<string, (AggregationQueue.TreeQueue Record, bool Busy)>(StringComparer.Ordinal);
        foreach (var report in due)
        {
            foreach (var court in courts)
            {
                if (await archive.FindAsync(court, report.Period, cancellationToken).ConfigureAwait(false) is not null)
                {
                    continue;
                }
                var tree = queue.TreeKey(court);
                if (!trees.TryGetValue(tree, out var state))
                {
                    var record = await queue.ReadAsync(tree, cancellationToken).ConfigureAwait(false);
                    trees[tree] = state = (record, record.Active is { } active
                        && await aggregations.StateAsync(active, cancellationToken).ConfigureAwait(false) == AggregationInstanceState.Active);
                }
                if (state.Busy)
                {
                    recounting.Add($"{court} {report.Period}");
                    continue;
                }
                using var pdf = new MemoryStream();
                if (await render.RunAsync(court, report.Period, settings.Comparison, pdf, cancellationToken).ConfigureAwait(false) is null)
                {
                    withoutData.Add($"{court} {report.Period}");
                    continue;
                }
                // A recount asked for while the report was being read may have rewritten some of what it read: keep
                // nothing this time, and render the report again at the first tick after that run.
                if (await queue.ReadAsync(tree, cancellationToken).ConfigureAwait(false) != state.Record)
                {
                    trees[tree] = (state.Record, true);
                    recounting.Add($"{court} {report.Period}");
                    continue;
                }
                pdf.Position = 0;
                if (await archive.TryAddAsync(court, report.Period, pdf, cancellationToken).ConfigureAwait(false)
                    && await archive.FindAsync(court, report.Period, cancellationToken).ConfigureAwait(false) is { } stored)
                {
                    rendered.Add(stored);
                }
            }
        }
        return new ScheduledRendering(rendered, due, withoutData, recounting);
    }
}
