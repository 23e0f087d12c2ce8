using Reporting.Core.Courts;
using Reporting.Core.Indicators;

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
    /// Reads the settings through a lookup (an IConfiguration's indexer; environment variables spell ':' as '__').
    /// Unset schedules take the defaults; an empty or "off" one is off.
    /// </summary>
    /// <exception cref="FormatException">A value is malformed; the message names the setting.</exception>
    public static ReportSettings Read(Func<string, string?> setting)
    {
        var schedule = ReportSchedule.Parse(setting(MonthlyScheduleKey) ?? ReportSchedule.DefaultMonthly, setting(QuarterlyScheduleKey) ?? ReportSchedule.DefaultQuarterly);
        var compare = setting(CompareKey);
        var comparison = Comparison.YearOnYear;
        if (!string.IsNullOrWhiteSpace(compare) && !Api.AnalystApi.TryComparison(compare, out comparison))
        {
            throw new FormatException($"设置 {CompareKey} 只能是 yoy（同比）或 mom（环比），而不是“{compare}” / setting {CompareKey} must be yoy or mom, not '{compare}'");
        }
        var courts = (setting(CourtsKey) ?? "").Split([',', '，', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new ReportSettings(schedule, comparison, courts);
    }
}

/// <summary>What one scheduled tick rendered, and what it could not render yet for want of aggregates.</summary>
public sealed record ScheduledRendering(IReadOnlyList<ArchivedReport> Rendered, IReadOnlyList<DueReport> Due, IReadOnlyList<string> WithoutData);

/// <summary>
/// The report timer's work: every report due within the look-back that is not yet in the archive is rendered and
/// stored once (a create-only write, so two hosts ticking together store one). A court without aggregates for the
/// period is skipped and tried again at the next tick, until the look-back has passed.
/// </summary>
public sealed class RenderDueReports(RenderSituationReport render, ReportArchive archive, CourtRegistry registry, ReportSettings settings, TimeProvider clock)
{
    public async Task<ScheduledRendering> RunAsync(CancellationToken cancellationToken = default)
    {
        var due = settings.Schedule.Due(clock.GetUtcNow(), ReportSettings.LookBack);
        var courts = settings.Courts.Count > 0 ? settings.Courts : registry.Roots.Select(c => c.Code).ToList();
        var rendered = new List<ArchivedReport>();
        var withoutData = new List<string>();
        foreach (var report in due)
        {
            foreach (var court in courts)
            {
                if (await archive.FindAsync(court, report.Period, cancellationToken).ConfigureAwait(false) is not null)
                {
                    continue;
                }
                using var pdf = new MemoryStream();
                if (await render.RunAsync(court, report.Period, settings.Comparison, pdf, cancellationToken).ConfigureAwait(false) is null)
                {
                    withoutData.Add($"{court} {report.Period}");
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
        return new ScheduledRendering(rendered, due, withoutData);
    }
}
