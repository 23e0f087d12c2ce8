namespace Reporting.Core.Courts;

/// <summary>A court of the registry. <see cref="Parent"/> is null for a root (a high court, or 最高法).</summary>
public sealed record Court(string Code, string Name, CourtLevel Level, string? Parent)
{
    public bool IsSpecialised => CourtCode.IsSpecialisedIntermediate(Code);
}
