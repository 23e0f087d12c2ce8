namespace Reporting.Ingestion.Reading;

/// <summary>The file cannot be ingested at all; nothing of it is stored. Messages are for a court clerk, Chinese first.</summary>
public sealed class ExportRejectedException(string reasonZh, string reasonEn, int? row = null, string? column = null)
    : Exception($"{reasonZh} / {reasonEn}")
{
    public string ReasonZh { get; } = reasonZh;
    public string ReasonEn { get; } = reasonEn;
    public int? Row { get; } = row;
    public string? Column { get; } = column;
}
