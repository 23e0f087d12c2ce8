using Reporting.Ingestion.Validation;

namespace Reporting.Ingestion.Reports;

public static class IngestionStatus
{
    public const string Accepted = "accepted";
    public const string Partial = "partial";
    public const string Rejected = "rejected";
}

public sealed record ReportError(int? Row, string? Column, string? Value, string Reason, string ReasonZh, string ReasonEn)
{
    public static ReportError From(RowError e) => new(e.Row, e.Column, e.Value, e.Reason, e.ReasonZh, e.ReasonEn);
}

/// <summary>
/// The ingestion report (JSON): the contract of <c>reporting ingest --format json</c> and of ingest-reports/.
/// Names file, row, column, value and reason (Chinese, then English) for every rejected row.
/// </summary>
public sealed record IngestionReport
{
    public required string File { get; init; }
    public required string Court { get; init; }
    public string? Window { get; init; }
    /// <summary>SHA-256 of the file's bytes: the ledger key; the same file uploaded twice has the same id.</summary>
    public required string IngestionId { get; init; }
    public string? Format { get; init; }
    public string? Encoding { get; init; }
    public required string Status { get; init; }
    /// <summary>Why the whole file was rejected (rejected only), Chinese / English.</summary>
    public string? Reason { get; init; }
    public long RowsRead { get; init; }
    public long RowsAccepted { get; init; }
    public long RowsRejected { get; init; }
    /// <summary>Distinct cases written to the curated zone (identical duplicate rows count once).</summary>
    public long CasesStored { get; init; }
    /// <summary>Every column not stored: personal data first, then unknown columns.</summary>
    public IReadOnlyList<string> DroppedColumns { get; init; } = [];
    public IReadOnlyList<string> PersonalColumns { get; init; } = [];
    public IReadOnlyList<string> UnknownColumns { get; init; } = [];
    public IReadOnlyList<ReportError> Errors { get; init; } = [];
    /// <summary>Things the court should know that reject nothing (Chinese / English).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary>Row errors beyond those listed in <see cref="Errors"/> (the quarantine file holds them all).</summary>
    public long ErrorsNotListed { get; init; }
    public DateTimeOffset UploadedAt { get; init; }
    public DateTimeOffset IngestedAt { get; init; }
    /// <summary>True when this exact file had been ingested before and nothing was done this time.</summary>
    public bool AlreadyIngested { get; init; }
    public string? CuratedFile { get; init; }
    public string? QuarantineFile { get; init; }
    public string? ReportFile { get; init; }
}
