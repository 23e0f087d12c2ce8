using System.Text;

namespace Reporting.Synthetic.Writers;

/// <summary>RFC 4180 CSV with CRLF line ends, as spreadsheet tools write it.</summary>
public sealed class CsvExportWriter : IExportWriter
{
    private readonly StreamWriter _writer;
    private readonly StringBuilder _line = new(256);

    public CsvExportWriter(Stream output, Encoding encoding, IReadOnlyList<string> header)
    {
        _writer = new StreamWriter(output, encoding, 1 << 16);
        WriteRow(header);
    }

    public void WriteRow(IReadOnlyList<string?> cells)
    {
        _line.Clear();
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                _line.Append(',');
            }
            var cell = cells[i];
            if (cell is null)
            {
                continue;
            }
            if (cell.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                _line.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                _line.Append(cell);
            }
        }
        _line.Append("\r\n");
        _writer.Write(_line);
    }

    public void Dispose() => _writer.Dispose();
}
