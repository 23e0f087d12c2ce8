using Cronos;
using Reporting.Core.Periods;

namespace Reporting.Pipeline.Reports;

public enum ReportCadence
{
    Monthly,
    Quarterly,
}

/// <summary>A report the schedule asks for: the period just closed when the schedule fired.</summary>
public sealed record DueReport(ReportCadence Cadence, Period Period, DateTimeOffset DueAt);

/// <summary>
/// When situation reports fall due: six-field cron expressions (second minute hour day month weekday, as Azure
/// Functions timers write them) read in China Standard Time, one for monthly and one for quarterly reports. The
/// hosts only tick; this decides, so the function app (whose Linux timers know only UTC) and the local host agree.
/// A monthly occurrence reports on the month before the one it falls in, a quarterly one on the quarter before.
/// </summary>
public sealed class ReportSchedule
{
    public const string DefaultMonthly = "0 0 8 1 * *";
    public const string DefaultQuarterly = "0 0 8 1 1,4,7,10 *";

    private readonly (ReportCadence Cadence, CronExpression Cron)[] _schedules;

    private ReportSchedule((ReportCadence, CronExpression)[] schedules) => _schedules = schedules;

    /// <summary>Reads both expressions; an empty one or "off" turns that cadence off.</summary>
    /// <exception cref="FormatException">An expression is not six-field cron; the message names the setting.</exception>
    public static ReportSchedule Parse(string? monthly, string? quarterly)
    {
        var schedules = new List<(ReportCadence, CronExpression)>();
        foreach (var (cadence, setting, text) in new[]
                 {
                     (ReportCadence.Monthly, "Reporting:Reports:MonthlySchedule", monthly),
                     (ReportCadence.Quarterly, "Reporting:Reports:QuarterlySchedule", quarterly),
                 })
        {
            if (string.IsNullOrWhiteSpace(text) || text.Trim().Equals("off", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            try
            {
                schedules.Add((cadence, CronExpression.Parse(text.Trim(), CronFormat.IncludeSeconds)));
            }
            catch (CronFormatException e)
            {
                throw new FormatException(
                    $"设置 {setting} 的值“{text}”不是六段式 cron（秒 分 时 日 月 周，中国标准时间）/ setting {setting}: '{text}' is not a six-field cron expression " +
                    $"(second minute hour day month weekday, China Standard Time): {e.Message}", e);
            }
        }
        return new ReportSchedule([.. schedules]);
    }

    public static ReportSchedule Default { get; } = Parse(DefaultMonthly, DefaultQuarterly);

    /// <summary>
    /// Every report due at an occurrence in (<paramref name="now"/> − <paramref name="lookBack"/>, <paramref name="now"/>]:
    /// the look-back lets a host that was down at the due time catch up; what was already rendered is the caller's to skip.
    /// </summary>
    public IReadOnlyList<DueReport> Due(DateTimeOffset now, TimeSpan lookBack)
    {
        var due = new List<DueReport>();
        foreach (var (cadence, cron) in _schedules)
        {
            foreach (var at in cron.GetOccurrences(now - lookBack, now, ChinaTime.Zone, fromInclusive: false, toInclusive: true))
            {
                var day = ChinaTime.DateOf(at);
                var period = cadence == ReportCadence.Monthly
                    ? Period.Month(day.Year, day.Month).Preceding()
                    : Period.Quarter(day.Year, (day.Month + 2) / 3).Preceding();
                due.Add(new DueReport(cadence, period, at));
            }
        }
        return due.DistinctBy(d => d.Period).OrderBy(d => d.DueAt).ToList();
    }
}
