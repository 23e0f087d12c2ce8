namespace Reporting.Core.Periods;

/// <summary>
/// China Standard Time (UTC+8, no daylight saving): the courts' calendar. A fixed zone rather than the system's
/// "Asia/Shanghai", so that a host without time-zone data (a slim container) computes the same days.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.CreateCustomTimeZone("CST", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);
}
