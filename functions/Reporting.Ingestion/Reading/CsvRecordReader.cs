using System.Buffers;
using System.Text;

namespace Reporting.Ingestion.Reading;

/// <summary>
/// RFC 4180 records from decoded text, streaming through a buffer that grows only up to the record limit.
/// Lenient where courts' tools are sloppy (a quote inside an unquoted field is a plain character, text after a
/// closing quote is kept, bare CR ends a line),
/// strict where data would be lost (an unterminated quote, NUL characters, a record beyond the limit).
/// </summary>
public sealed class CsvRecordReader : IDisposable
{
    private readonly TextReader _reader;
    private readonly char _delimiter;
    private readonly int _maxRecord;
    private readonly SearchValues<char> _specials;
    private char[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;
    private readonly List<(int Start, int Length, bool Quoted)> _fields = new(32);
    private readonly StringBuilder _unescape = new();

    public CsvRecordReader(TextReader reader, char delimiter, int maxRecordLength, int initialBuffer = 64 * 1024)
    {
        _reader = reader;
        _delimiter = delimiter;
        _maxRecord = maxRecordLength;
        _buffer = new char[Math.Min(initialBuffer, maxRecordLength + 2)];
        _specials = SearchValues.Create([delimiter, '"', '\r', '\n']);
    }

    /// <summary>Physical record number of the record last read (header = 1); blank lines count.</summary>
    public int RecordNumber { get; private set; }

    public int FieldCount => _fields.Count;

    /// <summary>Reads the next non-blank record. Returns false at the end of the data.</summary>
    public bool Read()
    {
        while (true)
        {
            if (!TryParseRecord(out var consumed, out var blank))
            {
                if (_eof && _start == _end)
                {
                    return false;
                }
                Fill();
                continue;
            }
            RecordNumber++;
            _recordStart = _start;
            _start += consumed;
            if (!blank)
            {
                return true;
            }
        }
    }

    private int _recordStart;

    /// <summary>Field <paramref name="index"/> of the current record as text (unquoted), shared through <paramref name="pool"/> when given.</summary>
    public string GetString(int index, StringPool? pool = null)
    {
        var (start, length, quoted) = _fields[index];
        var span = _buffer.AsSpan(_recordStart + start, length);
        if (!quoted)
        {
            return pool is null ? new string(span) : pool.Get(span);
        }
        // The opening quote (after any leading spaces), the quoted text with "" for a quote, the closing quote; what
        // follows the closing quote is kept as it stands, quotes included, as the parser read it.
        _unescape.Clear();
        for (var i = span.IndexOf('"') + 1; i < span.Length; i++)
        {
            if (span[i] != '"')
            {
                _unescape.Append(span[i]);
            }
            else if (i + 1 < span.Length && span[i + 1] == '"')
            {
                _unescape.Append('"');
                i++;
            }
            else
            {
                _unescape.Append(span[(i + 1)..]);
                break;
            }
        }
        return _unescape.ToString();
    }

    /// <summary>Length of field <paramref name="index"/> before unquoting, to test the field limit without allocating.</summary>
    public int RawLength(int index) => _fields[index].Length;

    private bool TryParseRecord(out int consumed, out bool blank)
    {
        _fields.Clear();
        consumed = 0;
        blank = false;
        var span = _buffer.AsSpan(_start, _end - _start);
        var pos = 0;
        if (span.IsEmpty)
        {
            return false;
        }
        if (span[0] is '\r' or '\n')
        {
            if (span[0] == '\r' && span.Length == 1 && !_eof)
            {
                return false;
            }
            consumed = span[0] == '\r' && span.Length > 1 && span[1] == '\n' ? 2 : 1;
            blank = true;
            return true;
        }
        while (true)
        {
            var fieldStart = pos;
            var quoted = false;
            // Scan one field.
            while (true)
            {
                if (pos >= span.Length)
                {
                    if (!_eof)
                    {
                        return false;
                    }
                    _fields.Add((fieldStart, pos - fieldStart, quoted));
                    consumed = pos;
                    return true;
                }
                var c = span[pos];
                if (c == '"' && (quoted || span[fieldStart..pos].ContainsAnyExcept(' ')))
                {
                    // Only a quote at the start of a field (after any spaces a sloppy writer put there) opens a quoted
                    // section. Any other quote (12"寸, or text after the closing quote) is one of the field's characters,
                    // as RFC 4180 and spreadsheets read it: taken as an opening quote it would swallow the rows after it.
                    pos++;
                    continue;
                }
                if (c == '"')
                {
                    quoted = true;
                    var close = FindClosingQuote(span, pos + 1, _eof);
                    if (close < 0)
                    {
                        if (!_eof)
                        {
                            return false;
                        }
                        throw new ExportRejectedException(
                            $"第{RecordNumber + 1}行起的引号未闭合，文件结构已损坏",
                            $"an unterminated quote starts at row {RecordNumber + 1}; the file is structurally broken",
                            RecordNumber + 1);
                    }
                    pos = close + 1;
                    continue;
                }
                if (c == _delimiter)
                {
                    _fields.Add((fieldStart, pos - fieldStart, quoted));
                    pos++;
                    break;
                }
                if (c is '\r' or '\n')
                {
                    _fields.Add((fieldStart, pos - fieldStart, quoted));
                    if (c == '\r')
                    {
                        if (pos + 1 >= span.Length && !_eof)
                        {
                            return false;
                        }
                        pos += pos + 1 < span.Length && span[pos + 1] == '\n' ? 2 : 1;
                    }
                    else
                    {
                        pos++;
                    }
                    consumed = pos;
                    return true;
                }
                var next = span[pos..].IndexOfAny(_specials);
                pos = next < 0 ? span.Length : pos + next;
            }
        }
    }

    /// <summary>Index of the quote closing a quoted section, or -1 when the buffer ends first.</summary>
    private static int FindClosingQuote(ReadOnlySpan<char> span, int from, bool eof)
    {
        var pos = from;
        while (true)
        {
            var idx = span[pos..].IndexOf('"');
            if (idx < 0)
            {
                return -1;
            }
            pos += idx;
            if (pos + 1 < span.Length && span[pos + 1] == '"')
            {
                pos += 2;
                continue;
            }
            // A quote at the very end of the buffer may be the first of an escaped pair: ask for more text.
            return pos + 1 >= span.Length && !eof ? -1 : pos;
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= _maxRecord + 2)
            {
                throw new ExportRejectedException(
                    $"第{RecordNumber + 1}行超过单行长度上限（{_maxRecord}个字符）",
                    $"row {RecordNumber + 1} is longer than the record limit of {_maxRecord} characters",
                    RecordNumber + 1);
            }
            Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, _maxRecord + 2L));
        }
        int read;
        try
        {
            read = _reader.Read(_buffer, _end, _buffer.Length - _end);
        }
        catch (DecoderFallbackException)
        {
            throw new ExportRejectedException(
                $"第{RecordNumber + 1}行附近含有不符合所检测编码的字节，无法解码",
                $"bytes near row {RecordNumber + 1} cannot be decoded in the detected encoding",
                RecordNumber + 1);
        }
        if (read == 0)
        {
            _eof = true;
            return;
        }
        if (_buffer.AsSpan(_end, read).Contains('\0'))
        {
            throw new ExportRejectedException(
                $"第{RecordNumber + 1}行附近含有NUL字节，文件结构已损坏",
                $"NUL bytes near row {RecordNumber + 1}; the file is structurally broken",
                RecordNumber + 1);
        }
        _end += read;
    }

    public void Dispose() => _reader.Dispose();
}
