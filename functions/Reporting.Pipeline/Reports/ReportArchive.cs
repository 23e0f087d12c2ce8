using Reporting.Core.Periods;
using Reporting.Pipeline.Files;

namespace Reporting.Pipeline.Reports;

/// <summary>A rendered report in the archive.</summary>
public sealed record ArchivedReport(string Court, string Period, string Path, long Bytes, DateTimeOffset RenderedAt)
{
    /// <summary>The name a download is saved under.</summary>
    public string FileName => $"审判态势分析报告-{Court}-{Period}.pdf";
}

/// <summary>Rendered reports in the file store, one per court and period: reports/{court}/{period}.pdf.</summary>
public sealed class ReportArchive(IFileStore files)
{
    public const string Zone = "reports";

    public static string PathOf(string court, Period period) => StorePath.Join(Zone, StorePath.Segment(court, "court"), $"{period}.pdf");

    /// <summary>Stores a report only when none is stored for its court and period; false when one already was.</summary>
    public async Task<bool> TryAddAsync(string court, Period period, Stream pdf, CancellationToken cancellationToken = default) =>
        await files.TryWriteAsync(PathOf(court, period), pdf, expectedVersion: null, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Stores a report in place of any stored for its court and period: an operator's explicit rendering (the CLI's demo).</summary>
    public Task ReplaceAsync(string court, Period period, Stream pdf, CancellationToken cancellationToken = default) =>
        files.WriteAsync(PathOf(court, period), pdf, cancellationToken);

    public async Task<ArchivedReport?> FindAsync(string court, Period period, CancellationToken cancellationToken = default) =>
        await files.GetInfoAsync(PathOf(court, period), cancellationToken).ConfigureAwait(false) is { } info
            ? new ArchivedReport(court, period.ToString(), info.Path, info.Length, info.LastModified)
            : null;

    /// <summary>The court's reports, latest period first.</summary>
    public async Task<IReadOnlyList<ArchivedReport>> ListAsync(string court, CancellationToken cancellationToken = default)
    {
        var prefix = StorePath.Join(Zone, StorePath.Segment(court, "court")) + "/";
        var reports = new List<(Period Period, ArchivedReport Report)>();
        await foreach (var file in files.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            var name = file.Path[prefix.Length..];
            if (name.EndsWith(".pdf", StringComparison.Ordinal) && Period.TryParse(name[..^4], out var period))
            {
                reports.Add((period, new ArchivedReport(court, period.ToString(), file.Path, file.Length, file.LastModified)));
            }
        }
        return reports.OrderByDescending(r => r.Period.End).ThenByDescending(r => r.Period.Months).Select(r => r.Report).ToList();
    }

    public Task<Stream> OpenAsync(ArchivedReport report, CancellationToken cancellationToken = default) => files.OpenReadAsync(report.Path, cancellationToken);
}
