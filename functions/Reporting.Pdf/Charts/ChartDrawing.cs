using Reporting.Pdf.Layout;

namespace Reporting.Pdf.Charts;

/// <summary>
/// A ScottPlot chart drawn into the page as vectors. The measuring pass only records the chart's characters for the
/// font subset; the plot is built and rendered in the drawing pass, with the document's (subset) typeface.
/// </summary>
internal static class ChartDrawing
{
    public static Element Slot(float height, Action<ScottPlot.Plot> build, IEnumerable<string> text) =>
        new CanvasSlot(height, (canvas, size, context) =>
        {
            using var font = ChartFonts.Register(context.Fonts.ChartTypeface(bold: false));
            using var plot = new ScottPlot.Plot();
            plot.Font.Set(font.Name);
            build(plot);
            // Labels set by build after Font.Set keep their own font name; point them all at the document's face.
            plot.Font.Set(font.Name);
            plot.Render(canvas, new ScottPlot.PixelRect(0, size.Width, size.Height, 0));
        }, context =>
        {
            foreach (var line in text)
            {
                context.Fonts.UseInChart(line, bold: false);
            }
        });
}
