namespace Reporting.Pipeline.Aggregate;

/// <summary>A numerator, a denominator and their quotient (null when the denominator is 0).</summary>
public sealed record StoredValue(double Numerator, double Denominator, double? Value);

/// <summary>
/// One indicator of one court and period, with the same period a year earlier (同比) and the preceding one (环比): the
/// counts only. Trend, 合理区间 and 异动 are judged when read, with the catalogue in force (a new range or threshold
/// applies without a recount), so they are not stored.
/// </summary>
public sealed record StoredIndicator(string Id, StoredValue Current, StoredValue YearEarlier, StoredValue Preceding);

/// <summary>Counted cases filed in, closed in and pending at the end of a period.</summary>
public sealed record StoredCaseload(double Filed, double Closed, double Pending);

/// <summary>One case category (criminal, civil, administrative, enforcement, other) of a court and period, with both earlier periods.</summary>
public sealed record StoredCategory(string Category, StoredCaseload Current, StoredCaseload YearEarlier, StoredCaseload Preceding);

/// <summary>One indicator of a 承办部门 for the document's period.</summary>
public sealed record StoredDivisionIndicator(string Id, StoredValue Current);

/// <summary>
/// One 承办部门 of a court's scope (the same name in several courts summed; null: cases that name none), for the
/// report's drill-down of attention items. Earlier periods are in their own documents.
/// </summary>
public sealed record StoredDivision(string? Name, IReadOnlyList<StoredDivisionIndicator> Indicators);

/// <summary>
/// The aggregates of one court (its whole scope) and one period: the unit the aggregation writes and the API reads.
/// Its key is court + period, so a rerun overwrites it with the same content.
/// </summary>
public sealed record AggregateDocument(
    string Court, string Period, string YearEarlierPeriod, string PrecedingPeriod, string CatalogueVersion,
    DateTimeOffset ComputedAt, string RunId, IReadOnlyList<StoredIndicator> Indicators)
{
    public string Id => $"{Court}:{Period}";

    /// <summary>Caseload by category (总体情况); empty in documents written before it was counted.</summary>
    public IReadOnlyList<StoredCategory> Caseload { get; init; } = [];

    /// <summary>Indicators by 承办部门; empty when the scope's data names no division, and in documents written before they were counted.</summary>
    public IReadOnlyList<StoredDivision> Divisions { get; init; } = [];
}

/// <summary>A run of the aggregation: what it computed and how it ended.</summary>
public sealed record AggregationRunRecord(string RunId, DateTimeOffset Started, DateTimeOffset? Finished, string Status, int Courts,
    IReadOnlyList<string> Periods, string? Error);

/// <summary>The aggregate store: aggregates by court and period, and the record of each aggregation run.</summary>
public interface IAggregateStore
{
    /// <summary>Writes documents; each replaces the one with its court and period, all or nothing.</summary>
    Task UpsertAsync(IReadOnlyCollection<AggregateDocument> documents, CancellationToken cancellationToken = default);

    Task<AggregateDocument?> GetAsync(string court, string period, CancellationToken cancellationToken = default);

    /// <summary>Periods stored for a court, in their text order.</summary>
    Task<IReadOnlyList<string>> PeriodsAsync(string court, CancellationToken cancellationToken = default);

    Task RecordRunAsync(AggregationRunRecord run, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AggregationRunRecord>> RunsAsync(int latest, CancellationToken cancellationToken = default);

    /// <summary>
    /// A text that changes whenever a run is recorded (started, ended): the aggregates' version, by which the answer
    /// cache keeps answers. By default the latest runs' ids, states and ends; a store that reads those dearly says it
    /// more cheaply.
    /// </summary>
    async Task<string> VersionAsync(CancellationToken cancellationToken = default)
    {
        var runs = await RunsAsync(64, cancellationToken).ConfigureAwait(false);
        return runs.Count == 0 ? "none" : string.Join(";", runs.Select(r => $"{r.RunId}|{r.Status}|{r.Finished:O}"));
    }
}
