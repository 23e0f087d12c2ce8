using Reporting.Core.Indicators;
using Reporting.Core.Reports;
using Reporting.Pdf.Charts;
using Reporting.Pdf.Layout;

namespace Reporting.Pdf.Reports;

/// <summary>五、国际口径 and the appendix of working definitions.</summary>
public static partial class SituationReportDocument
{
    private static void International(ColumnDescriptor c, SituationReport report, string title)
    {
        var international = report.International;
        SectionHeading(c, "international", title);
        foreach (var sentence in international.Sentences)
        {
            c.Item().Text(sentence, Body);
        }
        var rows = new[] { international.ClearanceRate, international.DispositionTime, international.LinkedCaseMatterRatio }.OfType<IndicatorReading>().ToList();
        if (rows.Count > 0)
        {
            c.Item().Table(t =>
            {
                t.RelativeColumn(2.5f);
                t.RelativeColumn();
                t.RelativeColumn();
                t.RelativeColumn(1.3f);
                t.Zebra(ZebraFill);
                foreach (var h in new[] { "口径", "本期", report.Cover.EarlierName, "变化" })
                {
                    t.HeaderCell().Background(HeaderFill).Padding(4).Text(h, HeaderCellStyle, h == "口径" ? TextAlign.Left : TextAlign.Right);
                }
                foreach (var r in rows)
                {
                    t.Cell().Padding(4).Text(r.Indicator.Name, Cell);
                    t.Cell().Padding(4).Text(r.Display + (r.Indicator.Unit == IndicatorUnit.Days ? "天" : ""), Cell, TextAlign.Right);
                    t.Cell().Padding(4).Text(IndicatorFormat.Display(r.Indicator, r.Previous?.Value), Cell, TextAlign.Right);
                    t.Cell().Padding(4).Text(ShortChange(r), Cell, TextAlign.Right);
                }
            });
        }
        if (international.PendingAge.Count > 0)
        {
            var labels = international.PendingAge.Select(b => b.Label).ToList();
            var counts = new ChartSeries("期末未结（件）", international.PendingAge.Select(b => (double?)b.Reading.Current.Numerator).ToList());
            c.Item().KeepTogether().Column(k =>
            {
                k.Item().Text("图　期末未结案件账龄分布（CourTools 第4项，件）", Small, TextAlign.Center);
                k.Item().Chart(170, plot => ChartKinds.GroupedBars(plot, labels, [counts]), labels);
            });
        }
    }

    private static void Definitions(ColumnDescriptor c, SituationReport report, string title)
    {
        c.Item().PageBreak();
        SectionHeading(c, "definitions", title);
        c.Item().Text(report.CatalogueNote, Small);
        foreach (var description in report.Definitions)
        {
            var d = description.Indicator;
            c.Item().KeepTogether().Column(k =>
            {
                k.Spacing(1);
                k.Item().Text($"{d.Number}. {d.Name}（{d.EnglishName}；{d.Group}；{UnitLabel(d)}；{description.Direction}）", Cell with { Bold = true });
                k.Item().Padding(10, 0, 0, 0).Text($"分子：{description.Numerator}", Cell);
                k.Item().Padding(10, 0, 0, 0).Text($"分母：{description.Denominator}", Cell);
                k.Item().Padding(10, 0, 0, 0).Text($"合理区间：{description.Range}；异动：{description.Unusual}；最小样本量：{d.MinSample}", Cell);
            });
        }
    }
}
