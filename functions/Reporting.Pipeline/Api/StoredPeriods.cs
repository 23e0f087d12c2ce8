
namespace Reporting.Pipeline.Api;

/// <summary>The periods a court has aggregates for, each kind in time order: what a period picker offers.</summary>
public sealed record StoredPeriods(string Court, string CourtName, IReadOnlyList<string> Months, IReadOnlyList<string> Quarters, IReadOnlyList<string> Years,
    IReadOnlyList<string> Ranges);
