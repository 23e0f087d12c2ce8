using SkiaSharp;

namespace Reporting.Pdf.Layout;

/// <summary>An element around one child: the base of padding, background, border and the markers below.</summary>
internal abstract class Wrapper : Element
{
    public Element Child { get; set; } = new EmptyElement();

    internal override IEnumerable<Element> Children => [Child];

    internal override SpacePlan Measure(Size available, LayoutContext context) => Child.Measure(available, context);

    internal override void Draw(Size available, LayoutContext context) => Child.Draw(available, context);
}

internal sealed class Padding(float left, float top, float right, float bottom) : Wrapper
{
    internal override SpacePlan Measure(Size available, LayoutContext context)
    {
        var inner = new Size(Math.Max(0, available.Width - left - right), Math.Max(0, available.Height - top - bottom));
        if (inner.Height <= 0 && top + bottom > 0)
        {
            return SpacePlan.Wrap("no room for the padding");
        }
        var plan = Child.Measure(inner, context);
        return plan.Fits ? plan with { Width = plan.Width + left + right, Height = plan.Height + top + bottom } : plan;
    }

    internal override void Draw(Size available, LayoutContext context)
    {
        var inner = new Size(Math.Max(0, available.Width - left - right), Math.Max(0, available.Height - top - bottom));
        DrawAt(Child, left, top, inner, context);
    }
}

/// <summary>Fills the space the child takes (full width) before drawing it.</summary>
internal sealed class Background(SKColor color) : Wrapper
{
    internal override void Draw(Size available, LayoutContext context)
    {
        var plan = Child.Measure(available, context);
        using var paint = new SKPaint { Color = color, Style = SKPaintStyle.Fill };
        context.Canvas.DrawRect(0, 0, available.Width, plan.Fits ? plan.Height : 0, paint);
        Child.Draw(available, context);
    }
}

/// <summary>Strokes the edges of the space the child takes; a side of zero thickness is not drawn.</summary>
internal sealed class Border(float left, float top, float right, float bottom, SKColor color) : Wrapper
{
    internal override void Draw(Size available, LayoutContext context)
    {
        var plan = Child.Measure(available, context);
        Child.Draw(available, context);
        var height = plan.Fits ? plan.Height : 0;
        using var paint = new SKPaint { Color = color, Style = SKPaintStyle.Fill };
        var canvas = context.Canvas;
        if (top > 0)
        {
            canvas.DrawRect(0, 0, available.Width, top, paint);
        }
        if (bottom > 0)
        {
            canvas.DrawRect(0, height - bottom, available.Width, bottom, paint);
        }
        if (left > 0)
        {
            canvas.DrawRect(0, 0, left, height, paint);
        }
        if (right > 0)
        {
            canvas.DrawRect(available.Width - right, 0, right, height, paint);
        }
    }
}

/// <summary>Records where its child lands on each page it is drawn on (layout tests, table of contents).</summary>
internal sealed class Named(string name) : Wrapper
{
    internal override void Draw(Size available, LayoutContext context)
    {
        var plan = Child.Measure(available, context);
        var origin = context.Origin;
        context.Placed.Add(new PlacedBlock(context.PageNumber, name, SKRect.Create(origin.X, origin.Y, plan.Fits ? plan.Width : 0, plan.Fits ? plan.Height : 0)));
        Child.Draw(available, context);
    }
}

/// <summary>A named destination where its child starts: what links and the outline point to.</summary>
internal sealed class Section(string name, string? outlineTitle, int outlineLevel) : Wrapper
{
    private bool _marked;

    internal override void Reset()
    {
        _marked = false;
        base.Reset();
    }

    internal override void Draw(Size available, LayoutContext context)
    {
        if (!_marked)
        {
            _marked = true;
            var origin = context.Origin;
            context.Placed.Add(new PlacedBlock(context.PageNumber, DocumentLayout.SectionPrefix + name, SKRect.Create(origin.X, origin.Y, available.Width, 0)));
            if (outlineTitle is not null)
            {
                context.Outline.Add(new OutlineEntry(outlineTitle, outlineLevel, context.PageNumber, origin.Y, context.PageSize.Height));
            }
            if (context.Drawing)
            {
                context.Canvas.DrawNamedDestinationAnnotation(new SKPoint(0, 0), name);
            }
        }
        Child.Draw(available, context);
    }
}

/// <summary>Makes the child's area a link to a named destination (a section) in the same document.</summary>
internal sealed class SectionLink(string name) : Wrapper
{
    internal override void Draw(Size available, LayoutContext context)
    {
        var plan = Child.Measure(available, context);
        Child.Draw(available, context);
        if (context.Drawing && plan.Fits)
        {
            context.Canvas.DrawLinkDestinationAnnotation(SKRect.Create(0, 0, plan.Width, plan.Height), name);
        }
    }
}

/// <summary>Ends the page here (once).</summary>
internal sealed class PageBreak : Element
{
    private bool _done;

    internal override void Reset() => _done = false;

    internal override SpacePlan Measure(Size available, LayoutContext context) => _done ? SpacePlan.Empty : SpacePlan.Partial(0, 0);

    internal override void Draw(Size available, LayoutContext context) => _done = true;
}

/// <summary>Keeps its child on one page: moves it whole to the next page rather than splitting it.</summary>
internal sealed class KeepTogether : Wrapper
{
    internal override SpacePlan Measure(Size available, LayoutContext context)
    {
        var plan = Child.Measure(available, context);
        return plan.Kind == SpaceKind.Partial ? SpacePlan.Wrap("kept together, and it does not fit in what is left of the page") : plan;
    }
}

/// <summary>
/// A fixed-height area drawn with Skia (charts and images), painted in the drawing pass only;
/// <paramref name="everyPass"/> runs in the measuring pass too (a chart records its characters for the font subset).
/// </summary>
internal sealed class CanvasSlot(float height, Action<SKCanvas, Size, LayoutContext> paint, Action<LayoutContext>? everyPass = null) : Element
{
    private bool _done;

    internal override void Reset() => _done = false;

    internal override SpacePlan Measure(Size available, LayoutContext context) =>
        _done ? SpacePlan.Empty : height <= available.Height ? SpacePlan.Full(available.Width, height) : SpacePlan.Wrap($"a drawing {height:0} pt high");

    internal override void Draw(Size available, LayoutContext context)
    {
        everyPass?.Invoke(context);
        if (context.Drawing)
        {
            context.Canvas.Save();
            context.Canvas.ClipRect(SKRect.Create(0, 0, available.Width, height));
            paint(context.Canvas, new Size(available.Width, height), context);
            context.Canvas.Restore();
        }
        _done = true;
    }
}
