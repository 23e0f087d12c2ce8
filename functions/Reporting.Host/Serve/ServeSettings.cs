using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Reporting.Host.Serve;

/// <summary>How often serve's watcher looks for exports and its schedule ticks (settings Reporting:Serve:*).</summary>
public sealed record ServeSettings(TimeSpan Poll, TimeSpan Tick)
{
    public const string PollSecondsKey = "Reporting:Serve:PollSeconds";
    public const string TickSecondsKey = "Reporting:Serve:TickSeconds";

    /// <exception cref="FormatException">A value is not a positive number of seconds; the message names the setting.</exception>
    public static ServeSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new ServeSettings(Seconds(configuration, PollSecondsKey, 2), Seconds(configuration, TickSecondsKey, 30));
    }

    private static TimeSpan Seconds(IConfiguration configuration, string key, double fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return TimeSpan.FromSeconds(fallback);
        }
        return double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds < TimeSpan.MaxValue.TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new FormatException($"设置 {key} 应为正的秒数，而不是“{text}” / setting {key} must be a positive number of seconds, not '{text}'");
    }
}
