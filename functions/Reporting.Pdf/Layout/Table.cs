using SkiaSharp;

namespace Reporting.Pdf.Layout;

/// <summary>
/// Rows of cells under a header row that repeats on every page the table spans. Rows are never split: one that does
/// not fit moves to the next page. Odd body rows may be shaded (zebra) to guide the eye across wide rows.
/// </summary>
internal sealed class Table(IReadOnlyList<(float Constant, float Share)> columns, Element[] header, Element[][] rows, SKColor? zebra, SKColor rule) : Element
{
    private int _nextRow;

    internal override IEnumerable<Element> Children => header.Concat(rows.SelectMany(r => r));

    internal override void Reset()
    {
        _nextRow = 0;
        base.Reset();
    }

    /// <summary>The height of a row whose every cell fits whole, or null.</summary>
    private static float? RowHeight(Element[] cells, float[] widths, float height, LayoutContext context)
    {
        var tallest = 0f;
        for (var i = 0; i < cells.Length; i++)
        {
            var plan = cells[i].Measure(new Size(widths[i], height), context);
            if (plan.Kind is SpaceKind.Wrap or SpaceKind.Partial)
            {
                return null;
            }
            tallest = Math.Max(tallest, plan.Height);
        }
        return tallest;
    }

    internal override SpacePlan Measure(Size available, LayoutContext context) => Walk(available, context, draw: false);

    internal override void Draw(Size available, LayoutContext context) => Walk(available, context, draw: true);

    private SpacePlan Walk(Size available, LayoutContext context, bool draw)
    {
        if (_nextRow >= rows.Length && rows.Length > 0)
        {
            return SpacePlan.Empty;
        }
        var widths = WidthSplit.Split(available.Width, columns);
        var headerHeight = header.Length == 0 ? 0 : RowHeight(header, widths, available.Height, context);
        if (headerHeight is null)
        {
            return SpacePlan.Wrap("the table header does not fit");
        }
        var y = headerHeight.Value;
        if (draw && header.Length > 0)
        {
            DrawRow(header, widths, 0, y, null, context);
            DrawRule(y, available.Width, context);
        }
        var row = _nextRow;
        while (row < rows.Length)
        {
            var height = RowHeight(rows[row], widths, available.Height - y, context);
            if (height is null || y + height > available.Height + 0.01f)
            {
                break;
            }
            if (draw)
            {
                DrawRow(rows[row], widths, y, height.Value, row % 2 == 1 ? zebra : null, context);
            }
            y += height.Value;
            row++;
        }
        if (row == _nextRow && rows.Length > 0)
        {
            return SpacePlan.Wrap("not even one table row fits below the header");
        }
        if (draw)
        {
            _nextRow = row;
            DrawRule(y, available.Width, context);
        }
        return row >= rows.Length ? SpacePlan.Full(available.Width, y) : SpacePlan.Partial(available.Width, y);
    }

    private void DrawRule(float y, float width, LayoutContext context)
    {
        using var paint = new SKPaint { Color = rule, StrokeWidth = 0.8f, IsStroke = true };
        context.Canvas.DrawLine(0, y, width, y, paint);
    }

    private static void DrawRow(Element[] cells, float[] widths, float y, float height, SKColor? shade, LayoutContext context)
    {
        if (shade is { } color)
        {
            using var paint = new SKPaint { Color = color, Style = SKPaintStyle.Fill };
            context.Canvas.DrawRect(0, y, widths.Sum(), height, paint);
        }
        var x = 0f;
        for (var i = 0; i < cells.Length; i++)
        {
            DrawAt(cells[i], x, y, new Size(widths[i], height), context);
            // Header cells are drawn again on the next page; body cells are done once drawn.
            cells[i].Reset();
            x += widths[i];
        }
    }
}

/// <summary>Columns, header cells and body cells (row by row) of a table.</summary>
public sealed class TableDescriptor
{
    private readonly List<(float Constant, float Share)> _columns = [];
    private readonly List<Element> _header = [];
    private readonly List<Element> _cells = [];

    internal SKColor? ZebraColor { get; private set; }

    public TableDescriptor ConstantColumn(float width)
    {
        _columns.Add((width, 0));
        return this;
    }

    public TableDescriptor RelativeColumn(float share = 1)
    {
        _columns.Add((0, share));
        return this;
    }

    public TableDescriptor Zebra(SKColor color)
    {
        ZebraColor = color;
        return this;
    }

    public Container HeaderCell() => Add(_header);

    public Container Cell() => Add(_cells);

    private static Container Add(List<Element> list)
    {
        var index = list.Count;
        list.Add(new EmptyElement());
        return new Container(e => list[index] = e);
    }

    internal Element Build()
    {
        var n = _columns.Count;
        if (n == 0)
        {
            throw new ArgumentException("表格没有列：先调用 ConstantColumn 或 RelativeColumn / a table needs columns: call ConstantColumn or RelativeColumn first");
        }
        if (_header.Count is not 0 && _header.Count != n || _cells.Count % n != 0)
        {
            throw new ArgumentException($"表格有 {n} 列，但表头有 {_header.Count} 格、表体有 {_cells.Count} 格 / a table of {n} columns got {_header.Count} header cells and {_cells.Count} body cells (not whole rows)");
        }
        var rows = Enumerable.Range(0, _cells.Count / n).Select(r => _cells.GetRange(r * n, n).ToArray()).ToArray();
        return new Table([.. _columns], [.. _header], rows, ZebraColor, SKColors.Gray);
    }
}
