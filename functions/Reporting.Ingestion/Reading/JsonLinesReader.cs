using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Reporting.Ingestion.Columns;

namespace Reporting.Ingestion.Reading;

/// <summary>
/// JSON Lines: one object per line, keys are column names (Chinese or alias), values strings, numbers or null.
/// Lines are counted from 1; a line that is not a flat JSON object is a row error; invalid UTF-8 rejects the file.
/// </summary>
public sealed class JsonLinesReader : IDisposable
{
    private readonly Stream _stream;
    private readonly int _maxLine;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _eof;
    private int _line;
    private readonly Dictionary<string, (ExportColumn Column, bool FormatName)?> _keys = new(StringComparer.Ordinal);
    private readonly List<string> _personal = [];
    private readonly List<string> _unknown = [];

    public JsonLinesReader(Stream stream, int maxLineBytes)
    {
        _stream = stream;
        _maxLine = maxLineBytes;
    }

    public IReadOnlyList<string> PersonalColumns => _personal;
    public IReadOnlyList<string> UnknownColumns => _unknown;

    public bool Read(RawRow row)
    {
        while (NextLine(out var line))
        {
            if (_line == 1 && line.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
            {
                line = line[3..];
            }
            if (line.IndexOfAnyExcept(" \t\r"u8) < 0)
            {
                continue;
            }
            if (!Utf8.IsValid(line))
            {
                throw new ExportRejectedException($"第{_line}行不是有效的UTF-8，JSON Lines必须为UTF-8编码",
                    $"line {_line} is not valid UTF-8; JSON Lines must be UTF-8", _line);
            }
            row.Clear(_line);
            ParseObject(line, row);
            return true;
        }
        return false;
    }

    private void ParseObject(ReadOnlySpan<byte> line, RawRow row)
    {
        // Which kind of key filled each column in this line (0 none, 1 an extra name such as 收案日期, 2 a format name
        // such as 立案日期), and a value error of that key. The format's key wins whatever the order of the keys, as in
        // a header row, so a bad value under an extra name beside it does not count.
        Span<byte> standing = stackalloc byte[ExportColumns.Count];
        var keyOf = new string?[ExportColumns.Count];
        var valueErrors = new (string Zh, string En, string Key)?[ExportColumns.Count];
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 4 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                row.ReadError = ("该行不是JSON对象", "the line is not a JSON object", null);
                return;
            }
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    break;
                }
                if (Decode(ref reader) is not { } key)
                {
                    row.ReadError = ("该行的列名含有无效的Unicode转义（孤立的代理项，如\\ud800）",
                        "a key in the line has an invalid Unicode escape (a lone surrogate such as \\ud800)", null);
                    return;
                }
                reader.Read();
                if (Resolve(key) is not var (column, formatName))
                {
                    reader.Skip();
                    continue;
                }
                var slot = (int)column;
                var rank = formatName ? (byte)2 : (byte)1;
                if (standing[slot] > rank)
                {
                    NotRead(key);
                    reader.Skip();
                    continue;
                }
                if (standing[slot] == rank && rank == 2)
                {
                    row.ReadError = ($"列“{key}”在同一行中出现两次", $"column '{key}' appears twice in the line", key);
                    return;
                }
                if (standing[slot] == rank)
                {
                    // Two extra names for one column (收案日期 and 立案时间): ambiguous, unless the format's own key comes too.
                    valueErrors[slot] = ($"列“{keyOf[slot]}”与“{key}”是同一列", $"'{keyOf[slot]}' and '{key}' are the same column", key);
                    NotRead(key);
                    reader.Skip();
                    continue;
                }
                if (keyOf[slot] is { } overridden)
                {
                    NotRead(overridden);
                }
                standing[slot] = rank;
                keyOf[slot] = key;
                row.Values[slot] = null;
                row.IsNumber[slot] = false;
                valueErrors[slot] = null;
                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        if (Decode(ref reader) is not { } text)
                        {
                            valueErrors[slot] = ($"列“{key}”的值含有无效的Unicode转义（孤立的代理项，如\\ud800）",
                                $"the value of '{key}' has an invalid Unicode escape (a lone surrogate such as \\ud800)", key);
                            break;
                        }
                        row.Values[slot] = text;
                        break;
                    case JsonTokenType.Number when ExportColumns.All[slot].Kind == ColumnKind.Date:
                        // Numbers in JSON Lines are amounts; a number here would be read as a spreadsheet serial date unseen.
                        valueErrors[slot] = ($"列“{key}”的日期应写成文本（如\"2024-03-05\"），不能是数字",
                            $"the date in '{key}' must be text such as \"2024-03-05\", not a number", key);
                        break;
                    case JsonTokenType.Number:
                        row.Values[slot] = Encoding.UTF8.GetString(reader.ValueSpan);
                        row.IsNumber[slot] = true;
                        break;
                    case JsonTokenType.True:
                        row.Values[slot] = "是";
                        break;
                    case JsonTokenType.False:
                        row.Values[slot] = "否";
                        break;
                    case JsonTokenType.Null:
                        break;
                    default:
                        valueErrors[slot] = ($"列“{key}”的值必须是字符串、数字或null", $"the value of '{key}' must be a string, number or null", key);
                        reader.Skip();
                        break;
                }
            }
            if (reader.Read())
            {
                row.ReadError = ("该行在JSON对象之后还有多余内容", "the line has content after the JSON object", null);
                return;
            }
            foreach (var error in valueErrors)
            {
                if (error is var (zh, en, key))
                {
                    row.ReadError = (zh, en, key);
                    return;
                }
            }
        }
        catch (JsonException)
        {
            row.ReadError = ("该行不是有效的JSON", "the line is not valid JSON", null);
        }
    }

    /// <summary>The string token's text; null when it escapes a lone surrogate (\ud800), which is valid JSON but no string.</summary>
    private static string? Decode(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>An extra name left unread beside the format's own key is listed with the unknown columns, as in a header row.</summary>
    private void NotRead(string key)
    {
        if (!_unknown.Contains(key))
        {
            _unknown.Add(key);
        }
    }

    /// <summary>The column a key names and whether it is one of the format's own names; null for a key stored nowhere.</summary>
    private (ExportColumn Column, bool FormatName)? Resolve(string key)
    {
        if (_keys.TryGetValue(key, out var known))
        {
            return known;
        }
        (ExportColumn, bool)? resolved = HeaderMapping.TryResolve(key, out var column) ? (column, HeaderMapping.IsFormatName(key)) : null;
        if (resolved is null)
        {
            (HeaderMapping.IsPersonal(key) ? _personal : _unknown).Add(key);
        }
        if (_keys.Count < 10_000)
        {
            _keys[key] = resolved;
        }
        return resolved;
    }

    private bool NextLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _line++;
                line = TrimCr(_buffer.AsSpan(_start, newline));
                _start += newline + 1;
                return true;
            }
            if (_eof)
            {
                if (_start == _end)
                {
                    line = default;
                    return false;
                }
                _line++;
                line = TrimCr(_buffer.AsSpan(_start, _end - _start));
                _start = _end;
                return true;
            }
            Fill();
        }
    }

    private static ReadOnlySpan<byte> TrimCr(ReadOnlySpan<byte> line) => line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;

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
            if (_buffer.Length >= _maxLine + 2)
            {
                throw new ExportRejectedException($"第{_line + 1}行超过单行长度上限（{_maxLine}字节）",
                    $"line {_line + 1} is longer than the record limit of {_maxLine} bytes", _line + 1);
            }
            Array.Resize(ref _buffer, (int)Math.Min((long)_buffer.Length * 2, _maxLine + 2L));
        }
        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
            return;
        }
        if (_buffer.AsSpan(_end, read).Contains((byte)0))
        {
            throw new ExportRejectedException($"第{_line + 1}行附近含有NUL字节，文件结构已损坏",
                $"NUL bytes near line {_line + 1}; the file is structurally broken", _line + 1);
        }
        _end += read;
    }

    public void Dispose() => _stream.Dispose();
}
