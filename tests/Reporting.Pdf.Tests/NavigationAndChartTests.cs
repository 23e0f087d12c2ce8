using Reporting.Pdf.Layout;
using Reporting.Pdf.Text;
using SkiaSharp;
using UglyToad.PdfPig;

namespace Reporting.Pdf.Tests;

/// <summary>Table of contents with page numbers and links, the PDF outline, and ScottPlot charts in the page.</summary>
public sealed class NavigationAndChartTests
{
    private static readonly TimeProvider Clock = PdfOutputTests.Clock;

    private static readonly (string Name, string Title, int Level)[] Headings =
    [
        ("one", "一、总体情况", 0),
        ("two", "二、指标运行情况", 0),
        ("two-quality", "（一）质量指标", 1),
        ("three", "三、异动与弱势指标", 0),
    ];

    private static Document Sample() =>
        Document.Create(new DocumentMetadata("目录测试", "测试", "", ""), d => d.Page(p =>
        {
            p.Margin(50);
            p.Footer().PageNumber("第 {0} 页 / 共 {1} 页", TextStyle.Default with { Size = 9 });
            p.Content().Column(c =>
            {
                c.Spacing(6);
                c.Item().Text("目录", TextStyle.Default with { Size = 16, Bold = true });
                foreach (var (name, title, _) in Headings)
                {
                    c.Item().SectionLink(name).Row(r =>
                    {
                        r.RelativeItem().Text(title);
                        r.ConstantItem(40).SectionPageNumber(name);
                    });
                }
                foreach (var (name, title, level) in Headings)
                {
                    if (level == 0)
                    {
                        c.Item().PageBreak();
                    }
                    c.Item().Section(name, title, level).Text(title, TextStyle.Default with { Size = level == 0 ? 16 : 13, Bold = true });
                    for (var i = 0; i < 8; i++)
                    {
                        c.Item().Text("本段用于占位，使各章节分布在不同页面上。");
                    }
                }
                c.Item().Chart(200, plot =>
                {
                    var line = plot.Add.Scatter(new double[] { 1, 2, 3, 4 }, new double[] { 1.42, 1.45, 1.39, 1.51 });
                    line.LegendText = "案-件比";
                    plot.Title("案-件比月度走势");
                    plot.Axes.Left.Label.Text = "比值";
                    plot.ShowLegend();
                }, "案-件比月度走势", "比值", "案-件比");
            });
        }));

    private static byte[] Render(out LayoutResult result)
    {
        using var output = new MemoryStream();
        result = Sample().GeneratePdf(output, LayoutTests.Fonts, Clock);
        return output.ToArray();
    }

    [Fact]
    public void Contents_ShowTheMeasuredPageOfEachSection_AndLinkToIt()
    {
        var bytes = Render(out var result);
        using var pdf = PdfDocument.Open(bytes);

        var contents = pdf.GetPage(1).GetWords().Select(w => w.Text).ToList();
        foreach (var (name, _, _) in Headings)
        {
            var page = result.Sections[name].Page;
            Assert.Contains(page.ToString(System.Globalization.CultureInfo.InvariantCulture), contents);
            Assert.Contains(Headings.First(h => h.Name == name).Title, pdf.GetPage(page).Text.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
        Assert.Equal([2, 3, 3, 4], Headings.Select(h => result.Sections[h.Name].Page));
        var links = pdf.GetPage(1).GetAnnotations().Where(a => a.Type == UglyToad.PdfPig.Annotations.AnnotationType.Link).ToList();
        Assert.Equal(Headings.Length, links.Count);
    }

    [Fact]
    public void Outline_HoldsTheHeadings_NestedByLevel_PointingAtTheirPages()
    {
        var bytes = Render(out var result);
        using var pdf = PdfDocument.Open(bytes);

        Assert.True(pdf.TryGetBookmarks(out var bookmarks));
        var roots = bookmarks.Roots.ToList();
        Assert.Equal(["一、总体情况", "二、指标运行情况", "三、异动与弱势指标"], roots.Select(r => r.Title));
        Assert.Equal(["（一）质量指标"], roots[1].Children.Select(c => c.Title));
        var pages = bookmarks.GetNodes().OfType<UglyToad.PdfPig.Outline.DocumentBookmarkNode>().ToDictionary(n => n.Title, n => n.PageNumber);
        foreach (var (name, title, _) in Headings)
        {
            Assert.Equal(result.Sections[name].Page, pages[title]);
        }
        // The internal links Skia wrote survive the appended outline.
        Assert.Equal(Headings.Length, pdf.GetPage(1).GetAnnotations().Count(a => a.Type == UglyToad.PdfPig.Annotations.AnnotationType.Link));
    }

    [Fact]
    public void Chart_IsDrawnAsVectorText_InTheSubsetFont()
    {
        var bytes = Render(out var result);
        using var pdf = PdfDocument.Open(bytes);
        var last = pdf.GetPage(result.Pages);

        Assert.Contains("案-件比月度走势", last.Text, StringComparison.Ordinal);
        Assert.Contains("比值", last.Text, StringComparison.Ordinal);
        Assert.Empty(last.GetImages());
        Assert.All(last.Letters.Select(l => l.FontName).Distinct(), f => Assert.Matches("^[A-Z]{6}\\+", f));
        Assert.True(bytes.Length < 150_000, $"{bytes.Length} bytes");
    }

    [Fact]
    public void SectionNames_MustBeAscii_BecauseSkiaWritesThemAsPdfNamesByteByByte()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Document.Create(new DocumentMetadata("", "", "", ""), d => d.Page(p => p.Content().Section("质量").Text("（一）质量指标"))));
        Assert.Contains("质量", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Image_IsPlacedInThePage()
    {
        using var bitmap = new SKBitmap(40, 20);
        bitmap.Erase(SKColors.SteelBlue);
        using var image = SKImage.FromBitmap(bitmap);
        var document = Document.Create(new DocumentMetadata("", "", "", ""), d => d.Page(p => p.Content().Column(c =>
        {
            c.Item().Text("院徽");
            c.Item().Named("logo").Image(image, 30);
        })));
        using var output = new MemoryStream();
        var result = document.GeneratePdf(output, LayoutTests.Fonts, Clock);

        using var pdf = PdfDocument.Open(output.ToArray());
        var placed = Assert.Single(pdf.GetPage(1).GetImages());
        Assert.Equal(60, placed.BoundingBox.Width, 1);
        Assert.Equal(30, result.Blocks("logo").Single().Bounds.Height, 1);
    }
}
