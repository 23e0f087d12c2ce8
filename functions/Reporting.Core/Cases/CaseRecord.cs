namespace Reporting.Core.Cases;

/// <summary>
/// One normalised case (件) as stored in the curated zone: only the columns of export format v1, never personal data.
/// Case numbers are in normal form; dates are calendar dates in China Standard Time.
/// </summary>
public sealed record CaseRecord
{
    public required CaseNumber CaseNumber { get; init; }
    public required DateOnly FilingDate { get; init; }
    public DateOnly? ClosingDate { get; init; }
    public Disposition? Disposition { get; init; }
    public DateOnly? DeadlineDate { get; init; }
    public CaseNumber? OriginCaseNumber { get; init; }
    public bool? HearingHeld { get; init; }
    public DateOnly? AppealDate { get; init; }
    public DateOnly? TransferDate { get; init; }
    public decimal? ClaimedAmount { get; init; }
    public decimal? RecoveredAmount { get; init; }
    public string? Cause { get; init; }
    public string? Division { get; init; }
    public string? Judge { get; init; }

    /// <summary>The court the case belongs to (its 案号's court, or the uploading court for a legacy number).</summary>
    public required string Court { get; init; }

    public CaseStage Stage => CaseNumber.Stage;

    public bool IsPendingAt(DateOnly day) => FilingDate <= day && (ClosingDate is null || ClosingDate > day);
}
