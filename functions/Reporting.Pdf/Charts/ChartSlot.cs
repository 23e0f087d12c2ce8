using Reporting.Pdf.Layout;
using SkiaSharp;

namespace Reporting.Pdf.Charts;

/// <summary>
/// A ScottPlot chart drawn into the page as vectors. The measuring pass only records the chart's characters for the
/// font subset; the plot is built and rendered in the drawing pass, with the document's (subset) typeface.
/// </summary>
internal sealed class ChartSlot(float height, Action<ScottPlot.Plot> build, IEnumerable<string> text) : Element
{
    private bool _done;

    internal override void Reset() => _done = false;

    internal override SpacePlan Measure(Size available, LayoutContext context) =>
        _done ? SpacePlan.Empty : height <= available.Height ? SpacePlan.Full(available.Width, height) : SpacePlan.Wrap($"a chart {height:0} pt high");

    internal override void Draw(Size available, LayoutContext context)
    {
        foreach (var line in text)
        {
            context.Fonts.UseInChart(line, bold: false);
        }
        if (context.Drawing)
        {
            using var font = ChartFonts.Register(context.Fonts.ChartTypeface(bold: false));
            using var plot = new ScottPlot.Plot();
            plot.Font.Set(font.Name);
            build(plot);
            // Labels set by build after Font.Set keep their own font name; point them all at the document's face.
            plot.Font.Set(font.Name);
            context.Canvas.Save();
            context.Canvas.ClipRect(SKRect.Create(0, 0, available.Width, height));
            plot.Render(context.Canvas, new ScottPlot.PixelRect(0, available.Width, height, 0));
            context.Canvas.Restore();
        }
        _done = true;
    }
}
