using System.Globalization;
using Reporting.Core.Indicators;
using Reporting.Pdf.Charts;
using Reporting.Pdf.Layout;
using SkiaSharp;

namespace Reporting.Pdf.Reports;

/// <summary>The report's small pieces: legends, chart scales, table cells and the short forms of units, changes, periods and dates.</summary>
public static partial class SituationReportDocument
{
    /// <summary>A legend drawn by the layout engine (its text set like the rest of the page), in the charts' series colours.</summary>
    private static void Legend(ColumnDescriptor c, IReadOnlyList<string> names) =>
        c.Item().Padding(40, 0).Row(r =>
        {
            r.Spacing(4);
            for (var i = 0; i < names.Count; i++)
            {
                var color = ChartKinds.Palette[i % ChartKinds.Palette.Count].ToSKColor();
                r.ConstantItem(9).Padding(0, 4, 0, 0).Canvas(9, (canvas, size) =>
                {
                    using var paint = new SKPaint { Color = color };
                    canvas.DrawRect(0, 0, size.Width, size.Height, paint);
                });
                r.RelativeItem().Text(names[i], Small);
            }
        });

    /// <summary>The value as a chart plots it: percentages in percent, others as shown.</summary>
    private static double Plotted(IndicatorDefinition d, double value) => d.Unit == IndicatorUnit.Percent ? value * 100 : value;

    private static (double Min, double Max) GaugeScale(double value, double? low, double? high)
    {
        var points = new[] { value, low, high }.OfType<double>().ToList();
        var (min, max) = (points.Min(), points.Max());
        var pad = Math.Max((max - min) * 0.4, Math.Abs(max) * 0.1 + 0.01);
        return (Math.Max(0, min - pad), max + pad);
    }

    private static string UnitLabel(IndicatorDefinition d) => d.Unit switch
    {
        IndicatorUnit.Percent => "%",
        IndicatorUnit.Days => "天",
        IndicatorUnit.RatioOneTo => "1:x",
        IndicatorUnit.Ratio => "比值",
    };

    /// <summary>A reading's value (starred when the sample is small), the compared period's, the change and the trend.</summary>
    private static void ComparedCells(TableDescriptor t, IndicatorReading r, float padding)
    {
        t.Cell().Padding(padding).Text(r.Display + (r.LowSample ? "*" : ""), Cell, TextAlign.Right);
        t.Cell().Padding(padding).Text(IndicatorFormat.Display(r.Indicator, r.Previous?.Value), Cell, TextAlign.Right);
        t.Cell().Padding(padding).Text(ShortChange(r), Cell, TextAlign.Right);
        t.Cell().Padding(padding).Text(r.Trend.ChineseName(), Cell with { Color = TrendColor(r.Trend) }, TextAlign.Right);
    }

    private static void RangeStateCell(TableDescriptor t, IndicatorReading r, float padding) =>
        t.Cell().Padding(padding).Text(RangeState(r), Cell with { Color = r.InRange == false ? Marking : SKColors.Black }, TextAlign.Right);

    /// <summary>The change as a table cell: percentage points shortened to pp.</summary>
    private static string ShortChange(IndicatorReading r) => IndicatorFormat.Change(r.Indicator, r.ShownChange).Replace("个百分点", "pp", StringComparison.Ordinal);

    private static string RangeState(IndicatorReading r) => r.InRange switch
    {
        true => "达标",
        false when r.AboveRange => "偏高",
        false => "偏低",
        null => "—",
    };

    private static SKColor TrendColor(Trend trend) => trend switch
    {
        Trend.Improving => SKColor.Parse("#2E7D32"),
        Trend.Worsening => Marking,
        Trend.Flat or Trend.None => SKColors.Black,
    };

    private static string ShortLabel(Core.Periods.Period period)
    {
        var (year, month) = (period.FirstMonth / 12, period.FirstMonth % 12 + 1);
        return period.Kind switch
        {
            Core.Periods.PeriodKind.Month => month == 1 ? $"{year % 100:00}/1" : month.ToString(CultureInfo.InvariantCulture),
            Core.Periods.PeriodKind.Quarter => $"{year % 100:00}Q{(month + 2) / 3}",
            Core.Periods.PeriodKind.Year => year.ToString(CultureInfo.InvariantCulture),
            Core.Periods.PeriodKind.MonthRange => $"{year % 100:00}/{month}",
        };
    }

    private static string Date(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    private static string Numeral(int n) => n switch
    {
        1 => "一", 2 => "二", 3 => "三", 4 => "四", 5 => "五", 6 => "六", 7 => "七", 8 => "八", 9 => "九", 10 => "十",
        _ => n.ToString(CultureInfo.InvariantCulture),
    };
}
