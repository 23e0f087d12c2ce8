using Reporting.Core.Indicators;
using Reporting.Core.Reports;
using Reporting.Pdf.Charts;
using Reporting.Pdf.Layout;
using Reporting.Pdf.Text;
using SkiaSharp;

namespace Reporting.Pdf.Reports;

/// <summary>Lays a <see cref="SituationReport"/> out as a PDF: cover, contents, the five sections and the appendix.</summary>
public static partial class SituationReportDocument
{
    private static readonly SKColor Ink = ChartKinds.Ink.ToSKColor();
    private static readonly SKColor Marking = SKColor.Parse("#C00000");
    private static readonly SKColor Rule = SKColor.Parse("#B8C2CC");
    private static readonly SKColor HeaderFill = SKColor.Parse("#E8EDF3");
    private static readonly SKColor ZebraFill = SKColor.Parse("#F6F8FA");
    private static readonly SKColor Gray = ChartKinds.Axis.ToSKColor();

    private static readonly TextStyle Body = TextStyle.Default with { Size = 10.5f, LineHeight = 1.6f };
    private static readonly TextStyle Small = TextStyle.Default with { Size = 8.5f, Color = Gray };
    private static readonly TextStyle Cell = TextStyle.Default with { Size = 9f, LineHeight = 1.35f };
    private static readonly TextStyle HeaderCellStyle = Cell with { Bold = true };
    private static readonly TextStyle Heading = TextStyle.Default with { Size = 15, Bold = true, Color = Ink };
    private static readonly TextStyle Subheading = TextStyle.Default with { Size = 12, Bold = true, Color = Ink };

    /// <summary>The sections in order: outline/contents name and title.</summary>
    public static IReadOnlyList<(string Name, string Title)> Sections(SituationReport report)
    {
        var sections = new List<(string, string)> { ("overview", "一、总体情况"), ("indicators", "二、指标运行情况"), ("attention", "三、异动与弱势指标") };
        var number = 4;
        if (report.Subordinates is not null)
        {
            sections.Add(("subordinates", $"{Numeral(number++)}、下辖法院情况"));
        }
        sections.Add(("international", $"{Numeral(number)}、国际口径对照"));
        sections.Add(("definitions", "附录：指标定义"));
        return sections;
    }

    public static Document Create(SituationReport report)
    {
        var cover = report.Cover;
        var metadata = new DocumentMetadata(cover.Title, cover.CourtName, $"{cover.Period.ChineseLabel()}审判态势分析（{cover.ComparisonWord}）",
            $"审判态势分析, 审判质量管理指标, 案-件比, {cover.CourtName}, {cover.Period}");
        var sections = Sections(report);
        string Title(string name) => sections.First(s => s.Name == name).Title;
        return Document.Create(metadata, d =>
        {
            d.Page(p =>
            {
                p.Margin(64, 72, 64, 72);
                p.Content().Column(c => Cover(c, report));
            });
            d.Page(p =>
            {
                p.Margin(56, 48, 56, 48);
                p.Header().BorderBottom(0.5f, Rule).Padding(0, 0, 0, 4).Row(r =>
                {
                    r.RelativeItem().Text(cover.Title, Small);
                    r.ConstantItem(60).Text(ReportCover.Marking, Small with { Color = Marking, Bold = true }, TextAlign.Right);
                });
                p.Footer().PageNumber("第 {0} 页 / 共 {1} 页", Small, TextAlign.Center);
                p.Content().Column(c =>
                {
                    c.Spacing(8);
                    Contents(c, sections);
                    c.Item().PageBreak();
                    Overview(c, report, Title("overview"));
                    Indicators(c, report, Title("indicators"));
                    Attention(c, report, Title("attention"));
                    if (report.Subordinates is { } subordinates)
                    {
                        Subordinates(c, subordinates, report, Title("subordinates"));
                    }
                    International(c, report, Title("international"));
                    Definitions(c, report, Title("definitions"));
                });
            });
        });
    }

    private static void Cover(ColumnDescriptor c, SituationReport report)
    {
        var cover = report.Cover;
        c.Spacing(14);
        c.Item().Row(r =>
        {
            r.RelativeItem().Text("");
            r.ConstantItem(80).Border(1.2f, Marking).Padding(4, 3).Text(ReportCover.Marking, TextStyle.Default with { Size = 13, Bold = true, Color = Marking }, TextAlign.Center);
        });
        c.Item().Padding(0, 150, 0, 0).Text(cover.CourtName, TextStyle.Default with { Size = 20, Bold = true, Color = Ink }, TextAlign.Center);
        c.Item().Text($"{cover.Period.ChineseLabel()}审判态势分析报告", TextStyle.Default with { Size = 24, Bold = true, Color = Ink }, TextAlign.Center);
        c.Item().Padding(0, 40, 0, 0).Text($"统计期间：{cover.Period.ChineseLabel()}（{Date(cover.Period.Start)}至{Date(cover.Period.End)}）", Body, TextAlign.Center);
        c.Item().Text($"对比期间：{cover.ComparedWith.ChineseLabel()}（{cover.ComparisonWord}）", Body, TextAlign.Center);
        c.Item().Text($"法院代字：{cover.CourtCode}", Body, TextAlign.Center);
        c.Item().Text($"生成日期：{Date(cover.GeneratedOn)}", Body, TextAlign.Center);
        c.Item().Padding(0, 160, 0, 0).Text("本报告由审判质量管理指标报送流水线根据各法院报送的案件数据自动生成，所有数字均由数据计算得出。指标口径为工作口径，详见附录。", Small, TextAlign.Center);
    }

    private static void Contents(ColumnDescriptor c, IReadOnlyList<(string Name, string Title)> sections)
    {
        c.Item().Padding(0, 0, 0, 8).Text("目  录", Heading, TextAlign.Center);
        foreach (var (name, title) in sections)
        {
            c.Item().SectionLink(name).BorderBottom(0.4f, Rule).Padding(0, 4).Row(r =>
            {
                r.RelativeItem().Text(title, Body);
                r.ConstantItem(48).SectionPageNumber(name, "{0}", Body);
            });
        }
    }

    private static void SectionHeading(ColumnDescriptor c, string name, string title) =>
        c.Item().Section(name, title).Padding(0, 10, 0, 2).Text(title, Heading);

    private static void Overview(ColumnDescriptor c, SituationReport report, string title)
    {
        var overview = report.Overview;
        var word = report.Cover.ComparisonWord;
        SectionHeading(c, "overview", title);
        c.Item().Text(overview.Sentence, Body);
        c.Item().Table(t =>
        {
            t.RelativeColumn(1.1f);
            for (var i = 0; i < 6; i++)
            {
                t.RelativeColumn();
            }
            t.Zebra(ZebraFill);
            foreach (var h in new[] { "类别", "新收", $"新收{word}", "审结", $"审结{word}", "期末未结", $"未结{word}" })
            {
                t.HeaderCell().Background(HeaderFill).Padding(4).Text(h, HeaderCellStyle, h == "类别" ? TextAlign.Left : TextAlign.Right);
            }
            foreach (var line in overview.Lines.Append(overview.Total))
            {
                var style = line == overview.Total ? HeaderCellStyle : Cell;
                t.Cell().Padding(4).Text(line.Category, style);
                foreach (var (now, before) in new[] { (line.Current.Filed, line.Before.Filed), (line.Current.Closed, line.Before.Closed), (line.Current.Pending, line.Before.Pending) })
                {
                    t.Cell().Padding(4).Text(ReportSentences.Count(now), style, TextAlign.Right);
                    t.Cell().Padding(4).Text(ReportSentences.PercentChangeCell(now, before), style, TextAlign.Right);
                }
            }
        });
        var categories = overview.Lines.Select(l => l.Category).ToList();
        var series = new[]
        {
            new ChartSeries($"新收（{report.Cover.ComparedWith.ChineseLabel()}）", overview.Lines.Select(l => (double?)l.Before.Filed).ToList()),
            new ChartSeries($"新收（{report.Cover.Period.ChineseLabel()}）", overview.Lines.Select(l => (double?)l.Current.Filed).ToList()),
            new ChartSeries($"审结（{report.Cover.Period.ChineseLabel()}）", overview.Lines.Select(l => (double?)l.Current.Closed).ToList()),
        };
        c.Item().KeepTogether().Column(k =>
        {
            k.Item().Text("图　各类案件新收、审结情况（件）", Small, TextAlign.Center);
            Legend(k, series.Select(s => s.Name).ToList());
            k.Item().Chart(180, plot => ChartKinds.GroupedBars(plot, categories, series), categories);
        });
    }

    private static void Indicators(ColumnDescriptor c, SituationReport report, string title)
    {
        var word = report.Cover.ComparisonWord;
        var earlier = report.Cover.EarlierName;
        SectionHeading(c, "indicators", title);
        c.Item().Section("summary").Text(report.Indicators.Summary.Sentence, Body with { Bold = true });
        var index = 0;
        foreach (var group in report.Indicators.Groups)
        {
            var groupTitle = $"（{Numeral(++index)}）{group.Name}指标";
            c.Item().KeepTogether().Column(k =>
            {
            k.Spacing(8);
            k.Item().Section($"group-{index}", groupTitle, 1).Text(groupTitle, Subheading);
            k.Item().Table(t =>
            {
                t.RelativeColumn(2.3f);
                t.RelativeColumn(1.0f);
                t.RelativeColumn(1.0f);
                t.RelativeColumn(1.3f);
                t.RelativeColumn(0.7f);
                t.RelativeColumn(1.7f);
                t.RelativeColumn(0.7f);
                t.Zebra(ZebraFill);
                foreach (var h in new[] { "指标", "本期", earlier, $"{word}变化", "趋势", "合理区间", "达标" })
                {
                    t.HeaderCell().Background(HeaderFill).Padding(4).Text(h, HeaderCellStyle, h == "指标" ? TextAlign.Left : TextAlign.Right);
                }
                foreach (var r in group.Readings)
                {
                    var d = r.Indicator;
                    t.Cell().Padding(4).Text($"{d.Number}. {d.Name}", Cell);
                    ComparedCells(t, r, 4);
                    t.Cell().Padding(4).Text(IndicatorDescription.RangeText(d), Cell, TextAlign.Right);
                    RangeStateCell(t, r, 4);
                }
            });
            });
        }
        c.Item().Text($"注：变化以{earlier}为基准，百分比指标的变化单位为百分点（pp）；标“*”者样本不足（分母小于最小样本量），不作趋势判断；“—”表示无数据或分母为0。", Small);
    }

    private static void Attention(ColumnDescriptor c, SituationReport report, string title)
    {
        SectionHeading(c, "attention", title);
        if (report.Attention.Count == 0)
        {
            c.Item().Text("本期没有异动指标，也没有处于合理区间之外的指标。", Body);
            return;
        }
        var unusual = report.Attention.Count(a => a.Reading.Unusual);
        var outside = report.Attention.Count(a => a.OutOfRange);
        var span = SituationReportComposer.TrendPeriods(report.Cover.Period);
        var unit = span[0].Kind == Core.Periods.PeriodKind.Quarter ? "个季度" : "个月";
        c.Item().Text($"本期需关注的指标{report.Attention.Count}项，其中异动{unusual}项，处于合理区间之外{outside}项。" +
            $"趋势图为{span[0].ChineseLabel()}至{span[^1].ChineseLabel()}共{span.Count}{unit}的数值，虚线为合理区间界限；右侧刻度条的绿色部分为合理区间。", Body);
        var index = 0;
        foreach (var item in report.Attention)
        {
            var d = item.Reading.Indicator;
            var heading = $"（{Numeral(++index)}）{d.Name}";
            var labels = item.Trend.Select(p => ShortLabel(p.Period)).ToList();
            var values = item.Trend.Select(p => p.Value is { } v ? (double?)Plotted(d, v) : null).ToList();
            var (low, high) = (d.Range?.Low is { } l ? Plotted(d, l) : (double?)null, d.Range?.High is { } h ? Plotted(d, h) : (double?)null);
            c.Item().KeepTogether().Column(k =>
            {
                k.Spacing(4);
                k.Item().Section("attention-" + d.Id, heading, 1).Text(heading, Subheading);
                k.Item().Text(item.Sentence, Body);
                k.Item().Row(r =>
                {
                    r.Spacing(12);
                    r.RelativeItem().Chart(150, plot => ChartKinds.TrendLine(plot, labels, new ChartSeries(d.Name, values), low, high, $"{d.Name}走势（{UnitLabel(d)}）"),
                        [$"{d.Name}走势（{UnitLabel(d)}）", .. labels]);
                    if (item.Reading.Current.Value is { } current)
                    {
                        var value = Plotted(d, current);
                        var (min, max) = GaugeScale(value, low, high);
                        r.ConstantItem(150).Column(g =>
                        {
                            g.Item().Padding(0, 30, 0, 0).Text($"本期 {item.Reading.Display}", Cell with { Bold = true, Color = item.OutOfRange ? Marking : Ink }, TextAlign.Center);
                            g.Item().Chart(46, plot => ChartKinds.RangeGauge(plot, value, low, high, min, max));
                            g.Item().Text($"合理区间：{IndicatorDescription.RangeText(d)}", Small, TextAlign.Center);
                        });
                    }
                });
            });
            if (item.Divisions.Count > 0)
            {
                DivisionTable(c, item, report.Cover);
            }
        }
        c.Item().Text(report.Attention.All(a => a.Divisions.Count == 0)
            ? "按承办部门分解：导出数据未注明承办部门，本节不作分解。"
            : "注：承办部门分解按部门名称排列，不作排名；下辖法院的同名部门合并计算，部门以法院被计入的案件（原审、源头案件）所属部门为准；标“*”者样本不足，不作判断。", Small);
    }

    /// <summary>The attention item's indicator per 承办部门, in name order (never ranked), under the sentence that sums it up.</summary>
    private static void DivisionTable(ColumnDescriptor c, AttentionItem item, ReportCover cover)
    {
        c.Item().Text(item.DivisionSentence!, Body);
        c.Item().Table(t =>
        {
            t.RelativeColumn(2.0f);
            t.RelativeColumn(1.0f);
            t.RelativeColumn(1.0f);
            t.RelativeColumn(1.3f);
            t.RelativeColumn(0.7f);
            t.RelativeColumn(0.7f);
            t.RelativeColumn(0.9f);
            t.Zebra(ZebraFill);
            foreach (var h in new[] { "承办部门", "本期", cover.EarlierName, $"{cover.ComparisonWord}变化", "趋势", "达标", "分母" })
            {
                t.HeaderCell().Background(HeaderFill).Padding(3).Text(h, HeaderCellStyle, h == "承办部门" ? TextAlign.Left : TextAlign.Right);
            }
            foreach (var division in item.Divisions)
            {
                var r = division.Reading;
                t.Cell().Padding(3).Text(division.Division, Cell);
                ComparedCells(t, r, 3);
                RangeStateCell(t, r, 3);
                t.Cell().Padding(3).Text(ReportSentences.Count(r.Current.Denominator), Cell, TextAlign.Right);
            }
        });
    }

    private static void Subordinates(ColumnDescriptor c, SubordinateOverview overview, SituationReport report, string title)
    {
        SectionHeading(c, "subordinates", title);
        c.Item().Text(overview.Sentence, Body);
        c.Item().Table(t =>
        {
            t.RelativeColumn(2.6f);
            foreach (var _ in overview.Columns)
            {
                t.RelativeColumn();
            }
            t.Zebra(ZebraFill);
            t.HeaderCell().Background(HeaderFill).Padding(4).Text("法院（代字）", HeaderCellStyle);
            foreach (var column in overview.Columns)
            {
                t.HeaderCell().Background(HeaderFill).Padding(4).Text(column.Name, HeaderCellStyle, TextAlign.Right);
            }
            foreach (var court in overview.Courts)
            {
                t.Cell().Padding(4).Text($"{court.Name}（{court.Code}）", Cell);
                foreach (var column in overview.Columns)
                {
                    var reading = court.Readings.FirstOrDefault(r => r.Indicator.Id == column.Id);
                    t.Cell().Padding(4).Text(reading is null ? "—" : reading.Display + (reading.LowSample ? "*" : ""),
                        Cell with { Color = reading?.InRange == false ? Marking : SKColors.Black }, TextAlign.Right);
                }
            }
        });
        c.Item().Text("注：按法院代字排列，不作排名；红色为处于合理区间之外，标“*”者样本不足。", Small);
        if (report.Indicators.Groups.SelectMany(g => g.Readings).FirstOrDefault(r => r.Indicator.Id == SituationReportComposer.CaseMatterRatio)?.Indicator is not { } ratio)
        {
            return;
        }
        var subtitle = $"下辖法院{ratio.Name}走势";
        c.Item().Section("subordinate-trends", subtitle, 1).Text(subtitle, Subheading);
        var (low, high) = (ratio.Range?.Low, ratio.Range?.High);
        foreach (var pair in overview.Courts.Chunk(2))
        {
            c.Item().KeepTogether().Row(r =>
            {
                r.Spacing(12);
                foreach (var court in pair)
                {
                    var labels = court.CaseMatterTrend.Select(p => ShortLabel(p.Period)).ToList();
                    var values = court.CaseMatterTrend.Select(p => p.Value).ToList();
                    r.RelativeItem().Chart(130, plot => ChartKinds.TrendLine(plot, labels, new ChartSeries(ratio.Name, values), low, high, court.Name, 7), [court.Name, .. labels]);
                }
                if (pair.Length == 1)
                {
                    r.RelativeItem().Text("");
                }
            });
        }
    }
}
