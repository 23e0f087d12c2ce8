using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Core.Indicators;
using Reporting.Core.Periods;
using Reporting.Ingestion.Reports;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Curated;
using Reporting.Pipeline.Ingest;
using Reporting.Pipeline.Reports;
using Reporting.Storage.Local;
using Reporting.Synthetic;

namespace Reporting.Host.Cli;

/// <summary>
/// <c>reporting demo [--out DIR] [--data DIR]</c>: generate the demo province, ingest it and aggregate it on embedded
/// defaults, print the high court's headline table, and render the high court's and one intermediate court's reports
/// (also filed in the report archive, so that <c>reporting serve</c> lists them).
/// </summary>
public static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string?>("--out") { Description = "示例导出目录（默认 <data>/demo-exports）/ where the demo exports are written" };
        var data = ReportingCli.DataOption();
        var command = new Command("demo", "生成示例省份数据，导入、汇总并生成报告 / generate the demo province, ingest, aggregate and render reports") { output, data };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var host = await CommandHost.StartAsync(context, parse.GetValue(data)!, cancellationToken).ConfigureAwait(false);
            if (host is null)
            {
                return 1;
            }
            var exports = parse.GetValue(output) ?? Path.Combine(host.Data, "demo-exports");
            var reference = host.Services.GetRequiredService<ReferenceData>();
            var registry = reference.Registry;
            context.Out.WriteLine($"1/4 生成示例数据 / generating the demo province ({(reference.DemoRegistry ? "示例法院名录 / demo registry" : new DataFolderReference(host.Data).RegistryPath)})");
            var generated = GenerateCommand.Generate(context, registry, exports, new GeneratorOptions());
            if (generated != 0)
            {
                return generated;
            }
            context.Out.WriteLine("2/4 导入 / ingesting");
            var files = Directory.EnumerateFiles(exports, "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".csv", StringComparison.Ordinal) || f.EndsWith(".xlsx", StringComparison.Ordinal) || f.EndsWith(".jsonl", StringComparison.Ordinal))
                .OrderBy(f => Path.GetFileName(Path.GetDirectoryName(f)), StringComparer.Ordinal)
                .ThenBy(f => f, StringComparer.Ordinal)
                .ToList();
            var (reports, exit) = await IngestCommand.IngestAsync(context, host, files, null, null, printText: false, cancellationToken).ConfigureAwait(false);
            var byStatus = reports.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count());
            context.Out.WriteLine($"  文件 {reports.Count} 个：接收 {byStatus.GetValueOrDefault(IngestionStatus.Accepted)}，部分接收 {byStatus.GetValueOrDefault(IngestionStatus.Partial)}，" +
                $"拒收 {byStatus.GetValueOrDefault(IngestionStatus.Rejected)}，此前已导入 {reports.Count(r => r.AlreadyIngested)} / " +
                $"{reports.Count} files: {byStatus.GetValueOrDefault(IngestionStatus.Accepted)} accepted, {byStatus.GetValueOrDefault(IngestionStatus.Partial)} partial, " +
                $"{byStatus.GetValueOrDefault(IngestionStatus.Rejected)} rejected, {reports.Count(r => r.AlreadyIngested)} already ingested");
            context.Out.WriteLine($"  行 / rows: {reports.Sum(r => r.RowsRead):N0} 读取 read, {reports.Sum(r => r.RowsAccepted):N0} 接收 accepted");
            context.Out.WriteLine("3/4 汇总 / aggregating");
            var aggregated = await AggregateCommand.RunAsync(context, host, [], cancellationToken).ConfigureAwait(false);
            var high = registry.Roots.First().Code;
            var year = aggregated.Periods.Where(p => p.Kind == PeriodKind.Year).Max(p => p.FirstMonth) / 12;
            var headline = await host.Services.GetRequiredService<QueryIndicators>().RunAsync(high, Period.Year(year), Comparison.YearOnYear, children: false, cancellationToken).ConfigureAwait(false);
            if (headline is not null)
            {
                context.Out.WriteLine();
                context.Out.Write(QueryCommand.Table(headline, Comparison.YearOnYear, reference.Catalog, includeExtras: false));
                context.Out.WriteLine();
            }
            context.Out.WriteLine("4/4 生成报告 / rendering reports");
            var intermediate = registry.ChildrenOf(high).FirstOrDefault(c => registry.ChildrenOf(c.Code).Count > 0)?.Code;
            var rendered = new List<string>();
            var courts = new[] { high, intermediate }.OfType<string>().ToList();
            using (var progress = new TerminalProgress(context, "生成报告 / rendering", courts.Count, RenderCommand.Units))
            {
                foreach (var code in courts)
                {
                    var path = Path.Combine(host.Data, "reports", $"{code}-{year}.pdf");
                    if (await RenderCommand.RunAsync(context, host, code, Period.Year(year), Comparison.YearOnYear, path, cancellationToken, progress).ConfigureAwait(false) is null)
                    {
                        return 1;
                    }
                    rendered.Add(path);
                    // Filed in the report archive too, where `reporting serve` and its dashboard list reports for download.
                    await using var pdf = File.OpenRead(path);
                    await host.Services.GetRequiredService<ReportArchive>().ReplaceAsync(code, Period.Year(year), pdf, cancellationToken).ConfigureAwait(false);
                }
            }
            context.Out.WriteLine($"结果 / results:");
            context.Out.WriteLine($"  示例导出 / demo exports:   {Path.GetFullPath(exports)}");
            context.Out.WriteLine($"  规范化案件 / curated cases: {Path.Combine(host.Data, CuratedZone.Zone)}");
            context.Out.WriteLine($"  导入报告 / ingestion reports: {Path.Combine(host.Data, IngestionReports.Zone)}");
            context.Out.WriteLine($"  指标汇总 / aggregates:       {Path.Combine(host.Data, LocalStorageServices.AggregatesFile)}  (reporting query --court {high} --period {year} --data {host.Data})");
            foreach (var report in rendered)
            {
                context.Out.WriteLine($"  态势分析报告 / report:       {Path.GetFullPath(report)}");
            }
            return exit;
        });
        return command;
    }
}
