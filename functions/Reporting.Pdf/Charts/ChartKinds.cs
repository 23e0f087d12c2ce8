using ScottPlot;

namespace Reporting.Pdf.Charts;

/// <summary>A series of values over labelled positions; null where there is no value (drawn as a gap).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values);

/// <summary>The chart kinds reports use, built on ScottPlot with the report's colours and Chinese labels.</summary>
public static class ChartKinds
{
    public static readonly Color Ink = Color.FromHex("#1F3A5F");
    public static readonly Color Accent = Color.FromHex("#C0504D");
    public static readonly Color Muted = Color.FromHex("#9AA7B4");
    public static readonly Color RangeFill = Color.FromHex("#DCEFD9");
    public static readonly Color Track = Color.FromHex("#EEF1F4");
    public static readonly Color Axis = Color.FromHex("#5A6570");

    /// <summary>Series colours in order; a report draws its own legend with them.</summary>
    public static IReadOnlyList<Color> Palette { get; } = [Ink, Color.FromHex("#4F81BD"), Muted, Accent];

    /// <summary>A line over labelled periods, with dashed lines at the reference range's limits.</summary>
    public static void TrendLine(Plot plot, IReadOnlyList<string> labels, ChartSeries series, double? low, double? high, string? title = null, float fontSize = 8)
    {
        Style(plot, fontSize);
        if (title is not null)
        {
            plot.Title(title, fontSize + 1);
        }
        // Each run of defined values is its own line, so a missing period shows as a gap rather than a false slope.
        var run = new List<(double X, double Y)>();
        void Flush()
        {
            if (run.Count > 0)
            {
                var line = plot.Add.Scatter(run.Select(p => p.X).ToArray(), run.Select(p => p.Y).ToArray(), Ink);
                line.LineWidth = 1.5f;
                line.MarkerSize = 4;
                run.Clear();
            }
        }
        for (var i = 0; i < series.Values.Count; i++)
        {
            if (series.Values[i] is { } v)
            {
                run.Add((i, v));
            }
            else
            {
                Flush();
            }
        }
        Flush();
        foreach (var limit in new[] { low, high }.OfType<double>())
        {
            var line = plot.Add.HorizontalLine(limit, 1, Accent, LinePattern.Dashed);
            line.LabelText = "";
        }
        Ticks(plot, labels, fontSize);
        var values = series.Values.OfType<double>().Concat(new[] { low, high }.OfType<double>()).ToList();
        if (values.Count > 0)
        {
            var (min, max) = (values.Min(), values.Max());
            var pad = Math.Max((max - min) * 0.15, Math.Abs(max) * 0.02 + 1e-9);
            plot.Axes.SetLimits(-0.5, labels.Count - 0.5, min - pad, max + pad);
        }
    }

    /// <summary>Bars per category, one bar per series side by side, coloured by <see cref="Palette"/> (the legend is the caller's).</summary>
    public static void GroupedBars(Plot plot, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, float fontSize = 8)
    {
        Style(plot, fontSize);
        var width = 0.8 / series.Count;
        var bars = new List<Bar>();
        for (var s = 0; s < series.Count; s++)
        {
            for (var c = 0; c < categories.Count; c++)
            {
                bars.Add(new Bar
                {
                    Position = c - 0.4 + width * (s + 0.5),
                    Value = series[s].Values[c] ?? 0,
                    Size = width * 0.9,
                    FillColor = Palette[s % Palette.Count],
                    LineWidth = 0,
                });
            }
        }
        plot.Add.Bars(bars);
        Ticks(plot, categories, fontSize);
        var max = series.SelectMany(s => s.Values).OfType<double>().DefaultIfEmpty(0).Max();
        plot.Axes.SetLimits(-0.5, categories.Count - 0.5, 0, max <= 0 ? 1 : max * 1.25);
    }

    /// <summary>A range gauge: a track over [min, max], the reference range shaded, the value as a marker (red outside the range).</summary>
    public static void RangeGauge(Plot plot, double value, double? low, double? high, double min, double max, float fontSize = 8)
    {
        Style(plot, fontSize);
        plot.Axes.Left.IsVisible = false;
        plot.Axes.Right.IsVisible = false;
        plot.Axes.Top.IsVisible = false;
        plot.HideGrid();
        Rectangle(plot, min, max, 0, 1, Track);
        Rectangle(plot, low ?? min, high ?? max, 0, 1, RangeFill);
        var marker = plot.Add.VerticalLine(Math.Clamp(value, min, max), 2.5f, low is { } l && value < l || high is { } h && value > h ? Accent : Ink);
        marker.LabelText = "";
        plot.Axes.SetLimits(min, max, 0, 1);
    }

    private static void Rectangle(Plot plot, double left, double right, double bottom, double top, Color fill)
    {
        var r = plot.Add.Rectangle(left, right, bottom, top);
        r.FillColor = fill;
        r.LineWidth = 0;
    }

    private static void Ticks(Plot plot, IReadOnlyList<string> labels, float fontSize)
    {
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, labels.Count).Select(i => (double)i).ToArray(), labels.ToArray());
        plot.Axes.Bottom.TickLabelStyle.FontSize = fontSize;
    }

    private static void Style(Plot plot, float fontSize)
    {
        plot.Axes.Left.TickLabelStyle.FontSize = fontSize;
        plot.Axes.Bottom.TickLabelStyle.FontSize = fontSize;
        plot.Grid.MajorLineColor = Color.FromHex("#E3E7EB");
        plot.Axes.Color(Axis);
    }
}
