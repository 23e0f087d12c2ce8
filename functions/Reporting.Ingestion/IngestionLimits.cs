namespace Reporting.Ingestion;

/// <summary>Limits of export format v1; every default is the format's. Bound from settings section "Ingestion".</summary>
public sealed record IngestionLimits
{
    /// <summary>A file with a larger share of rejected rows is rejected whole.</summary>
    public double MaxRejectedShare { get; init; } = 0.20;
    public long MaxFileBytes { get; init; } = 512L * 1024 * 1024;
    public long MaxXlsxUnpackedBytes { get; init; } = 1024L * 1024 * 1024;
    public double MaxXlsxCompressionRatio { get; init; } = 100;
    /// <summary>Longest record (CSV row, XLSX row, JSON line) in characters or bytes.</summary>
    public int MaxRecordLength { get; init; } = 1024 * 1024;
    public int MaxFieldLength { get; init; } = 4000;
    /// <summary>Row errors kept in the report; the quarantine file always holds every rejected row.</summary>
    public int MaxReportedErrors { get; init; } = 10_000;
}
