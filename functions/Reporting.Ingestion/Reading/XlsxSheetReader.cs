using System.IO.Compression;
using System.Xml;

namespace Reporting.Ingestion.Reading;

/// <summary>
/// Streams the first worksheet of an XLSX file row by row with XmlReader. Guards against zip bombs (declared and
/// actual unpacked size, compression ratio) and never processes a DTD. The shared-string table is kept in memory up
/// to a budget and on disk past it (<see cref="SharedStringTable"/>), so memory stays bounded whatever the workbook.
/// </summary>
public sealed partial class XlsxSheetReader : IDisposable
{
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    // Strict Open XML (Excel's "Strict Open XML Spreadsheet" save option): the same parts under other namespaces.
    private const string StrictMainNs = "http://purl.oclc.org/ooxml/spreadsheetml/main";
    private const string StrictRelNs = "http://purl.oclc.org/ooxml/officeDocument/relationships";

    private readonly ZipArchive _zip;
    private readonly IngestionLimits _limits;
    private readonly SharedStringTable _sharedStrings;
    private readonly XmlReader _sheet;
    private readonly Stream _sheetStream;
    private long _unpackedBudget;
    private int _lastRow;

    public XlsxSheetReader(Stream stream, IngestionLimits limits)
    {
        _limits = limits;
        _sharedStrings = new SharedStringTable(limits.XlsxSharedStringsInMemoryBytes);
        try
        {
            try
            {
                _zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
                // The central directory is read on first use: a damaged one is a damaged zip, so read it here.
                _ = _zip.Entries.Count;
            }
            catch (InvalidDataException)
            {
                throw new ExportRejectedException("XLSX文件已损坏（压缩结构无效）", "the XLSX file is damaged (invalid zip structure)");
            }
            CheckZipBomb();
            _unpackedBudget = limits.MaxXlsxUnpackedBytes;
            var (sheetPath, date1904) = LocateFirstSheet();
            Date1904 = date1904;
            LoadSharedStrings();
            var entry = _zip.GetEntry(sheetPath)
                ?? throw new ExportRejectedException("XLSX文件中找不到第一个工作表", "the XLSX file has no first worksheet");
            _sheetStream = OpenEntry(entry);
            _sheet = XmlReader.Create(_sheetStream, SafeXml());
        }
        catch
        {
            // A workbook refused while opening leaves no temporary file (spilled shared strings) and no open entry behind.
            Dispose();
            throw;
        }
    }

    /// <summary>The workbook counts serial dates from 1904 (old Mac Excel).</summary>
    public bool Date1904 { get; }

    /// <summary>Row number (from the sheet's own r attribute) of the row last read.</summary>
    public int RowNumber => _lastRow;

    /// <summary>Reads the next row into <paramref name="cells"/> (index = column, null = empty). False at the end.</summary>
    public bool ReadRow(List<(string? Text, bool IsNumber)> cells)
    {
        cells.Clear();
        try
        {
            while (_sheet.Read())
            {
                if (_sheet.NodeType == XmlNodeType.Element && _sheet.LocalName == "row" && _sheet.NamespaceURI is MainNs or StrictMainNs)
                {
                    var r = _sheet.GetAttribute("r");
                    _lastRow = r is not null && int.TryParse(r, out var n) ? n : _lastRow + 1;
                    if (!_sheet.IsEmptyElement)
                    {
                        ReadCells(cells);
                    }
                    return true;
                }
            }
            return false;
        }
        catch (XmlException e)
        {
            throw XmlFailure(e);
        }
    }

    private void ReadCells(List<(string? Text, bool IsNumber)> cells)
    {
        var depth = _sheet.Depth;
        while (_sheet.Read())
        {
            if (_sheet.NodeType == XmlNodeType.EndElement && _sheet.Depth == depth)
            {
                return;
            }
            if (_sheet.NodeType != XmlNodeType.Element || _sheet.LocalName != "c")
            {
                continue;
            }
            var reference = _sheet.GetAttribute("r");
            var type = _sheet.GetAttribute("t");
            var column = reference is null ? cells.Count : ColumnIndex(reference);
            if (column < 0 || column > 16_383)
            {
                throw new ExportRejectedException($"第{_lastRow}行单元格引用“{reference}”无效", $"row {_lastRow}: invalid cell reference '{reference}'", _lastRow);
            }
            string? value = null;
            if (!_sheet.IsEmptyElement)
            {
                value = ReadCellValue(type);
            }
            while (cells.Count <= column)
            {
                cells.Add((null, false));
            }
            var isNumber = type is null or "n";
            if (value is not null && type == "s")
            {
                value = int.TryParse(value, out var idx) && idx >= 0 && idx < _sharedStrings.Count
                    ? _sharedStrings[idx]
                    : throw new ExportRejectedException($"第{_lastRow}行引用了不存在的共享字符串", $"row {_lastRow} refers to a shared string that does not exist", _lastRow);
            }
            else if (value is not null && type == "b")
            {
                value = value == "1" ? "是" : "否";
            }
            cells[column] = (value, isNumber && value is not null);
            if (cells.Count > _limits.MaxRecordLength)
            {
                throw new ExportRejectedException($"第{_lastRow}行列数过多", $"row {_lastRow} has too many columns", _lastRow);
            }
        }
    }

    /// <summary>Reads a c element's value; leaves the reader on the c end element.</summary>
    private string? ReadCellValue(string? type)
    {
        var depth = _sheet.Depth;
        string? value = null;
        var advanced = false;
        while (advanced || _sheet.Read())
        {
            advanced = false;
            if (_sheet.NodeType == XmlNodeType.EndElement && _sheet.Depth == depth)
            {
                break;
            }
            if (_sheet.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            if (_sheet.LocalName == "v")
            {
                value = _sheet.ReadElementContentAsString();
                advanced = true;
                if (value.Length > _limits.MaxRecordLength)
                {
                    throw new ExportRejectedException($"第{_lastRow}行超过单行长度上限", $"row {_lastRow} is longer than the record limit", _lastRow);
                }
            }
            else if (_sheet.LocalName == "is" && type == "inlineStr")
            {
                value = ReadRichText(_sheet);
            }
        }
        return value;
    }

    /// <summary>
    /// Concatenates the t elements of a string item (si or is), skipping phonetic runs (rPh); leaves the reader on
    /// the item's end element.
    /// </summary>
    private string ReadRichText(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            return "";
        }
        var depth = reader.Depth;
        var parts = new System.Text.StringBuilder();
        var advanced = false;
        while (advanced || reader.Read())
        {
            advanced = false;
            if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
            {
                break;
            }
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            if (reader.LocalName == "rPh")
            {
                reader.Skip();
                advanced = true;
            }
            else if (reader.LocalName == "t")
            {
                parts.Append(reader.ReadElementContentAsString());
                advanced = true;
                if (parts.Length > _limits.MaxRecordLength)
                {
                    throw new ExportRejectedException("XLSX中的文本超过单行长度上限", "a text in the XLSX is longer than the record limit");
                }
            }
        }
        return parts.ToString();
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z')
            {
                index = index * 26 + (c - 'A' + 1);
                letters++;
                if (letters > 3)
                {
                    return -1;
                }
            }
            else
            {
                break;
            }
        }
        return letters == 0 ? -1 : index - 1;
    }
}
