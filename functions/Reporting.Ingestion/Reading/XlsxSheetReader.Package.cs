using System.IO.Compression;
using System.Xml;

namespace Reporting.Ingestion.Reading;

/// <summary>The package around the sheet: its size limits, the workbook's relationships to the first sheet, shared strings, and the bounded streams entries are read through.</summary>
public sealed partial class XlsxSheetReader
{
    private void CheckZipBomb()
    {
        long total = 0;
        foreach (var entry in _zip.Entries)
        {
            total += entry.Length;
            var ratio = entry.CompressedLength == 0 ? (entry.Length == 0 ? 0 : double.PositiveInfinity) : (double)entry.Length / entry.CompressedLength;
            if (entry.Length > 1024 * 1024 && ratio > _limits.MaxXlsxCompressionRatio)
            {
                throw new ExportRejectedException(
                    $"XLSX文件压缩比异常（{entry.FullName}为{ratio:0}:1，上限{_limits.MaxXlsxCompressionRatio:0}:1），疑似压缩炸弹",
                    $"the XLSX compression ratio of {entry.FullName} is {ratio:0}:1, above the limit of {_limits.MaxXlsxCompressionRatio:0}:1 (suspected zip bomb)");
            }
        }
        if (total > _limits.MaxXlsxUnpackedBytes)
        {
            throw new ExportRejectedException(
                $"XLSX文件解压后大小（{total}字节）超过上限（{_limits.MaxXlsxUnpackedBytes}字节）",
                $"the XLSX unpacks to {total} bytes, above the limit of {_limits.MaxXlsxUnpackedBytes} bytes");
        }
    }

    private (string SheetPath, bool Date1904) LocateFirstSheet()
    {
        var workbook = _zip.GetEntry("xl/workbook.xml")
            ?? throw new ExportRejectedException("压缩包中没有xl/workbook.xml，不是XLSX文件", "the zip has no xl/workbook.xml and is not an XLSX file");
        string? relId = null;
        var date1904 = false;
        using (var reader = XmlReader.Create(OpenEntry(workbook), SafeXml()))
        {
            try
            {
                while (reader.Read())
                {
                    if (reader.NodeType != XmlNodeType.Element)
                    {
                        continue;
                    }
                    if (reader.LocalName == "workbookPr")
                    {
                        var flag = reader.GetAttribute("date1904");
                        date1904 = flag is "1" or "true";
                    }
                    else if (reader.LocalName == "sheet" && relId is null)
                    {
                        relId = reader.GetAttribute("id", RelNs) ?? reader.GetAttribute("id", StrictRelNs);
                    }
                }
            }
            catch (XmlException e)
            {
                throw XmlFailure(e);
            }
        }
        var target = relId is null ? null : ResolveRelationship(relId);
        if (target is null)
        {
            target = _zip.Entries.Select(e => e.FullName)
                .Where(n => n.StartsWith("xl/worksheets/", StringComparison.Ordinal) && n.EndsWith(".xml", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal).FirstOrDefault()
                ?? throw new ExportRejectedException("XLSX文件中没有工作表", "the XLSX file has no worksheet");
        }
        return (target, date1904);
    }

    private string? ResolveRelationship(string relId)
    {
        var rels = _zip.GetEntry("xl/_rels/workbook.xml.rels");
        if (rels is null)
        {
            return null;
        }
        using var reader = XmlReader.Create(OpenEntry(rels), SafeXml());
        try
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship" && reader.GetAttribute("Id") == relId)
                {
                    var target = reader.GetAttribute("Target");
                    if (target is null)
                    {
                        return null;
                    }
                    return target.StartsWith('/') ? target[1..] : "xl/" + target;
                }
            }
        }
        catch (XmlException e)
        {
            throw XmlFailure(e);
        }
        return null;
    }

    private void LoadSharedStrings()
    {
        var entry = _zip.GetEntry("xl/sharedStrings.xml");
        if (entry is null)
        {
            return;
        }
        using var reader = XmlReader.Create(OpenEntry(entry), SafeXml());
        try
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si")
                {
                    _sharedStrings.Add(ReadRichText(reader));
                }
            }
            _sharedStrings.Complete();
        }
        catch (XmlException e)
        {
            throw XmlFailure(e);
        }
    }

    private Stream OpenEntry(ZipArchiveEntry entry)
    {
        try
        {
            return new BoundedStream(entry.Open(), entry.Length, this);
        }
        catch (InvalidDataException)
        {
            throw new ExportRejectedException($"XLSX文件中的“{entry.FullName}”已损坏", $"'{entry.FullName}' in the XLSX file is damaged");
        }
    }

    private static XmlReaderSettings SafeXml() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = false,
        CloseInput = true,
    };

    private ExportRejectedException XmlFailure(XmlException e) =>
        e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase)
            ? new ExportRejectedException("XLSX文件含有DTD声明，出于安全原因拒收", "the XLSX file contains a DTD, which is refused for safety")
            : new ExportRejectedException($"XLSX文件的XML结构已损坏（第{_lastRow}行附近）", $"the XML inside the XLSX is damaged (near row {_lastRow})", _lastRow == 0 ? null : _lastRow);

    public void Dispose()
    {
        _sheet?.Dispose();
        _sheetStream?.Dispose();
        _zip?.Dispose();
        _sharedStrings.Dispose();
    }

    /// <summary>Counts what an entry really unpacks to, whatever its header declares.</summary>
    private sealed class BoundedStream(Stream inner, long declared, XlsxSheetReader owner) : Stream
    {
        private long _read;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n;
            try
            {
                n = inner.Read(buffer);
            }
            catch (InvalidDataException)
            {
                throw new ExportRejectedException("XLSX文件的压缩数据已损坏", "the compressed data in the XLSX file is damaged");
            }
            _read += n;
            owner._unpackedBudget -= n;
            if (_read > declared || owner._unpackedBudget < 0)
            {
                throw new ExportRejectedException(
                    "XLSX文件解压后的实际大小超过声明或上限，疑似压缩炸弹",
                    "the XLSX unpacks to more than it declares or than the limit allows (suspected zip bomb)");
            }
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
