using Reporting.Pdf.Fonts;
using SkiaSharp;

namespace Reporting.Pdf.Layout;

/// <summary>A width and height in points (1/72 inch).</summary>
public readonly record struct Size(float Width, float Height);

public enum SpaceKind
{
    /// <summary>Nothing to draw (any more).</summary>
    Empty,

    /// <summary>Nothing fits in this space: try the next page.</summary>
    Wrap,

    /// <summary>Part of the content fits; the rest continues on the next page.</summary>
    Partial,

    /// <summary>Everything that is left fits.</summary>
    Full,
}

/// <summary>What an element would take of the space offered, measured without drawing or changing state.</summary>
public readonly record struct SpacePlan(SpaceKind Kind, float Width, float Height, string? Reason = null)
{
    public static SpacePlan Empty => new(SpaceKind.Empty, 0, 0);

    public static SpacePlan Full(float width, float height) => new(SpaceKind.Full, width, height);

    public static SpacePlan Partial(float width, float height) => new(SpaceKind.Partial, width, height);

    public static SpacePlan Wrap(string reason) => new(SpaceKind.Wrap, 0, 0, reason);

    public bool Fits => Kind is SpaceKind.Full or SpaceKind.Partial;
}

/// <summary>A layout problem that no page can solve, such as a block taller than an empty page.</summary>
public sealed class LayoutException(string message) : Exception(message);

/// <summary>Where a named block landed: for layout tests (geometry per page, not pixels) and the table of contents.</summary>
public sealed record PlacedBlock(int Page, string Name, SKRect Bounds);

/// <summary>A bookmark: a heading's title, its depth (0 = top), and where its section starts (page, points from the page's top).</summary>
public sealed record OutlineEntry(string Title, int Level, int Page, float Top, float PageHeight);

/// <summary>What the elements share while a page is laid out: the canvas, fonts, page numbers and what was placed.</summary>
internal sealed class LayoutContext(FontSet fonts, bool drawing)
{
    public FontSet Fonts { get; } = fonts;

    /// <summary>False in the measuring pass (a canvas that discards everything), true when writing the PDF.</summary>
    public bool Drawing { get; } = drawing;

    public SKCanvas Canvas { get; set; } = null!;

    public int PageNumber { get; set; }

    /// <summary>Known in the drawing pass; the measuring pass uses a stand-in of the same number of digits.</summary>
    public int TotalPages { get; set; }

    public List<PlacedBlock> Placed { get; } = [];

    public List<OutlineEntry> Outline { get; } = [];

    public Size PageSize { get; set; }

    /// <summary>The page each section starts on, from the measuring pass (empty while measuring).</summary>
    public IReadOnlyDictionary<string, int> SectionPages { get; init; } = new Dictionary<string, int>();

    /// <summary>The top-left corner of the current drawing position, in page coordinates.</summary>
    public SKPoint Origin => new(Canvas.TotalMatrix.TransX, Canvas.TotalMatrix.TransY);
}

/// <summary>
/// A layout element, in the manner of QuestPDF: <see cref="Measure"/> says what it would take of the space offered;
/// <see cref="Draw"/> draws that much and moves its state on, so the next page continues where this one stopped.
/// </summary>
public abstract class Element
{
    internal abstract SpacePlan Measure(Size available, LayoutContext context);

    internal abstract void Draw(Size available, LayoutContext context);

    internal virtual IEnumerable<Element> Children => [];

    /// <summary>Back to the start, before a pass or before a header is drawn again on the next page.</summary>
    internal virtual void Reset()
    {
        foreach (var child in Children)
        {
            child.Reset();
        }
    }

    /// <summary>Draws a child with its top-left corner at (x, y) of this element.</summary>
    internal static void DrawAt(Element child, float x, float y, Size size, LayoutContext context)
    {
        context.Canvas.Save();
        context.Canvas.Translate(x, y);
        child.Draw(size, context);
        context.Canvas.Restore();
    }
}

/// <summary>Nothing: what an empty slot holds.</summary>
internal sealed class EmptyElement : Element
{
    internal override SpacePlan Measure(Size available, LayoutContext context) => SpacePlan.Empty;

    internal override void Draw(Size available, LayoutContext context)
    {
    }
}
