namespace Reporting.Ingestion.Validation;

/// <summary>Why a row (or, with <see cref="Row"/> null, the whole file) was rejected. Chinese first, then English.</summary>
public sealed record RowError(int? Row, string? Column, string? Value, string ReasonZh, string ReasonEn)
{
    public string Reason => $"{ReasonZh} / {ReasonEn}";
}
