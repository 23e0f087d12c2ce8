using System.Text.Json;
using Reporting.Ingestion.Reports;
using Reporting.Pipeline.Files;
using Reporting.Pipeline.Json;

namespace Reporting.Pipeline.Ingest;

/// <summary>
/// The ingestion reports and quarantine files of every upload: ingest-reports/{court}/{window}/{ingestionId}.json and
/// .quarantine.csv, written by <see cref="IngestExport"/> and listed by the API.
/// </summary>
public sealed class IngestionReports(IFileStore files)
{
    public const string Zone = "ingest-reports";

    public async Task<IngestionReport> StoreAsync(IngestionReport report, string court, string window, string? quarantineFile,
        CancellationToken cancellationToken)
    {
        var folder = StorePath.Join(Zone, StorePath.Segment(court, "法院代字"), StorePath.Segment(window, "窗口"));
        string? quarantinePath = null;
        if (quarantineFile is not null)
        {
            quarantinePath = $"{folder}/{report.IngestionId}.quarantine.csv";
            await using var content = File.OpenRead(quarantineFile);
            await files.WriteAsync(quarantinePath, content, cancellationToken).ConfigureAwait(false);
        }
        var reportPath = $"{folder}/{report.IngestionId}.json";
        report = report with { QuarantineFile = quarantinePath, ReportFile = reportPath };
        using var json = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(report, ReportingJson.Indented));
        await files.WriteAsync(reportPath, json, cancellationToken).ConfigureAwait(false);
        return report;
    }

    public async Task<IngestionReport> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = await files.OpenReadAsync(path, cancellationToken).ConfigureAwait(false);
        return await JsonSerializer.DeserializeAsync<IngestionReport>(stream, ReportingJson.Indented, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException($"empty ingestion report: {path}");
    }

    /// <summary>A court's reports, latest first.</summary>
    public async Task<IReadOnlyList<IngestionReport>> LatestAsync(string court, int count, CancellationToken cancellationToken = default)
    {
        var reports = new List<IngestionReport>();
        await foreach (var file in files.ListAsync($"{Zone}/{StorePath.Segment(court, "法院代字")}/", cancellationToken).ConfigureAwait(false))
        {
            if (file.Path.EndsWith(".json", StringComparison.Ordinal))
            {
                reports.Add(await ReadAsync(file.Path, cancellationToken).ConfigureAwait(false));
            }
        }
        return reports.OrderByDescending(r => r.IngestedAt).Take(count).ToList();
    }
}
