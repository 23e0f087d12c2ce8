using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Core.Courts;
using Reporting.Synthetic;
using Reporting.Synthetic.Writers;

namespace Reporting.Host.Cli;

/// <summary><c>reporting generate --out DIR [--months N] [--seed N] [--scale N] [--format …] [--messy]</c>.</summary>
public static class GenerateCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out") { Description = "输出目录 / output folder", Required = true };
        var months = new Option<int>("--months") { Description = "月数 / months simulated (default 24)", DefaultValueFactory = _ => 24 };
        var seed = new Option<int>("--seed") { Description = "随机种子 / seed (default 2024)", DefaultValueFactory = _ => 2024 };
        var scale = new Option<double>("--scale") { Description = "规模倍数 / volume multiplier (default 1)", DefaultValueFactory = _ => 1 };
        var format = new Option<string>("--format") { Description = "csv | csv-gb18030 | xlsx | jsonl", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "csv-gb18030", "xlsx", "jsonl");
        var messy = new Option<bool>("--messy") { Description = "别名表头、混合格式、个人信息列与少量错误行 / alias headers, mixed forms, personal columns and bad rows" };
        var end = new Option<string>("--end") { Description = "最后一个月 yyyy-MM / last month (default 2025-12)", DefaultValueFactory = _ => "2025-12" };
        var court = new Option<string?>("--court") { Description = "只生成该法院 / only this court" };
        var snapshot = new Option<bool>("--snapshot") { Description = "每院一个全量文件 / one full file per court instead of monthly files" };
        var rows = new Option<long?>("--rows") { Description = "总行数上限（自动放大规模）/ stop at this many rows (scale raised to reach it)" };
        var data = ReportingCli.DataOption();
        var command = new Command("generate", "生成示例导出文件 / generate synthetic court exports")
        {
            output, months, seed, scale, format, messy, end, court, snapshot, rows, data,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!DateOnly.TryParseExact(parse.GetValue(end) + "-01", "yyyy-MM-dd", out var endMonth))
            {
                context.Error.WriteLine($"--end 应为 yyyy-MM / --end must be yyyy-MM, got '{parse.GetValue(end)}'");
                return 1;
            }
            var monthCount = parse.GetValue(months);
            var scaleValue = parse.GetValue(scale);
            if (monthCount is < 1 or > 240 || scaleValue <= 0 || scaleValue > 10_000)
            {
                context.Error.WriteLine("--months 应在1–240之间，--scale 应大于0 / --months must be 1–240 and --scale above 0");
                return 1;
            }
            ExportWriters.TryParse(parse.GetValue(format)!, out var fileFormat);
            var options = new GeneratorOptions
            {
                Months = monthCount,
                Seed = parse.GetValue(seed),
                Scale = scaleValue,
                EndMonth = endMonth,
                Format = fileFormat,
                Messy = parse.GetValue(messy),
                Court = parse.GetValue(court),
                Snapshot = parse.GetValue(snapshot),
                Rows = parse.GetValue(rows),
            };
            CourtRegistry registry;
            await using (var host = await CommandHost.StartAsync(context, parse.GetValue(data)!, cancellationToken).ConfigureAwait(false))
            {
                if (host is null)
                {
                    return 1;
                }
                registry = host.Services.GetRequiredService<CourtRegistry>();
            }
            return Generate(context, registry, parse.GetValue(output)!, options);
        });
        return command;
    }

    internal static int Generate(CliContext context, CourtRegistry registry, string outputFolder, GeneratorOptions options)
    {
        IReadOnlyList<GeneratedFile> files;
        using (var progress = new TerminalProgress(context, "生成 / generating"))
        {
            try
            {
                files = new ExportGenerator(registry).Generate(outputFolder, options, progress);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                context.Error.WriteLine(e.Message);
                return 1;
            }
        }
        context.Out.WriteLine($"已生成 {files.Count} 个文件、{files.Sum(f => f.Rows):N0} 行，法院 {files.Select(f => f.Court).Distinct().Count()} 个 / " +
            $"wrote {files.Count} files, {files.Sum(f => f.Rows):N0} rows, {files.Select(f => f.Court).Distinct().Count()} courts → {Path.GetFullPath(outputFolder)}");
        return 0;
    }
}
