namespace Reporting.Pdf.Layout;

/// <summary>Children one below another, with spacing; pages between children or inside one that pages itself.</summary>
internal sealed class Column(IReadOnlyList<Element> items, float spacing) : Element
{
    private int _current;

    internal override IEnumerable<Element> Children => items;

    internal override void Reset()
    {
        _current = 0;
        base.Reset();
    }

    internal override SpacePlan Measure(Size available, LayoutContext context) => Walk(available, context, draw: false);

    internal override void Draw(Size available, LayoutContext context) => Walk(available, context, draw: true);

    private SpacePlan Walk(Size available, LayoutContext context, bool draw)
    {
        var used = 0f;
        var placed = 0;
        for (var i = _current; i < items.Count; i++)
        {
            var gap = placed > 0 ? spacing : 0;
            var room = new Size(available.Width, Math.Max(0, available.Height - used - gap));
            var plan = items[i].Measure(room, context);
            switch (plan.Kind)
            {
                case SpaceKind.Empty:
                    if (draw)
                    {
                        _current = i + 1;
                    }
                    continue;
                case SpaceKind.Wrap:
                    return placed == 0 ? plan : SpacePlan.Partial(available.Width, used);
            }
            if (draw)
            {
                DrawAt(items[i], 0, used + gap, new Size(available.Width, plan.Height), context);
            }
            used += gap + plan.Height;
            placed++;
            if (plan.Kind == SpaceKind.Partial)
            {
                return SpacePlan.Partial(available.Width, used);
            }
            if (draw)
            {
                _current = i + 1;
            }
        }
        return placed == 0 ? SpacePlan.Empty : SpacePlan.Full(available.Width, used);
    }
}

/// <summary>How rows and tables share a width: fixed widths first, then what is left in proportion to the shares.</summary>
internal static class WidthSplit
{
    public static float[] Split(float available, IReadOnlyList<(float Constant, float Share)> parts)
    {
        var free = Math.Max(0, available - parts.Sum(p => p.Constant));
        var shares = parts.Sum(p => p.Share);
        return parts.Select(p => p.Constant + (shares > 0 ? free * p.Share / shares : 0)).ToArray();
    }
}

/// <summary>Children side by side: fixed widths and shares of what is left. A row pages when a child does.</summary>
internal sealed class Row(IReadOnlyList<(Element Element, float Constant, float Relative)> items, float spacing) : Element
{
    private readonly bool[] _done = new bool[items.Count];

    internal override IEnumerable<Element> Children => items.Select(i => i.Element);

    internal override void Reset()
    {
        Array.Clear(_done);
        base.Reset();
    }

    internal override SpacePlan Measure(Size available, LayoutContext context) => Walk(available, context, draw: false);

    internal override void Draw(Size available, LayoutContext context) => Walk(available, context, draw: true);

    private SpacePlan Walk(Size available, LayoutContext context, bool draw)
    {
        var widths = WidthSplit.Split(available.Width - spacing * Math.Max(0, items.Count - 1), items.Select(i => (i.Constant, i.Relative)).ToList());
        var plans = new SpacePlan[items.Count];
        var height = 0f;
        var partial = false;
        var any = false;
        for (var i = 0; i < items.Count; i++)
        {
            plans[i] = _done[i] ? SpacePlan.Empty : items[i].Element.Measure(new Size(widths[i], available.Height), context);
            if (plans[i].Kind == SpaceKind.Wrap)
            {
                return plans[i];
            }
            height = Math.Max(height, plans[i].Height);
            partial |= plans[i].Kind == SpaceKind.Partial;
            any |= plans[i].Kind != SpaceKind.Empty;
        }
        if (draw)
        {
            var x = 0f;
            for (var i = 0; i < items.Count; i++)
            {
                if (plans[i].Fits)
                {
                    DrawAt(items[i].Element, x, 0, new Size(widths[i], height), context);
                }
                _done[i] |= plans[i].Kind is SpaceKind.Full or SpaceKind.Empty;
                x += widths[i] + spacing;
            }
        }
        return !any ? SpacePlan.Empty : partial ? SpacePlan.Partial(available.Width, height) : SpacePlan.Full(available.Width, height);
    }
}
