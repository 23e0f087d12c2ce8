using Reporting.Pdf.Fonts;
using Reporting.Pdf.Layout;
using Reporting.Pdf.Text;
using SkiaSharp;

namespace Reporting.Pdf.Tests;

/// <summary>Where blocks land, page by page (geometry, not pixels), on A4 (595.28 × 841.89 pt) with 50 pt margins.</summary>
public sealed class LayoutTests
{
    internal static readonly FontLibrary Fonts = FontLibrary.Discover();

    private const float Width = 595.28f - 100;

    private static LayoutResult Lay(Action<PageDescriptor> page) =>
        Document.Create(new DocumentMetadata("测试", "", "", ""), d => d.Page(p => page(p.Margin(50).Gap(10)))).Layout(Fonts);

    private static void Block(Container slot, string name, float height) => slot.Named(name).Canvas(height, (_, _) => { });

    [Fact]
    public void ColumnItems_StackWithSpacing_AndMoveToTheNextPageWhenFull()
    {
        var result = Lay(p => p.Content().Column(c =>
        {
            c.Spacing(20);
            Block(c.Item(), "a", 300);
            Block(c.Item(), "b", 300);
            Block(c.Item(), "c", 300);
        }));

        Assert.Equal(2, result.Pages);
        Assert.Equal(SKRect.Create(50, 50, Width, 300), result.Blocks("a").Single().Bounds);
        Assert.Equal((1, 370f), (result.Blocks("b").Single().Page, result.Blocks("b").Single().Bounds.Top));
        Assert.Equal((2, 50f), (result.Blocks("c").Single().Page, result.Blocks("c").Single().Bounds.Top));
    }

    [Fact]
    public void HeaderAndFooter_RepeatOnEveryPage_AroundTheContent()
    {
        var result = Lay(p =>
        {
            Block(p.Header(), "header", 30);
            Block(p.Footer(), "footer", 20);
            p.Content().Column(c =>
            {
                for (var i = 0; i < 4; i++)
                {
                    Block(c.Item(), "body", 300);
                }
            });
        });

        Assert.Equal(2, result.Pages);
        Assert.Equal([1, 2], result.Blocks("header").Select(b => b.Page));
        Assert.All(result.Blocks("header"), b => Assert.Equal(50, b.Bounds.Top));
        Assert.All(result.Blocks("footer"), b => Assert.Equal(841.89f - 50 - 20, b.Bounds.Top, 0.01f));
        // Content starts below the header (30 pt + 10 pt gap) on both pages.
        Assert.Equal([90f, 90f], result.Blocks("body").GroupBy(b => b.Page).Select(g => g.First().Bounds.Top));
    }

    [Fact]
    public void AParagraph_ContinuesOnTheNextPage_WhereItStopped()
    {
        var text = string.Concat(Enumerable.Repeat("审判质量管理指标体系以案件比为核心。", 200));
        var result = Lay(p => p.Content().Column(c =>
        {
            Block(c.Item(), "spacer", 700);
            c.Item().Named("paragraph").Text(text, TextStyle.Default with { Size = 12, LineHeight = 1.5f });
        }));

        var parts = result.Blocks("paragraph").ToList();
        Assert.True(parts.Count >= 3);
        Assert.Equal(Enumerable.Range(1, parts.Count), parts.Select(p => p.Page));
        // 741.89 pt of content height: two 18 pt lines fit below the 700 pt block, 41 on a page of their own.
        Assert.Equal(36, parts[0].Bounds.Height, 0.01f);
        Assert.All(parts.Skip(1), p => Assert.Equal(50, p.Bounds.Top));
        Assert.Equal(41 * 18, parts[1].Bounds.Height, 0.01f);
    }

    [Fact]
    public void PageBreak_StartsANewPage()
    {
        var result = Lay(p => p.Content().Column(c =>
        {
            Block(c.Item(), "first", 50);
            c.Item().PageBreak();
            Block(c.Item(), "second", 50);
        }));

        Assert.Equal(2, result.Pages);
        Assert.Equal((2, 50f), (result.Blocks("second").Single().Page, result.Blocks("second").Single().Bounds.Top));
    }

    [Fact]
    public void KeepTogether_MovesTheWholeBlockToTheNextPage()
    {
        var result = Lay(p => p.Content().Column(c =>
        {
            Block(c.Item(), "spacer", 600);
            c.Item().KeepTogether().Named("kept").Column(k =>
            {
                Block(k.Item(), "part", 100);
                Block(k.Item(), "part", 100);
            });
        }));

        Assert.Equal((2, 50f), (result.Blocks("kept").Single().Page, result.Blocks("kept").Single().Bounds.Top));
        Assert.All(result.Blocks("part"), b => Assert.Equal(2, b.Page));
    }

    [Fact]
    public void ABlockTallerThanAnEmptyPage_IsALayoutError()
    {
        var error = Assert.Throws<LayoutException>(() => Lay(p => Block(p.Content(), "huge", 800)));
        Assert.Contains("empty page", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RowItems_GetFixedWidthsAndShares()
    {
        var result = Lay(p => p.Content().Row(r =>
        {
            r.Spacing(15);
            Block(r.ConstantItem(100), "fixed", 40);
            Block(r.RelativeItem(1), "one", 40);
            Block(r.RelativeItem(2), "two", 20);
        }));

        // 495.28 − 100 − 2 × 15 = 365.28 shared 1 : 2.
        Assert.Equal(new SKRect(50, 50, 150, 90), result.Blocks("fixed").Single().Bounds);
        Assert.Equal(165, result.Blocks("one").Single().Bounds.Left, 0.01f);
        Assert.Equal((Width - 130) / 3, result.Blocks("one").Single().Bounds.Width, 0.01f);
        Assert.Equal((Width - 130) * 2 / 3, result.Blocks("two").Single().Bounds.Width, 0.01f);
    }

    [Fact]
    public void Padding_InsetsTheContent()
    {
        var result = Lay(p => p.Content().Padding(10, 20, 30, 40).Named("inner").Canvas(100, (_, _) => { }));
        Assert.Equal(SKRect.Create(60, 70, Width - 40, 100), result.Blocks("inner").Single().Bounds);
    }
}

public sealed class TableLayoutTests
{
    private static LayoutResult Lay(int rows, float rowHeight) =>
        Document.Create(new DocumentMetadata("表格", "", "", ""), d => d.Page(p => p.Margin(50).Content().Table(t =>
        {
            t.ConstantColumn(80).RelativeColumn().RelativeColumn().Zebra(SKColors.WhiteSmoke);
            for (var c = 0; c < 3; c++)
            {
                t.HeaderCell().Named("header").Canvas(24, (_, _) => { });
            }
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < 3; c++)
                {
                    t.Cell().Named($"r{r}").Canvas(c == 1 ? rowHeight : rowHeight / 2, (_, _) => { });
                }
            }
        }))).Layout(LayoutTests.Fonts);

    [Fact]
    public void TheHeaderRepeatsOnEveryPage_AndRowsAreNeverSplit()
    {
        // 741.89 pt a page: 24 pt of header leaves room for 17 rows of 40 pt (680 pt) on each page.
        var result = Lay(rows: 40, rowHeight: 40);

        Assert.Equal(3, result.Pages);
        Assert.Equal([1, 2, 3], result.Blocks("header").Select(b => b.Page).Distinct());
        Assert.All(result.Blocks("header"), b => Assert.Equal(50, b.Bounds.Top));
        Assert.Equal(1, result.Blocks("r16").First().Page);
        Assert.Equal((2, 74f), (result.Blocks("r17").First().Page, result.Blocks("r17").First().Bounds.Top));
        Assert.All(Enumerable.Range(0, 40), r => Assert.Single(result.Blocks($"r{r}").Select(b => b.Page).Distinct()));
    }

    [Fact]
    public void ColumnsGetTheirWidths_AndCellsOfARowShareItsTop()
    {
        var result = Lay(rows: 2, rowHeight: 30);

        var row = result.Blocks("r1").ToList();
        Assert.Equal([50f, 130f, 130f + (495.28f - 80) / 2], row.Select(b => b.Bounds.Left));
        Assert.All(row, b => Assert.Equal(50 + 24 + 30, b.Bounds.Top));
    }

    [Fact]
    public void CellsThatDoNotMakeWholeRows_AreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => Document.Create(new DocumentMetadata("", "", "", ""), d => d.Page(p => p.Content().Table(t =>
        {
            t.RelativeColumn().RelativeColumn();
            t.Cell().Text("一");
        }))));
        Assert.Contains("2 columns", error.Message, StringComparison.Ordinal);
    }
}
