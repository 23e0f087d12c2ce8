using Reporting.Core.Cases;
using Reporting.Ingestion.Values;
using Reporting.Ingestion.Columns;

namespace Reporting.Ingestion.Reading;

/// <summary>
/// Opens a court export of any supported kind and yields its rows as <see cref="RawRow"/>s, streaming.
/// Whatever makes the whole file unusable surfaces as <see cref="ExportRejectedException"/>.
/// </summary>
public sealed class ExportReader : IDisposable
{
    private const int SniffBytes = 1024 * 1024;

    private readonly Stream _stream;
    private readonly CsvRecordReader? _csv;
    private readonly XlsxSheetReader? _xlsx;
    private readonly JsonLinesReader? _jsonl;
    private readonly HeaderMapping? _header;
    private readonly List<(string? Text, bool IsNumber)> _cells = [];

    /// <summary>Columns whose values repeat from row to row share their strings; 案号 and amounts do not repeat.</summary>
    private readonly StringPool?[] _pools = ExportColumns.All
        .Select(c => c.Kind is ColumnKind.CaseNumber or ColumnKind.Money ? null : new StringPool()).ToArray();

    private ExportReader(Stream stream, ExportFormat format, string encoding, CsvRecordReader? csv, XlsxSheetReader? xlsx,
        JsonLinesReader? jsonl, HeaderMapping? header)
    {
        _stream = stream;
        Format = format;
        EncodingName = encoding;
        _csv = csv;
        _xlsx = xlsx;
        _jsonl = jsonl;
        _header = header;
    }

    public ExportFormat Format { get; }

    /// <summary>The encoding as the report prints it (XLSX and JSON Lines are UTF-8 by definition).</summary>
    public string EncodingName { get; }

    /// <summary>XLSX serial dates count from 1904.</summary>
    public bool Date1904 => _xlsx?.Date1904 ?? false;

    public IReadOnlyList<string> PersonalColumns => _header?.PersonalColumns ?? _jsonl!.PersonalColumns;
    public IReadOnlyList<string> UnknownColumns => _header?.UnknownColumns ?? _jsonl!.UnknownColumns;

    public static ExportReader Open(string path, IngestionLimits limits)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            return Open(stream, limits);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Opens a seekable stream; the reader owns it from here on.</summary>
    public static ExportReader Open(Stream stream, IngestionLimits limits)
    {
        if (stream.Length > limits.MaxFileBytes)
        {
            throw new ExportRejectedException(
                $"文件大小（{stream.Length}字节）超过上限（{limits.MaxFileBytes}字节）",
                $"the file is {stream.Length} bytes, above the limit of {limits.MaxFileBytes} bytes");
        }
        var head = new byte[(int)Math.Min(SniffBytes, stream.Length)];
        stream.ReadExactly(head);
        stream.Position = 0;
        var format = FormatSniffer.Sniff(head, out var whyZh, out var whyEn)
            ?? throw new ExportRejectedException(whyZh!, whyEn!);

        switch (format)
        {
            case ExportFormat.Xlsx:
            {
                var xlsx = new XlsxSheetReader(stream, limits);
                try
                {
                    var header = ReadHeader(xlsx, new List<(string?, bool)>());
                    return new ExportReader(stream, format, "UTF-8", null, xlsx, null, header);
                }
                catch (ExportRejectedException rejected)
                {
                    xlsx.Dispose();
                    throw rejected.ReadAs(format, "UTF-8");
                }
                catch
                {
                    xlsx.Dispose();
                    throw;
                }
            }
            case ExportFormat.JsonLines:
                return new ExportReader(stream, format, "UTF-8", null, null, new JsonLinesReader(stream, limits.MaxRecordLength), null);
            default:
            {
                var encoding = EncodingDetector.Detect(head, head.Length == stream.Length);
                stream.Position = encoding.PreambleLength;
                var text = new StreamReader(stream, encoding.Encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
                var delimiter = DetectDelimiter(head.AsSpan(encoding.PreambleLength));
                var csv = new CsvRecordReader(text, delimiter, limits.MaxRecordLength);
                var csvFormat = delimiter == '\t' ? ExportFormat.Tsv : ExportFormat.Csv;
                try
                {
                    if (!csv.Read())
                    {
                        throw new ExportRejectedException("文件为空，没有表头", "the file is empty: there is no header row", 1);
                    }
                    var headers = new List<string>(csv.FieldCount);
                    for (var i = 0; i < csv.FieldCount; i++)
                    {
                        headers.Add(csv.GetString(i));
                    }
                    var header = CheckHeader(HeaderMapping.Map(headers));
                    return new ExportReader(stream, csvFormat, encoding.Name, csv, null, null, header);
                }
                catch (ExportRejectedException rejected)
                {
                    throw rejected.ReadAs(csvFormat, encoding.Name);
                }
            }
        }
    }

    /// <summary>Reads the next data row into <paramref name="row"/>; false at the end of the file.</summary>
    public bool Read(RawRow row)
    {
        if (_jsonl is not null)
        {
            return _jsonl.Read(row);
        }
        if (_csv is not null)
        {
            if (!_csv.Read())
            {
                return false;
            }
            row.Clear(_csv.RecordNumber);
            var slots = _header!.Slots;
            var n = Math.Min(slots.Length, _csv.FieldCount);
            for (var i = 0; i < n; i++)
            {
                if (slots[i] is { } column)
                {
                    row.Values[(int)column] = _csv.GetString(i, _pools[(int)column]);
                }
            }
            for (var i = slots.Length; i < _csv.FieldCount; i++)
            {
                // A value beyond the header's last column: most likely a comma the exporting tool left unquoted, which
                // has shifted this row's later values into the wrong columns. Empty trailing fields are harmless.
                if (_csv.RawLength(i) > 0 && !string.IsNullOrWhiteSpace(_csv.GetString(i)))
                {
                    row.ReadError = ($"该行有{_csv.FieldCount}个字段，多于表头的{slots.Length}列（可能有未加引号的逗号，各列数据已错位）",
                        $"the row has {_csv.FieldCount} fields, more than the header's {slots.Length} columns (an unquoted comma? its values are shifted)", null);
                    break;
                }
            }
            return true;
        }
        if (!_xlsx!.ReadRow(_cells))
        {
            return false;
        }
        row.Clear(_xlsx.RowNumber);
        var xslots = _header!.Slots;
        var m = Math.Min(xslots.Length, _cells.Count);
        for (var i = 0; i < m; i++)
        {
            if (xslots[i] is { } column)
            {
                row.Values[(int)column] = _cells[i].Text;
                row.IsNumber[(int)column] = _cells[i].IsNumber;
            }
        }
        return true;
    }

    private static HeaderMapping ReadHeader(XlsxSheetReader xlsx, List<(string? Text, bool IsNumber)> cells)
    {
        if (!xlsx.ReadRow(cells))
        {
            throw new ExportRejectedException("工作表为空，没有表头", "the worksheet is empty: there is no header row", 1);
        }
        return CheckHeader(HeaderMapping.Map(cells.Select(c => c.Text ?? "").ToList()));
    }

    private static HeaderMapping CheckHeader(HeaderMapping header)
    {
        if (header.MissingRequired.Count > 0)
        {
            var names = string.Join("、", header.MissingRequired.Select(c => c.ChineseName()));
            var aliases = string.Join(", ", header.MissingRequired.Select(c => c.Info().Alias));
            // What the header did say: garbled names point at a wrong encoding, other names at another export layout.
            // A first row that holds data (a 案号 or a date: the header is missing) is not quoted, since it may hold a
            // party's name or telephone number; nor is any header that names personal data.
            var cells = header.Headers.Select(h => h.Trim()).Where(h => h.Length > 0).ToList();
            var looksLikeData = cells.Any(h => CaseNumber.TryParse(h, out _, out _) || FieldValues.TryParseDate(h, excelSerial: false, date1904: false, out _));
            var seen = cells.Where(h => !HeaderMapping.IsPersonal(h)).Take(20).Select(h => h.Length > 30 ? h[..30] + "…" : h).ToList();
            var said = looksLikeData ? ("（第一行像是数据而不是表头：文件可能缺少表头行）", " (the first row looks like data, not a header: the header row may be missing)")
                : seen.Count == 0 ? ("（表头为空）", " (the header row is empty)")
                : ($"（文件的表头为：{string.Join("、", seen)}）", $" (the file's header reads: {string.Join(", ", seen)})");
            throw new ExportRejectedException($"表头缺少必填列：{names}{said.Item1}", $"the header lacks required column(s): {aliases}{said.Item2}", 1,
                header.MissingRequired[0].ChineseName());
        }
        if (header.DuplicateColumns.Count > 0)
        {
            var names = string.Join("、", header.DuplicateColumns);
            throw new ExportRejectedException($"表头中同一列出现多次：{names}", $"the header names the same column more than once: {names}", 1,
                header.DuplicateColumns[0]);
        }
        return header;
    }

    /// <summary>
    /// Tab when the first line has more tabs than commas outside quotes. Bytes suffice: ',', '\t' and '"' are single
    /// ASCII bytes in UTF-8 and GB18030 alike and never occur inside a multi-byte character.
    /// </summary>
    private static char DetectDelimiter(ReadOnlySpan<byte> head)
    {
        var newline = head.IndexOf((byte)'\n');
        var firstLine = newline >= 0 ? head[..newline] : head;
        int commas = 0, tabs = 0;
        var quoted = false;
        foreach (var b in firstLine)
        {
            if (b == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && b == ',')
            {
                commas++;
            }
            else if (!quoted && b == '\t')
            {
                tabs++;
            }
        }
        return tabs > commas ? '\t' : ',';
    }

    public void Dispose()
    {
        _csv?.Dispose();
        _xlsx?.Dispose();
        _jsonl?.Dispose();
        _stream.Dispose();
    }
}
