using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Core.Periods;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Curated;

namespace Reporting.Host.Cli;

/// <summary><c>reporting aggregate [--period P]... [--data DIR]</c>: without --period, every period the data covers.</summary>
public static class AggregateCommand
{
    public static Command Create(CliContext context)
    {
        var periods = new Option<string[]>("--period")
        {
            Description = "期间（可多次）：2024-12、2024-Q4、2024、2024-01..2024-11 / period (repeatable)",
            AllowMultipleArgumentsPerToken = false,
        };
        var data = ReportingCli.DataOption();
        var command = new Command("aggregate", "计算各法院各期间的指标并入库 / compute indicators for every court and period") { periods, data };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var requested = new List<Period>();
            foreach (var text in parse.GetValue(periods) ?? [])
            {
                if (!Period.TryParse(text, out var period))
                {
                    context.Error.WriteLine(ReportingCli.InvalidPeriod(text));
                    return 1;
                }
                requested.Add(period);
            }
            await using var host = await CommandHost.StartAsync(context, parse.GetValue(data)!, cancellationToken).ConfigureAwait(false);
            if (host is null)
            {
                return 1;
            }
            await RunAsync(context, host, requested, cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    internal static async Task<AggregationResult> RunAsync(CliContext context, CommandHost host, IReadOnlyList<Period> periods, CancellationToken cancellationToken)
    {
        var aggregation = host.Services.GetRequiredService<AggregateIndicators>();
        AggregationResult result;
        using (var progress = new TerminalProgress(context, "读取案件 / reading cases", rows: await CuratedCasesAsync(host, cancellationToken).ConfigureAwait(false)))
        {
            result = await aggregation.RunAsync(periods, progress, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        var kinds = result.Periods.GroupBy(p => p.Kind).Select(g => $"{g.Count()} {Kind(g.Key)}");
        var span = result.Periods.Count == 0 ? "" : $"{result.Periods.Min(p => p.Start):yyyy-MM}..{result.Periods.Max(p => p.End):yyyy-MM}";
        context.Out.WriteLine($"已汇总 {result.Cases:N0} 件案件：{result.Courts.Count} 个法院 × {result.Periods.Count} 个期间（{string.Join("、", kinds)}，{span}），" +
            $"写入 {result.Documents} 条汇总 / aggregated {result.Cases:N0} cases: {result.Courts.Count} courts × {result.Periods.Count} periods, {result.Documents} documents (run {result.RunId})");
        return result;
    }

    /// <summary>The cases the curated manifests hold: what a run reads, for the progress bar.</summary>
    private static async Task<long> CuratedCasesAsync(CommandHost host, CancellationToken cancellationToken)
    {
        var curated = host.Services.GetRequiredService<CuratedZone>();
        var courts = Directory.Exists(Path.Combine(host.Data, CuratedZone.Zone)) ? Directory.GetDirectories(Path.Combine(host.Data, CuratedZone.Zone)) : [];
        long cases = 0;
        foreach (var court in courts)
        {
            var (manifest, _) = await curated.ReadManifestAsync(Path.GetFileName(court), cancellationToken).ConfigureAwait(false);
            cases += manifest.Windows.Values.Sum(w => w.Cases);
        }
        return cases;
    }

    private static string Kind(PeriodKind kind) => kind switch
    {
        PeriodKind.Month => "月/months",
        PeriodKind.Quarter => "季/quarters",
        PeriodKind.Year => "年/years",
        PeriodKind.MonthRange => "区间/ranges",
    };
}
