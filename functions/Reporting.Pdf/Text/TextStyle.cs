using SkiaSharp;

namespace Reporting.Pdf.Text;

/// <summary>How a span of text looks. Sizes are in points; line height is a multiple of the size.</summary>
public sealed record TextStyle
{
    public static TextStyle Default { get; } = new();

    public float Size { get; init; } = 10.5f;

    public bool Bold { get; init; }

    public SKColor Color { get; init; } = SKColors.Black;

    public float LineHeight { get; init; } = 1.5f;
}
