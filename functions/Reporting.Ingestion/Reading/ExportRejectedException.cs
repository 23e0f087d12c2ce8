namespace Reporting.Ingestion.Reading;

/// <summary>The file cannot be ingested at all; nothing of it is stored. Messages are for a court clerk, Chinese first.</summary>
public sealed class ExportRejectedException(string reasonZh, string reasonEn, int? row = null, string? column = null)
    : Exception($"{reasonZh} / {reasonEn}")
{
    public string ReasonZh { get; } = reasonZh;
    public string ReasonEn { get; } = reasonEn;
    public int? Row { get; } = row;
    public string? Column { get; } = column;

    /// <summary>The format the file was read as, when it got that far: a report names it beside the reason.</summary>
    public ExportFormat? Format { get; private init; }

    /// <summary>The encoding the file was decoded with, when it got that far (garbled headers often mean a wrong one).</summary>
    public string? Encoding { get; private init; }

    /// <summary>The same refusal, saying how the file was read.</summary>
    public ExportRejectedException ReadAs(ExportFormat format, string encoding) =>
        new(ReasonZh, ReasonEn, Row, Column) { Format = format, Encoding = encoding };
}
