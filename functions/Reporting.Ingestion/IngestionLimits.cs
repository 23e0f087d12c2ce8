using Microsoft.Extensions.Configuration;

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
    /// <summary>Bytes of an XLSX file's shared strings kept in memory; the rest is read from a temporary file.</summary>
    public long XlsxSharedStringsInMemoryBytes { get; init; } = 64L * 1024 * 1024;

    public const string Section = "Ingestion";

    /// <summary>
    /// Reads section "Ingestion" (Ingestion:MaxFileBytes …; as environment variables Ingestion__MaxFileBytes …).
    /// Missing names keep their defaults; a malformed value is an error naming the setting.
    /// </summary>
    public static IngestionLimits Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        Func<string, string?> setting = name => section[name];
        var limits = new IngestionLimits();
        return limits with
        {
            MaxRejectedShare = ReadShare(setting, nameof(MaxRejectedShare), limits.MaxRejectedShare),
            MaxFileBytes = Read(setting, nameof(MaxFileBytes), limits.MaxFileBytes, long.Parse),
            MaxXlsxUnpackedBytes = Read(setting, nameof(MaxXlsxUnpackedBytes), limits.MaxXlsxUnpackedBytes, long.Parse),
            MaxXlsxCompressionRatio = Read(setting, nameof(MaxXlsxCompressionRatio), limits.MaxXlsxCompressionRatio, double.Parse),
            MaxRecordLength = Read(setting, nameof(MaxRecordLength), limits.MaxRecordLength, int.Parse),
            MaxFieldLength = Read(setting, nameof(MaxFieldLength), limits.MaxFieldLength, int.Parse),
            MaxReportedErrors = Read(setting, nameof(MaxReportedErrors), limits.MaxReportedErrors, int.Parse),
            XlsxSharedStringsInMemoryBytes = Read(setting, nameof(XlsxSharedStringsInMemoryBytes), limits.XlsxSharedStringsInMemoryBytes, long.Parse),
        };
    }

    /// <summary>A share from 0 to 1: 0 refuses a file for its first bad row, 1 never refuses one for its rows.</summary>
    private static double ReadShare(Func<string, string?> setting, string name, double fallback)
    {
        var text = setting(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        return double.TryParse(text.Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var share)
            && share is >= 0 and <= 1
            ? share
            : throw new ArgumentException($"设置 Ingestion:{name} 的值“{text}”无效（应为0到1之间的比例）/ setting Ingestion:{name} has an invalid value '{text}' (expected a share from 0 to 1)");
    }

    private static T Read<T>(Func<string, string?> setting, string name, T fallback, Func<string, IFormatProvider, T> parse)
        where T : IComparable<T>
    {
        var text = setting(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        try
        {
            var value = parse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture);
            return value.CompareTo(default!) > 0 ? value : throw new FormatException();
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new ArgumentException($"设置 Ingestion:{name} 的值“{text}”无效（应为正数）/ setting Ingestion:{name} has an invalid value '{text}' (expected a positive number)", e);
        }
    }
}
