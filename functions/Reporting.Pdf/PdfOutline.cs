using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Reporting.Pdf.Layout;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace Reporting.Pdf;

/// <summary>
/// Adds the document outline (bookmarks) that Skia cannot write, as an incremental update appended to Skia's file:
/// the outline items, a catalog re-issued with /Outlines, a cross-reference section for those objects and a trailer
/// pointing back at Skia's. Everything Skia wrote (fonts, links, named destinations, metadata) stays byte for byte.
/// This relies on Skia writing a classic xref table and the catalog as a plain dictionary, which it does.
/// </summary>
internal static partial class PdfOutline
{
    public static byte[] Append(byte[] pdf, IReadOnlyList<OutlineEntry> entries)
    {
        using var document = PdfDocument.Open(pdf);
        var catalogReference = document.Structure.Trailer.Root;
        var pages = new List<long>();
        CollectPages((IndirectReferenceToken)document.Structure.Catalog.CatalogDictionary.Data[NameToken.Pages.Data], document, pages);

        var text = Encoding.Latin1.GetString(pdf);
        var catalog = Regex.Match(text, $@"(?m)^{catalogReference.ObjectNumber} 0 obj\s*(<<.*?>>)\s*endobj", RegexOptions.Singleline);
        if (!catalog.Success)
        {
            throw new InvalidOperationException("the PDF's catalog dictionary was not found where Skia writes it; the outline cannot be added");
        }
        var previousXref = StartXref().Matches(text)[^1].Groups[1].Value;
        var info = document.Structure.Trailer.Info is IndirectReferenceToken infoReference ? $" /Info {infoReference.Data.ObjectNumber} 0 R" : "";

        long next = document.Structure.Trailer.Size;
        var bodies = new SortedDictionary<long, string>();
        var outlines = next++;
        var tree = Tree(entries);
        var (first, last, count) = Items(tree, outlines, bodies, pages, ref next);
        bodies[outlines] = $"<</Type /Outlines /First {first} 0 R /Last {last} 0 R /Count {count}>>";
        bodies[catalogReference.ObjectNumber] = catalog.Groups[1].Value[..^2] + $" /Outlines {outlines} 0 R /PageMode /UseOutlines>>";

        using var output = new MemoryStream(pdf.Length + 4096);
        output.Write(pdf);
        var offsets = new SortedDictionary<long, long>();
        foreach (var (number, body) in bodies)
        {
            output.WriteByte((byte)'\n');
            offsets[number] = output.Position;
            output.Write(Encoding.Latin1.GetBytes($"{number} 0 obj\n{body}\nendobj\n"));
        }
        var xref = output.Position;
        var table = new StringBuilder("xref\n");
        foreach (var (number, offset) in offsets)
        {
            // One subsection per object: the re-issued catalog keeps its old number, the new objects follow the old ones.
            table.Append(CultureInfo.InvariantCulture, $"{number} 1\n{offset:D10} 00000 n \n");
        }
        table.Append(CultureInfo.InvariantCulture, $"trailer\n<</Size {next} /Root {catalogReference.ObjectNumber} 0 R{info} /Prev {previousXref}>>\nstartxref\n{xref}\n%%EOF\n");
        output.Write(Encoding.Latin1.GetBytes(table.ToString()));
        return output.ToArray();
    }

    private sealed record Node(OutlineEntry Entry, List<Node> Children);

    /// <summary>Nests entries by level: each goes under the nearest earlier entry of a lower level.</summary>
    private static List<Node> Tree(IReadOnlyList<OutlineEntry> entries)
    {
        var roots = new List<Node>();
        var open = new Stack<Node>();
        foreach (var entry in entries)
        {
            while (open.Count > 0 && open.Peek().Entry.Level >= entry.Level)
            {
                open.Pop();
            }
            var node = new Node(entry, []);
            (open.Count == 0 ? roots : open.Peek().Children).Add(node);
            open.Push(node);
        }
        return roots;
    }

    private static (long First, long Last, int Count) Items(List<Node> items, long parent, SortedDictionary<long, string> bodies, List<long> pages, ref long next)
    {
        var numbers = new long[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            numbers[i] = next++;
        }
        var count = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var entry = items[i].Entry;
            var body = new StringBuilder($"<</Title {TextString(entry.Title)} /Parent {parent} 0 R");
            if (i > 0)
            {
                body.Append(CultureInfo.InvariantCulture, $" /Prev {numbers[i - 1]} 0 R");
            }
            if (i < items.Count - 1)
            {
                body.Append(CultureInfo.InvariantCulture, $" /Next {numbers[i + 1]} 0 R");
            }
            // PDF user space runs upward from the page's bottom; layout measures downward from its top.
            var top = entry.PageHeight - entry.Top;
            body.Append(CultureInfo.InvariantCulture, $" /Dest [{pages[entry.Page - 1]} 0 R /XYZ 0 {top:0.##} 0]");
            if (items[i].Children.Count > 0)
            {
                var (first, last, children) = Items(items[i].Children, numbers[i], bodies, pages, ref next);
                body.Append(CultureInfo.InvariantCulture, $" /First {first} 0 R /Last {last} 0 R /Count {children}");
                count += children;
            }
            bodies[numbers[i]] = body.Append(">>").ToString();
            count++;
        }
        return (numbers[0], numbers[^1], count);
    }

    private static void CollectPages(IndirectReferenceToken node, PdfDocument document, List<long> pages)
    {
        var dictionary = (DictionaryToken)document.Structure.GetObject(node.Data).Data;
        if (dictionary.TryGet(NameToken.Kids, out ArrayToken kids) && kids is not null)
        {
            foreach (var kid in kids.Data.OfType<IndirectReferenceToken>())
            {
                CollectPages(kid, document, pages);
            }
        }
        else
        {
            pages.Add(node.Data.ObjectNumber);
        }
    }

    /// <summary>A PDF text string in UTF-16BE with a byte-order mark, written in hex so no byte needs escaping.</summary>
    private static string TextString(string text) => "<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(text)) + ">";

    [GeneratedRegex(@"startxref\s+(\d+)")]
    private static partial Regex StartXref();
}
