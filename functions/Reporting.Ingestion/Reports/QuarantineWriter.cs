using System.Text;
using Reporting.Ingestion.Columns;
using Reporting.Ingestion.Reading;
using Reporting.Ingestion.Validation;

namespace Reporting.Ingestion.Reports;

/// <summary>
/// The quarantine CSV (UTF-8 with BOM, so spreadsheet tools read the Chinese): each rejected row with its row number,
/// its reasons, and only the format's columns as the court sent them; never personal data, formulas neutralised.
/// </summary>
public sealed class QuarantineWriter : IDisposable
{
    private readonly TextWriter _writer;

    public QuarantineWriter(Stream output)
    {
        _writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16);
        var header = new StringBuilder("行号,原因");
        foreach (var column in ExportColumns.All)
        {
            header.Append(',').Append(column.ChineseName);
        }
        _writer.Write(header.Append("\r\n").ToString());
    }

    public long Rows { get; private set; }

    public void Write(RawRow row, IEnumerable<RowError> errors)
    {
        var line = new StringBuilder();
        line.Append(row.RowNumber).Append(',').Append(SpreadsheetText.Cell(string.Join("；", errors.Select(e => $"{e.Column}：{e.Reason}"))));
        foreach (var value in row.Values)
        {
            line.Append(',').Append(SpreadsheetText.Cell(value));
        }
        _writer.Write(line.Append("\r\n").ToString());
        Rows++;
    }

    public void Dispose() => _writer.Dispose();
}
