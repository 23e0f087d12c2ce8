using System.Text.Json;

namespace Reporting.Synthetic.Writers;

/// <summary>One JSON object per line; amounts (cells that parse as plain numbers in amount columns) stay strings here, as many systems send them.</summary>
public sealed class JsonLinesExportWriter : IExportWriter
{
    private readonly Stream _output;
    private readonly IReadOnlyList<string> _keys;
    private readonly Utf8JsonWriter _json;
    private static readonly byte[] Newline = "\n"u8.ToArray();

    public JsonLinesExportWriter(Stream output, IReadOnlyList<string> header)
    {
        _output = new BufferedStream(output, 1 << 16);
        _keys = header;
        _json = new Utf8JsonWriter(_output, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public void WriteRow(IReadOnlyList<string?> cells)
    {
        _json.Reset();
        _json.WriteStartObject();
        for (var i = 0; i < _keys.Count && i < cells.Count; i++)
        {
            if (cells[i] is { } value)
            {
                _json.WriteString(_keys[i], value);
            }
            else
            {
                _json.WriteNull(_keys[i]);
            }
        }
        _json.WriteEndObject();
        _json.Flush();
        _output.Write(Newline);
    }

    public void Dispose()
    {
        _json.Dispose();
        _output.Dispose();
    }
}
