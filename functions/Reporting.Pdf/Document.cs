using Reporting.Pdf.Fonts;
using Reporting.Pdf.Layout;
using SkiaSharp;

namespace Reporting.Pdf;

/// <summary>What the PDF says about itself (title, author, subject and keywords may be Chinese).</summary>
public sealed record DocumentMetadata(string Title, string Author, string Subject, string Keywords)
{
    public string Creator { get; init; } = "Reporting";
}

public static class PageSizes
{
    public static readonly Size A4 = new(595.28f, 841.89f);
}

/// <summary>A page template: size, margins, and the header, content and footer slots. Only the content pages.</summary>
public sealed class PageDescriptor
{
    internal Size PageSize { get; private set; } = PageSizes.A4;

    internal (float Left, float Top, float Right, float Bottom) Margins { get; private set; } = (56, 56, 56, 56);

    internal float HeaderGap { get; private set; } = 12;

    internal Element HeaderElement { get; private set; } = new EmptyElement();

    internal Element ContentElement { get; private set; } = new EmptyElement();

    internal Element FooterElement { get; private set; } = new EmptyElement();

    public PageDescriptor Size(Size size)
    {
        PageSize = size;
        return this;
    }

    public PageDescriptor Margin(float all) => Margin(all, all, all, all);

    public PageDescriptor Margin(float left, float top, float right, float bottom)
    {
        Margins = (left, top, right, bottom);
        return this;
    }

    /// <summary>Space between the header and the content, and between the content and the footer.</summary>
    public PageDescriptor Gap(float points)
    {
        HeaderGap = points;
        return this;
    }

    public Container Header() => new(e => HeaderElement = e);

    public Container Content() => new(e => ContentElement = e);

    public Container Footer() => new(e => FooterElement = e);
}

/// <summary>A document: metadata and one or more page templates, each run until its content is drawn.</summary>
public sealed class Document
{
    private Document()
    {
    }

    public DocumentMetadata Metadata { get; private set; } = new("", "", "", "");

    internal List<PageDescriptor> Pages { get; } = [];

    public static Document Create(DocumentMetadata metadata, Action<DocumentComposer> compose)
    {
        var document = new Document { Metadata = metadata };
        compose(new DocumentComposer(document));
        return document;
    }

    public sealed class DocumentComposer
    {
        private readonly Document _document;

        internal DocumentComposer(Document document) => _document = document;

        public void Page(Action<PageDescriptor> compose)
        {
            var page = new PageDescriptor();
            compose(page);
            _document.Pages.Add(page);
        }
    }

    /// <summary>Lays the document out without writing a PDF: page count and where named blocks landed.</summary>
    public LayoutResult Layout(FontLibrary fonts)
    {
        using var set = new FontSet(fonts);
        return DocumentLayout.Run(this, set, null);
    }

    /// <summary>
    /// Writes the PDF: a measuring pass (page count, sections, the characters each font sets), fonts cut to those
    /// characters, then the drawing pass. The same document and clock give the same bytes.
    /// </summary>
    public LayoutResult GeneratePdf(Stream output, FontLibrary fonts, TimeProvider clock)
    {
        using var set = new FontSet(fonts);
        var measured = DocumentLayout.Run(this, set, null);
        set.UseSubsets();
        var now = clock.GetUtcNow().UtcDateTime;
        var metadata = new SKDocumentPdfMetadata
        {
            Title = Metadata.Title,
            Author = Metadata.Author,
            Subject = Metadata.Subject,
            Keywords = Metadata.Keywords,
            Creator = Metadata.Creator,
            Producer = "Reporting.Pdf (SkiaSharp)",
            Creation = now,
            Modified = now,
        };
        using var written = new MemoryStream();
        LayoutResult drawn;
        using (var pdf = SKDocument.CreatePdf(written, metadata))
        {
            drawn = DocumentLayout.Run(this, set, (pdf, measured));
            pdf.Close();
        }
        var bytes = drawn.Outline.Count > 0 ? PdfOutline.Append(written.ToArray(), drawn.Outline) : written.ToArray();
        output.Write(bytes);
        return drawn;
    }
}

/// <summary>The page count and every named block's place, page by page.</summary>
public sealed record LayoutResult(int Pages, IReadOnlyList<PlacedBlock> Placed, IReadOnlyList<OutlineEntry> Outline)
{
    /// <summary>Where each section starts: page and distance from the page's top.</summary>
    public IReadOnlyDictionary<string, (int Page, float Top)> Sections =>
        Placed.Where(p => p.Name.StartsWith(DocumentLayout.SectionPrefix, StringComparison.Ordinal))
            .GroupBy(p => p.Name[DocumentLayout.SectionPrefix.Length..])
            .ToDictionary(g => g.Key, g => (g.First().Page, g.First().Bounds.Top));

    public IEnumerable<PlacedBlock> Blocks(string name) => Placed.Where(p => p.Name == name);
}

/// <summary>The paging loop: header and footer on every page, the content until it is all drawn.</summary>
internal static class DocumentLayout
{
    public const string SectionPrefix = "section:";

    private const int PageLimit = 5000;

    public static LayoutResult Run(Document document, FontSet fonts, (SKDocument Pdf, LayoutResult Measured)? output)
    {
        var context = new LayoutContext(fonts, output is not null)
        {
            TotalPages = output?.Measured.Pages ?? 0,
            SectionPages = output?.Measured.Sections.ToDictionary(s => s.Key, s => s.Value.Page) ?? [],
        };
        foreach (var page in document.Pages)
        {
            page.HeaderElement.Reset();
            page.ContentElement.Reset();
            page.FooterElement.Reset();
        }
        foreach (var page in document.Pages)
        {
            var (left, top, right, bottom) = page.Margins;
            var width = page.PageSize.Width - left - right;
            var height = page.PageSize.Height - top - bottom;
            while (true)
            {
                context.PageNumber++;
                if (context.PageNumber > PageLimit)
                {
                    throw new LayoutException($"the document passed {PageLimit} pages: some content never finishes");
                }
                using var noDraw = output is null ? new SKNoDrawCanvas((int)page.PageSize.Width, (int)page.PageSize.Height) : null;
                context.Canvas = output is { } o ? o.Pdf.BeginPage(page.PageSize.Width, page.PageSize.Height) : noDraw!;
                context.PageSize = page.PageSize;
                var header = Fixed(page.HeaderElement, "header", new Size(width, height), context);
                var footer = Fixed(page.FooterElement, "footer", new Size(width, height), context);
                var headerSpace = header.Height > 0 ? header.Height + page.HeaderGap : 0;
                var footerSpace = footer.Height > 0 ? footer.Height + page.HeaderGap : 0;
                var content = new Size(width, height - headerSpace - footerSpace);
                var plan = page.ContentElement.Measure(content, context);
                if (plan.Kind == SpaceKind.Wrap)
                {
                    throw new LayoutException($"第 {context.PageNumber} 页：内容在空白页上也放不下 / page {context.PageNumber}: content does not fit on an empty page ({plan.Reason})");
                }
                DrawFixed(page.HeaderElement, left, top, new Size(width, header.Height), context);
                Element.DrawAt(page.ContentElement, left, top + headerSpace, content, context);
                DrawFixed(page.FooterElement, left, page.PageSize.Height - bottom - footer.Height, new Size(width, footer.Height), context);
                if (output is { } done)
                {
                    done.Pdf.EndPage();
                }
                if (plan.Kind is SpaceKind.Full or SpaceKind.Empty)
                {
                    break;
                }
            }
        }
        return new LayoutResult(context.PageNumber, context.Placed, context.Outline);
    }

    /// <summary>Header and footer do not page: each must fit whole on every page.</summary>
    private static SpacePlan Fixed(Element element, string slot, Size available, LayoutContext context)
    {
        var plan = element.Measure(available, context);
        return plan.Kind switch
        {
            SpaceKind.Empty or SpaceKind.Full => plan,
            _ => throw new LayoutException($"页眉或页脚（{slot}）放不下 / the {slot} does not fit on a page ({plan.Reason ?? "taller than the page"})"),
        };
    }

    private static void DrawFixed(Element element, float x, float y, Size size, LayoutContext context)
    {
        Element.DrawAt(element, x, y, size, context);
        // Drawn again on the next page from its start.
        element.Reset();
    }
}
