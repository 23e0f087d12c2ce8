using Microsoft.Extensions.Time.Testing;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Reporting.Pdf;
using Reporting.Pdf.Charts;
using Reporting.Pdf.Fonts;
using Reporting.Pdf.Layout;
using Reporting.Pdf.Text;
using SkiaSharp;

namespace Reporting.Benchmarks;

/// <summary>
/// The PDF target of issue 4: a 20-page report with 10 charts (4 trend lines, 3 bar charts, 3 range gauges), Chinese
/// text, tables with repeated headers, contents with links and an outline. Each run is a fresh process, so the time
/// includes loading fonts and JIT (what a timer function pays on a cold start) and the peak memory is the render's.
///   dotnet run -c Release --project tests/Reporting.Benchmarks -- --report [--runs 5] [--out bench.pdf]
/// </summary>
public static class ReportRendering
{
    private sealed record RunResult(double ColdSeconds, double WarmSeconds, long Bytes, int Pages, long PeakBytes);

    public const int Charts = 10;

    public static int Run(string[] args)
    {
        var output = EndToEnd.Arg(args, "--out");
        if (args.Contains("--side"))
        {
            Console.WriteLine(JsonSerializer.Serialize(Once(output)));
            return 0;
        }
        var runs = int.Parse(EndToEnd.Arg(args, "--runs") ?? "5", CultureInfo.InvariantCulture);
        var results = new List<RunResult>();
        for (var i = 0; i < runs; i++)
        {
            results.Add(Child(output));
            var r = results[^1];
            Console.WriteLine($"run {i + 1}: cold {r.ColdSeconds:F3} s, warm {r.WarmSeconds:F3} s, {r.Pages} pages, {r.Bytes / 1024.0:F0} KB, peak {r.PeakBytes / 1048576} MB");
        }
        double Median(IEnumerable<double> values) => values.Order().ElementAt(runs / 2);
        Console.WriteLine($"median: cold {Median(results.Select(r => r.ColdSeconds)):F3} s, warm {Median(results.Select(r => r.WarmSeconds)):F3} s, " +
            $"{results[0].Pages} pages, {Charts} charts, {results[0].Bytes / 1024.0:F0} KB, peak {Median(results.Select(r => (double)r.PeakBytes)) / 1048576:F0} MB");
        return 0;
    }

    private static RunResult Child(string? output) =>
        JsonSerializer.Deserialize<RunResult>(ChildProcess.LastLine(output is null ? ["--report", "--side"] : ["--report", "--side", "--out", output]))!;

    private static RunResult Once(string? output)
    {
        var watch = Stopwatch.StartNew();
        var fonts = FontLibrary.Discover();
        using var first = new MemoryStream();
        var layout = Sample().GeneratePdf(first, fonts, new FakeTimeProvider(new DateTimeOffset(2026, 1, 15, 2, 0, 0, TimeSpan.Zero)));
        var cold = watch.Elapsed.TotalSeconds;
        watch.Restart();
        using var second = new MemoryStream();
        Sample().GeneratePdf(second, fonts, new FakeTimeProvider(new DateTimeOffset(2026, 1, 15, 2, 0, 0, TimeSpan.Zero)));
        var warm = watch.Elapsed.TotalSeconds;
        if (output is not null)
        {
            File.WriteAllBytes(output, first.ToArray());
        }
        return new RunResult(cold, warm, first.Length, layout.Pages, EndToEnd.PeakBytes());
    }

    private static readonly string[] Indicators =
    [
        "一审服判息诉率", "申诉申请再审率", "二审改判-发回重审比", "再审改判-发回重审比", "二审开庭率", "审限内结案率", "超12个月未结案件比", "平均结案时间",
        "上诉案件移送时间", "结收比", "案-件比", "上诉率", "民事调解撤诉率", "诉前调解成功分流率", "民事裁判申请执行率", "执行到位率", "执行完毕率", "首执案件终本率",
    ];

    private static readonly string[] Months = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"];

    private const string Paragraph =
        "2025年第四季度，全辖区新收案件12,345件，同比上升3.2%；审结11,987件，同比上升5.1%；期末未结2,179件，同比下降1.7%。" +
        "审限内结案率为96.81%，较去年同期下降1.27个百分点；案-件比为1:1.21，处于合理区间。各项指标均由报送数据计算得出，口径详见附录。";

    /// <summary>Twenty pages: contents, then nineteen pages each with a heading, text, an 18-row table, and a chart on ten of them.</summary>
    private static Document Sample()
    {
        var random = new Random(42);
        var heading = TextStyle.Default with { Size = 15, Bold = true, Color = SKColor.Parse("#1F3A5F") };
        var cell = TextStyle.Default with { Size = 9 };
        return Document.Create(new DocumentMetadata("基准测试报告", "示例省高级人民法院", "二十页十图", "基准"), d => d.Page(p =>
        {
            p.Margin(56, 48, 56, 48);
            p.Header().BorderBottom(0.5f, SKColors.Gray).Text("示例省高级人民法院审判态势分析报告", TextStyle.Default with { Size = 8.5f, Color = SKColors.Gray });
            p.Footer().PageNumber("第 {0} 页 / 共 {1} 页", TextStyle.Default with { Size = 8.5f });
            p.Content().Column(c =>
            {
                c.Spacing(8);
                c.Item().Text("目  录", heading, TextAlign.Center);
                for (var s = 1; s <= 19; s++)
                {
                    var name = $"s{s}";
                    c.Item().SectionLink(name).Row(r =>
                    {
                        r.RelativeItem().Text($"第{s}部分　指标运行情况");
                        r.ConstantItem(40).SectionPageNumber(name);
                    });
                }
                for (var s = 1; s <= 19; s++)
                {
                    c.Item().PageBreak();
                    c.Item().Section($"s{s}", $"第{s}部分　指标运行情况").Text($"第{s}部分　指标运行情况", heading);
                    c.Item().Text(Paragraph);
                    c.Item().Table(t =>
                    {
                        t.RelativeColumn(2.4f);
                        t.RelativeColumn();
                        t.RelativeColumn();
                        t.RelativeColumn();
                        t.Zebra(SKColor.Parse("#F6F8FA"));
                        foreach (var h in new[] { "指标", "本期", "去年同期", "同比变化" })
                        {
                            t.HeaderCell().Background(SKColor.Parse("#E8EDF3")).Padding(3).Text(h, cell with { Bold = true });
                        }
                        foreach (var name in Indicators)
                        {
                            var (now, before) = (random.NextDouble() * 100, random.NextDouble() * 100);
                            t.Cell().Padding(3).Text(name, cell);
                            t.Cell().Padding(3).Text($"{now:F2}%", cell, TextAlign.Right);
                            t.Cell().Padding(3).Text($"{before:F2}%", cell, TextAlign.Right);
                            t.Cell().Padding(3).Text($"{now - before:+0.00;-0.00}个百分点", cell, TextAlign.Right);
                        }
                    });
                    if (s <= Charts)
                    {
                        var values = Enumerable.Range(0, 12).Select(_ => (double?)(1.1 + random.NextDouble() * 0.4)).ToList();
                        switch (s % 3)
                        {
                            case 0:
                                c.Item().Chart(60, plot => ChartKinds.RangeGauge(plot, values[^1]!.Value, 1.0, 1.6, 0.8, 1.8));
                                break;
                            case 1:
                                c.Item().Chart(170, plot => ChartKinds.TrendLine(plot, Months, new ChartSeries("案-件比", values), null, 1.6, "案-件比月度走势"), "案-件比月度走势");
                                break;
                            default:
                                string[] categories = ["刑事", "民事", "行政", "执行", "其他"];
                                var series = new ChartSeries("新收", categories.Select(_ => (double?)random.Next(100, 5000)).ToList());
                                c.Item().Chart(170, plot => ChartKinds.GroupedBars(plot, categories, [series]), categories);
                                break;
                        }
                    }
                }
            });
        }));
    }
}
