using System.CommandLine;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Core.Courts;
using Reporting.Core.Indicators;
using Reporting.Core.Periods;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Api;
using Reporting.Pipeline.Json;

namespace Reporting.Host.Cli;

/// <summary>
/// <c>reporting query --court CODE --period P [--compare yoy|mom] [--children] [--format table|json|csv] [--data DIR]</c>.
/// Subordinate courts are listed by court code, never ranked.
/// </summary>
public static class QueryCommand
{
    private static readonly JsonSerializerOptions Json = ReportingJson.Indented;

    public static Command Create(CliContext context)
    {
        var court = new Option<string>("--court") { Description = "法院代字 / court code", Required = true };
        var period = new Option<string>("--period") { Description = "期间 / period: 2024-12, 2024-Q4, 2024, 2024-01..2024-11", Required = true };
        var compare = new Option<string>("--compare") { Description = "yoy（同比）| mom（环比）", DefaultValueFactory = _ => "yoy" };
        compare.AcceptOnlyFromAmong("yoy", "mom");
        var children = new Option<bool>("--children") { Description = "同时列出下辖法院（按代字排序）/ include subordinate courts (by code)" };
        var format = new Option<string>("--format") { Description = "table | json | csv", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var data = ReportingCli.DataOption();
        var command = new Command("query", "查询已汇总的指标 / read aggregated indicators") { court, period, compare, children, format, data };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!Period.TryParse(parse.GetValue(period), out var p))
            {
                context.Error.WriteLine(ReportingCli.InvalidPeriod(parse.GetValue(period)));
                return 1;
            }
            await using var host = await CommandHost.StartAsync(context, parse.GetValue(data)!, cancellationToken).ConfigureAwait(false);
            if (host is null)
            {
                return 1;
            }
            var code = parse.GetValue(court)!;
            var comparison = parse.GetValue(compare) == "mom" ? Comparison.PeriodOnPeriod : Comparison.YearOnYear;
            var row = await host.Services.GetRequiredService<QueryIndicators>().RunAsync(code, p, comparison, parse.GetValue(children), cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                context.Error.WriteLine(ReportingCli.NoAggregates(code, p, host.Services.GetRequiredService<CourtRegistry>().Contains(code)));
                return 1;
            }
            switch (parse.GetValue(format))
            {
                case "json":
                    context.Out.WriteLine(JsonSerializer.Serialize(row with { Children = row.Children ?? [] }, Json));
                    break;
                case "csv":
                    context.Out.Write(IndicatorCsv.Of(row));
                    break;
                default:
                    var catalog = host.Services.GetRequiredService<IndicatorCatalog>();
                    context.Out.Write(Table(row, comparison, catalog, includeExtras: true));
                    foreach (var child in row.Children ?? [])
                    {
                        context.Out.WriteLine();
                        context.Out.Write(Table(child, comparison, catalog, includeExtras: false));
                    }
                    break;
            }
            return 0;
        });
        return command;
    }

    /// <summary>The headline table: one line per indicator, then the summary sentence.</summary>
    /// <param name="catalog">The catalogue the aggregates were read with (a deployment's own, when it has one).</param>
    public static string Table(CourtIndicatorsRow row, Comparison comparison, IndicatorCatalog catalog, bool includeExtras)
    {
        var earlier = comparison == Comparison.YearOnYear ? "去年同期" : "上期";
        var sb = new StringBuilder();
        sb.AppendLine($"{row.CourtName}（{row.Court}）{Period.Parse(row.Period).ChineseLabel()}  对比 / vs {row.ComparedWith}");
        sb.AppendLine($"{Pad("指标", 22)}{Pad("本期", 12)}{Pad(earlier, 12)}{Pad("变化", 16)}{Pad("趋势", 8)}{Pad("合理区间", 18)}达标  异动");
        foreach (var indicator in row.Indicators)
        {
            if (!catalog.TryGet(indicator.Id, out var definition) || (definition.Extra && !includeExtras))
            {
                continue;
            }
            var range = indicator.Range is null ? "—" : $"{Bound(definition, indicator.Range.Low)}~{Bound(definition, indicator.Range.High)}";
            var trend = indicator.Trend switch { "improving" => "趋优", "flat" => "持平", "worsening" => "趋劣", _ => indicator.LowSample ? "样本不足" : "不可比" };
            sb.AppendLine($"{Pad(indicator.Name, 22)}{Pad(indicator.Display, 12)}{Pad(IndicatorFormat.Display(definition, indicator.Previous), 12)}" +
                $"{Pad(IndicatorFormat.Change(definition, IndicatorFormat.ShownChange(definition, indicator.Value, indicator.Previous)), 16)}{Pad(trend, 8)}{Pad(range, 18)}" +
                $"{(indicator.InRange switch { true => "是", false => "否", _ => "—" })}    {(indicator.Unusual ? "异动" : "")}");
        }
        sb.AppendLine(row.Summary.Sentence);
        return sb.ToString();
    }

    private static string Bound(IndicatorDefinition definition, double? value) =>
        value is null ? "" : IndicatorFormat.Display(definition, value);

    /// <summary>Pads by display width: a CJK character takes two columns in a terminal.</summary>
    private static string Pad(string text, int width)
    {
        var used = text.Sum(c => c > 0x2E80 ? 2 : 1);
        return text + new string(' ', Math.Max(1, width - used));
    }
}
