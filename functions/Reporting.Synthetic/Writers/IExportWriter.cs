using System.Text;

namespace Reporting.Synthetic.Writers;

/// <summary>Writes an export as a court's system would: a header, then rows of text cells (null = empty).</summary>
public interface IExportWriter : IDisposable
{
    void WriteRow(IReadOnlyList<string?> cells);
}

public enum ExportFileFormat
{
    Csv,
    CsvGb18030,
    Xlsx,
    JsonLines,
}

public static class ExportWriters
{
    static ExportWriters() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string Extension(this ExportFileFormat format) => format switch
    {
        ExportFileFormat.Xlsx => "xlsx",
        ExportFileFormat.JsonLines => "jsonl",
        _ => "csv",
    };

    public static bool TryParse(string text, out ExportFileFormat format)
    {
        (var ok, format) = text.ToLowerInvariant() switch
        {
            "csv" => (true, ExportFileFormat.Csv),
            "csv-gb18030" or "csv-gbk" => (true, ExportFileFormat.CsvGb18030),
            "xlsx" => (true, ExportFileFormat.Xlsx),
            "jsonl" => (true, ExportFileFormat.JsonLines),
            _ => (false, ExportFileFormat.Csv),
        };
        return ok;
    }

    /// <summary>Opens a writer; <paramref name="header"/> is written first (JSON Lines uses it for keys).</summary>
    public static IExportWriter Create(ExportFileFormat format, Stream output, IReadOnlyList<string> header, bool utf8Bom = false) => format switch
    {
        ExportFileFormat.Csv => new CsvExportWriter(output, new UTF8Encoding(utf8Bom), header),
        ExportFileFormat.CsvGb18030 => new CsvExportWriter(output, Encoding.GetEncoding(54936), header),
        ExportFileFormat.Xlsx => new XlsxExportWriter(output, header),
        _ => new JsonLinesExportWriter(output, header),
    };
}
