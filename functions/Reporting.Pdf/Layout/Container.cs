using System.Globalization;
using Reporting.Pdf.Text;
using SkiaSharp;

namespace Reporting.Pdf.Layout;

/// <summary>A slot that takes one element; the fluent methods below fill it, each wrapper handing on a slot inside it.</summary>
public sealed class Container
{
    private readonly Action<Element> _set;

    internal Container(Action<Element> set) => _set = set;

    internal void Place(Element element) => _set(element);

    internal Container Wrap(Wrapper wrapper)
    {
        _set(wrapper);
        return new Container(e => wrapper.Child = e);
    }
}

public sealed class ColumnDescriptor
{
    internal List<Element> Items { get; } = [];

    internal float Gap { get; private set; }

    public ColumnDescriptor Spacing(float points)
    {
        Gap = points;
        return this;
    }

    public Container Item()
    {
        var index = Items.Count;
        Items.Add(new EmptyElement());
        return new Container(e => Items[index] = e);
    }
}

public sealed class RowDescriptor
{
    internal List<(Element Element, float Constant, float Relative)> Items { get; } = [];

    internal float Gap { get; private set; }

    public RowDescriptor Spacing(float points)
    {
        Gap = points;
        return this;
    }

    public Container ConstantItem(float width) => Add(width, 0);

    public Container RelativeItem(float share = 1) => Add(0, share);

    private Container Add(float constant, float relative)
    {
        var index = Items.Count;
        Items.Add((new EmptyElement(), constant, relative));
        return new Container(e => Items[index] = (e, constant, relative));
    }
}

public sealed class TextDescriptor
{
    internal List<TextSpan> Spans { get; } = [];

    internal TextAlign Alignment { get; private set; }

    public TextDescriptor Span(string text, TextStyle? style = null)
    {
        Spans.Add(new TextSpan(text, style ?? TextStyle.Default));
        return this;
    }

    public TextDescriptor Align(TextAlign align)
    {
        Alignment = align;
        return this;
    }
}

/// <summary>The composition API, in the spirit of QuestPDF's: <c>slot.Padding(8).Background(c).Text("…")</c>.</summary>
public static class ContainerExtensions
{
    public static Container Padding(this Container slot, float all) => slot.Wrap(new Padding(all, all, all, all));

    public static Container Padding(this Container slot, float horizontal, float vertical) =>
        slot.Wrap(new Padding(horizontal, vertical, horizontal, vertical));

    public static Container Padding(this Container slot, float left, float top, float right, float bottom) =>
        slot.Wrap(new Padding(left, top, right, bottom));

    public static Container Background(this Container slot, SKColor color) => slot.Wrap(new Background(color));

    public static Container Border(this Container slot, float thickness, SKColor color) =>
        slot.Wrap(new Border(thickness, thickness, thickness, thickness, color));

    public static Container BorderBottom(this Container slot, float thickness, SKColor color) => slot.Wrap(new Border(0, 0, 0, thickness, color));

    /// <summary>Records where the content lands, page by page (<see cref="LayoutResult.Placed"/>).</summary>
    public static Container Named(this Container slot, string name) => slot.Wrap(new Named(name));

    /// <summary>
    /// A named destination at the start of the content, for links and the table of contents; with a title, also an
    /// entry of the PDF outline (bookmarks) at that depth.
    /// </summary>
    public static Container Section(this Container slot, string name, string? outlineTitle = null, int outlineLevel = 0) =>
        slot.Wrap(new Section(DestinationName(name), outlineTitle, outlineLevel));

    /// <summary>The content's area links to a section of the same document.</summary>
    public static Container SectionLink(this Container slot, string name) => slot.Wrap(new SectionLink(DestinationName(name)));

    /// <summary>Skia writes destination names as PDF names byte by byte: anything but plain ASCII comes out as "?" and collides.</summary>
    private static string DestinationName(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? name
            : throw new ArgumentException($"a section name must be ASCII letters, digits, '-', '_' or '.': '{name}'", nameof(name));

    /// <summary>Never split: the content moves whole to the next page when it does not fit.</summary>
    public static Container KeepTogether(this Container slot) => slot.Wrap(new KeepTogether());

    public static void Text(this Container slot, string text, TextStyle? style = null, TextAlign align = TextAlign.Left) =>
        slot.Place(new TextBlock([new TextSpan(text, style ?? TextStyle.Default)], align));

    public static void Text(this Container slot, Action<TextDescriptor> compose)
    {
        var text = new TextDescriptor();
        compose(text);
        slot.Place(new TextBlock(text.Spans, text.Alignment));
    }

    /// <summary>Page numbers: <paramref name="format"/> gets the page as {0} and the total as {1}, e.g. "第 {0} 页 / 共 {1} 页".</summary>
    public static void PageNumber(this Container slot, string format, TextStyle? style = null, TextAlign align = TextAlign.Center) =>
        slot.Place(new ContextText(
            context => string.Format(CultureInfo.InvariantCulture, format, context.PageNumber, Math.Max(context.TotalPages, context.PageNumber)),
            style ?? TextStyle.Default, align));

    /// <summary>The page a section starts on (for a table of contents), in <paramref name="format"/> as {0}.</summary>
    public static void SectionPageNumber(this Container slot, string section, string format = "{0}", TextStyle? style = null, TextAlign align = TextAlign.Right) =>
        slot.Place(new ContextText(context =>
        {
            // Known in the drawing pass; the measuring pass sets a stand-in of two digits.
            var page = context.SectionPages.GetValueOrDefault(section);
            if (context.Drawing && page == 0)
            {
                throw new LayoutException($"目录引用了不存在的章节“{section}” / the contents refer to a section '{section}' that the document does not have");
            }
            return string.Format(CultureInfo.InvariantCulture, format, page == 0 ? 88 : page);
        }, style ?? TextStyle.Default, align));

    /// <summary>
    /// A ScottPlot chart of fixed height across the available width, drawn as vectors. <paramref name="text"/> is every
    /// non-ASCII string the chart shows (title, axis and category labels): their characters go into the font subset.
    /// </summary>
    public static void Chart(this Container slot, float height, Action<ScottPlot.Plot> build, params IEnumerable<string> text) =>
        slot.Place(Charts.ChartDrawing.Slot(height, build, text));

    public static void Column(this Container slot, Action<ColumnDescriptor> compose)
    {
        var column = new ColumnDescriptor();
        compose(column);
        slot.Place(new Column(column.Items, column.Gap));
    }

    public static void Row(this Container slot, Action<RowDescriptor> compose)
    {
        var row = new RowDescriptor();
        compose(row);
        slot.Place(new Row(row.Items, row.Gap));
    }

    public static void Table(this Container slot, Action<TableDescriptor> compose)
    {
        var table = new TableDescriptor();
        compose(table);
        slot.Place(table.Build());
    }

    public static void PageBreak(this Container slot) => slot.Place(new PageBreak());

    /// <summary>An image (PNG, JPEG …) of fixed height, scaled to keep its proportions and centred across the width.</summary>
    public static void Image(this Container slot, SKImage image, float height) =>
        slot.Place(new CanvasSlot(height, (canvas, size, _) =>
        {
            var scale = Math.Min(size.Width / image.Width, size.Height / image.Height);
            var (width, drawn) = (image.Width * scale, image.Height * scale);
            canvas.DrawImage(image, SKRect.Create((size.Width - width) / 2, 0, width, drawn), new SKSamplingOptions(SKFilterMode.Linear));
        }));

    /// <summary>A drawing of fixed height across the available width (charts, images), painted with Skia.</summary>
    public static void Canvas(this Container slot, float height, Action<SKCanvas, Size> paint) =>
        slot.Place(new CanvasSlot(height, (canvas, size, _) => paint(canvas, size)));
}
