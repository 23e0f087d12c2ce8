using Reporting.Core.Indicators;
using Reporting.Core.Periods;
using Reporting.Core.Reports;
using Reporting.Pdf.Fonts;
using Reporting.Pdf.Reports;

namespace Reporting.Pipeline.Reports;

/// <summary>What a rendering wrote: the report it rendered, its page count and size.</summary>
public sealed record RenderedReport(SituationReport Report, int Pages, long Bytes);

/// <summary>Composes a court's situation report from the aggregate store and writes it as PDF.</summary>
public sealed class RenderSituationReport(ComposeSituationReport compose, FontLibrary fonts, TimeProvider clock)
{
    /// <returns>null, writing nothing, when nothing is stored for the court and period.</returns>
    public async Task<RenderedReport?> RunAsync(string court, Period period, Comparison comparison, Stream output, CancellationToken cancellationToken = default)
    {
        var report = await compose.RunAsync(court, period, comparison, cancellationToken).ConfigureAwait(false);
        if (report is null)
        {
            return null;
        }
        var start = output.CanSeek ? output.Position : 0;
        var layout = SituationReportDocument.Create(report).GeneratePdf(output, fonts, clock);
        return new RenderedReport(report, layout.Pages, output.CanSeek ? output.Position - start : 0);
    }

    /// <summary>Writes the report to a file whole or not at all: a failed rendering leaves an earlier file as it was.</summary>
    public async Task<RenderedReport?> ToFileAsync(string court, Period period, Comparison comparison, string path, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".partial";
        try
        {
            RenderedReport? rendered;
            await using (var file = File.Create(temporary))
            {
                rendered = await RunAsync(court, period, comparison, file, cancellationToken).ConfigureAwait(false);
            }
            if (rendered is null)
            {
                File.Delete(temporary);
                return null;
            }
            File.Move(temporary, full, overwrite: true);
            return rendered;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
