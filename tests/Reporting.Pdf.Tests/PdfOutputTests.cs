using Microsoft.Extensions.Time.Testing;
using Reporting.Pdf.Fonts;
using Reporting.Pdf.Layout;
using Reporting.Pdf.Text;
using SkiaSharp;
using UglyToad.PdfPig;

namespace Reporting.Pdf.Tests;

/// <summary>The written PDF read back with PdfPig: text, pages, metadata, fonts, links and determinism.</summary>
public sealed class PdfOutputTests
{

    internal static readonly TimeProvider Clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 30, 0, TimeSpan.Zero));

    private const string Sentence = "2025年第二季度，结案率为96.5%，同比上升1.2个百分点（趋优）。";

    private static Document Sample(string body = Sentence, int paragraphs = 60) =>
        Document.Create(new DocumentMetadata("审判态势分析报告", "示例省高级人民法院", "2025年第二季度", "审判质量, 案件比"), d => d.Page(p =>
        {
            p.Margin(50);
            p.Header().BorderBottom(0.5f, SKColors.Gray).Text("内部资料", TextStyle.Default with { Size = 9, Color = SKColors.Gray }, TextAlign.Right);
            p.Footer().PageNumber("第 {0} 页 / 共 {1} 页", TextStyle.Default with { Size = 9 });
            p.Content().Column(c =>
            {
                c.Spacing(6);
                c.Item().SectionLink("overview").Text("一、总体情况", TextStyle.Default with { Size = 12, Color = SKColors.Blue });
                c.Item().PageBreak();
                c.Item().Section("overview").Text("一、总体情况", TextStyle.Default with { Size = 16, Bold = true });
                for (var i = 0; i < paragraphs; i++)
                {
                    c.Item().Text(body);
                }
            });
        }));

    private static byte[] Render(Document document)
    {
        using var output = new MemoryStream();
        document.GeneratePdf(output, LayoutTests.Fonts, Clock);
        return output.ToArray();
    }

    [Fact]
    public void ChineseText_ReadsBack_WithPageNumbersAndMetadata()
    {
        var bytes = Render(Sample());
        using var pdf = PdfDocument.Open(bytes);

        Assert.Equal(3, pdf.NumberOfPages);
        var page2 = pdf.GetPage(2).Text;
        Assert.Contains("一、总体情况", page2, StringComparison.Ordinal);
        Assert.Contains(Sentence.Replace("，", "", StringComparison.Ordinal)[..6], page2.Replace("，", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("96.5%", page2, StringComparison.Ordinal);
        Assert.Contains("第 2 页 / 共 3 页", string.Join(" ", pdf.GetPage(2).GetWords().Select(w => w.Text)), StringComparison.Ordinal);
        Assert.Equal("审判态势分析报告", pdf.Information.Title);
        Assert.Equal("示例省高级人民法院", pdf.Information.Author);
        Assert.Equal("审判质量, 案件比", pdf.Information.Keywords);
        Assert.StartsWith("D:20260105093000", pdf.Information.CreationDate, StringComparison.Ordinal);
    }

    [Fact]
    public void Fonts_AreEmbeddedAsSubsets_SoTheFileStaysSmall()
    {
        var bytes = Render(Sample());
        // The whole Noto Sans SC face is over 10 MB; the subset of a few dozen characters is a few kilobytes.
        Assert.True(bytes.Length < 100_000, $"{bytes.Length} bytes");
        using var pdf = PdfDocument.Open(bytes);
        var fonts = pdf.GetPage(2).Letters.Select(l => l.FontName).Distinct().ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, f => Assert.Matches("^[A-Z]{6}\\+", f));
    }

    [Fact]
    public void SameDocumentAndClock_GiveTheSameBytes()
    {
        Assert.Equal(Render(Sample()), Render(Sample()));
    }

    [Fact]
    public void InternalLinks_PointAtTheirSection()
    {
        var bytes = Render(Sample());
        var text = System.Text.Encoding.Latin1.GetString(bytes);
        Assert.Contains("/Dests", text, StringComparison.Ordinal);
        Assert.Contains("/Subtype /Link", text, StringComparison.Ordinal);
        using var pdf = PdfDocument.Open(bytes);
        Assert.Single(pdf.GetPage(1).GetAnnotations());
    }

    [Fact]
    public void ACharacterNoFontHas_IsNamedInTheError()
    {
        var error = Assert.Throws<MissingGlyphException>(() => Render(Sample("结案率\uE000上升", 1)));
        Assert.Contains("U+E000", error.Message, StringComparison.Ordinal);
        Assert.Contains("结案率", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoChineseFont_IsAClearError()
    {
        var empty = Directory.CreateTempSubdirectory("no-fonts-").FullName;
        try
        {
            var error = Assert.Throws<FontNotFoundException>(() => FontLibrary.FromFolders([empty]).Chain(bold: false));
            Assert.Contains("scripts/fonts.sh", error.Message, StringComparison.Ordinal);
            Assert.Contains(empty, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }
}
