namespace Reporting.Core.Courts;

public enum CourtLevel
{
    /// <summary>Not derivable (legacy pre-2016 case numbers carry an abbreviation, not a code).</summary>
    Unknown = 0,
    Supreme,
    High,
    Intermediate,
    Basic,
}

public static class CourtLevels
{
    public static string ChineseName(this CourtLevel level) => level switch
    {
        CourtLevel.Supreme => "最高",
        CourtLevel.High => "高级",
        CourtLevel.Intermediate => "中级",
        CourtLevel.Basic => "基层",
        CourtLevel.Unknown => "未知",
    };

    public static string Id(this CourtLevel level) => level switch
    {
        CourtLevel.Supreme => "supreme",
        CourtLevel.High => "high",
        CourtLevel.Intermediate => "intermediate",
        CourtLevel.Basic => "basic",
        CourtLevel.Unknown => "unknown",
    };

    /// <summary>Accepts the English id or the Chinese name (最高/高级/中级/基层, with or without 法院).</summary>
    public static bool TryParse(string text, out CourtLevel level)
    {
        level = text.Trim().ToLowerInvariant() switch
        {
            "supreme" or "最高" or "最高法院" or "national" => CourtLevel.Supreme,
            "high" or "高级" or "高院" or "高级法院" => CourtLevel.High,
            "intermediate" or "中级" or "中院" or "中级法院" => CourtLevel.Intermediate,
            "basic" or "基层" or "基层法院" => CourtLevel.Basic,
            _ => CourtLevel.Unknown,
        };
        return level != CourtLevel.Unknown;
    }
}
