using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Core.Courts;
using Reporting.Core.Indicators;
using Reporting.Core.Periods;
using Reporting.Pdf.Fonts;
using Reporting.Pdf.Layout;
using Reporting.Pipeline.Reports;

namespace Reporting.Host.Cli;

/// <summary><c>reporting render --court CODE --period P --out FILE.pdf [--compare yoy|mom] [--data DIR]</c>.</summary>
public static class RenderCommand
{
    /// <summary>The unit of the rendering bar.</summary>
    public const string Units = "份/reports";

    public static Command Create(CliContext context)
    {
        var court = new Option<string>("--court") { Description = "法院代字 / court code", Required = true };
        var period = new Option<string>("--period") { Description = "期间 / period: 2024-12, 2024-Q4, 2024, 2024-01..2024-11", Required = true };
        var output = new Option<string>("--out") { Description = "输出 PDF 文件 / the PDF file to write", Required = true };
        var compare = new Option<string>("--compare") { Description = "yoy（同比）| mom（环比）", DefaultValueFactory = _ => "yoy" };
        compare.AcceptOnlyFromAmong("yoy", "mom");
        var data = ReportingCli.DataOption();
        var command = new Command("render", "生成审判态势分析报告（PDF）/ render the situation-analysis report as PDF") { court, period, output, compare, data };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!Period.TryParse(parse.GetValue(period), out var p))
            {
                context.Error.WriteLine(ReportingCli.InvalidPeriod(parse.GetValue(period)));
                return 1;
            }
            var comparison = parse.GetValue(compare) == "mom" ? Comparison.PeriodOnPeriod : Comparison.YearOnYear;
            await using var host = await CommandHost.StartAsync(context, parse.GetValue(data)!, cancellationToken).ConfigureAwait(false);
            if (host is null)
            {
                return 1;
            }
            return await RunAsync(context, host, parse.GetValue(court)!, p, comparison, parse.GetValue(output)!, cancellationToken)
                .ConfigureAwait(false) is null ? 1 : 0;
        });
        return command;
    }

    /// <param name="progress">The caller's progress over several reports (the demo's); by default this one report's.</param>
    internal static async Task<RenderedReport?> RunAsync(CliContext context, CommandHost host, string court, Period period, Comparison comparison, string path,
        CancellationToken cancellationToken, TerminalProgress? progress = null)
    {
        using var own = progress is null ? new TerminalProgress(context, "生成报告 / rendering", 1, Units) : null;
        progress ??= own!;
        try
        {
            var registry = host.Services.GetRequiredService<CourtRegistry>();
            var render = host.Services.GetRequiredService<RenderSituationReport>();
            progress.Report(0);
            var rendered = await render.ToFileAsync(court, period, comparison, path, cancellationToken).ConfigureAwait(false);
            progress.ItemDone();
            progress.Clear();
            if (rendered is null)
            {
                context.Error.WriteLine(ReportingCli.NoAggregates(court, period, registry.Contains(court)));
                return null;
            }
            context.Out.WriteLine($"已生成 {Path.GetFullPath(path)}：{rendered.Report.Cover.Title}，{rendered.Pages} 页，{rendered.Bytes / 1024.0:0.0} KB / " +
                $"wrote {rendered.Pages} pages, {rendered.Bytes:N0} bytes");
            return rendered;
        }
        catch (Exception e) when (e is FontNotFoundException or MissingGlyphException or LayoutException)
        {
            context.Error.WriteLine(e.Message);
            return null;
        }
    }
}
