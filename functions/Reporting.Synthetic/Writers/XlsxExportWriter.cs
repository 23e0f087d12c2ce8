using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Reporting.Synthetic.Writers;

/// <summary>
/// A minimal XLSX (one worksheet, inline strings) streamed through XmlWriter, so generated files of any size are
/// written in constant memory. A cell given as "#serial:N" is written as a number (an Excel serial date).
/// </summary>
public sealed class XlsxExportWriter : IExportWriter
{
    public const int MaxRows = 1_048_576;
    public const string SerialPrefix = "#serial:";
    private const string Ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>Zip entries carry a time stamp; a fixed one keeps the same seed's files byte-identical.</summary>
    private static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ZipArchive _zip;
    private readonly Stream _sheetStream;
    private readonly XmlWriter _sheet;
    private int _row;

    public XlsxExportWriter(Stream output, IReadOnlyList<string> header)
    {
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: false, Encoding.UTF8);
        Part("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>
            """);
        Part("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """);
        Part("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="案件" sheetId="1" r:id="rId1"/></sheets></workbook>
            """);
        Part("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
            """);
        _sheetStream = Entry("xl/worksheets/sheet1.xml").Open();
        _sheet = XmlWriter.Create(_sheetStream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
        _sheet.WriteStartDocument(standalone: true);
        _sheet.WriteStartElement("worksheet", Ns);
        _sheet.WriteStartElement("sheetData", Ns);
        WriteRow(header);
    }

    public void WriteRow(IReadOnlyList<string?> cells)
    {
        if (_row == MaxRows)
        {
            throw new InvalidOperationException($"XLSX holds at most {MaxRows} rows per sheet; use CSV or JSON Lines for larger exports.");
        }
        _row++;
        _sheet.WriteStartElement("row", Ns);
        _sheet.WriteAttributeString("r", _row.ToString(System.Globalization.CultureInfo.InvariantCulture));
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not { } value)
            {
                continue;
            }
            _sheet.WriteStartElement("c", Ns);
            _sheet.WriteAttributeString("r", ColumnName(i) + _row.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (value.StartsWith(SerialPrefix, StringComparison.Ordinal))
            {
                _sheet.WriteElementString("v", Ns, value[SerialPrefix.Length..]);
            }
            else
            {
                _sheet.WriteAttributeString("t", "inlineStr");
                _sheet.WriteStartElement("is", Ns);
                _sheet.WriteElementString("t", Ns, value);
                _sheet.WriteEndElement();
            }
            _sheet.WriteEndElement();
        }
        _sheet.WriteEndElement();
    }

    private static string ColumnName(int index)
    {
        var name = "";
        index++;
        while (index > 0)
        {
            var rem = (index - 1) % 26;
            name = (char)('A' + rem) + name;
            index = (index - 1) / 26;
        }
        return name;
    }

    private ZipArchiveEntry Entry(string name)
    {
        var entry = _zip.CreateEntry(name, CompressionLevel.Fastest);
        entry.LastWriteTime = EntryTime;
        return entry;
    }

    private void Part(string name, string xml)
    {
        using var stream = Entry(name).Open();
        var bytes = new UTF8Encoding(false).GetBytes(xml.Trim());
        stream.Write(bytes);
    }

    public void Dispose()
    {
        _sheet.WriteEndElement();
        _sheet.WriteEndElement();
        _sheet.WriteEndDocument();
        _sheet.Dispose();
        _sheetStream.Dispose();
        _zip.Dispose();
    }
}
