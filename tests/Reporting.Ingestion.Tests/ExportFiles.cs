using System.IO.Compression;
using System.Text;
using Reporting.Ingestion.Reading;
using Reporting.Ingestion.Reports;
using Reporting.Ingestion.Validation;
using Reporting.Synthetic.Writers;

namespace Reporting.Ingestion.Tests;

/// <summary>Builds export files in memory and reads them back the way ingestion does.</summary>
internal static class ExportFiles
{
    public const string SpreadsheetNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    static ExportFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Gb18030 => Encoding.GetEncoding(54936);

    /// <summary>A file as the synthetic generator writes it: the writers court systems are modelled on.</summary>
    public static byte[] Write(ExportFileFormat format, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows, bool utf8Bom = false)
    {
        var buffer = new MemoryStream();
        using (var writer = ExportWriters.Create(format, buffer, header, utf8Bom))
        {
            foreach (var row in rows)
            {
                writer.WriteRow(row);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// CSV or TSV with any delimiter and line end (the generator's writer always writes commas and CRLF), quoting a
    /// field only when it holds the delimiter, a quote or a line break.
    /// </summary>
    public static string Delimited(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows, char delimiter, string newline)
    {
        var sb = new StringBuilder();
        foreach (var row in rows.Prepend(header))
        {
            for (var i = 0; i < row.Count; i++)
            {
                var cell = row[i] ?? "";
                if (i > 0)
                {
                    sb.Append(delimiter);
                }
                sb.Append(cell.AsSpan().IndexOfAny([delimiter, '"', '\r', '\n']) >= 0 ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell);
            }
            sb.Append(newline);
        }
        return sb.ToString();
    }

    /// <summary>A zip of the given parts, for workbooks our writer would never produce.</summary>
    public static byte[] Zip(IEnumerable<(string Name, byte[] Content)> parts)
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in parts)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(content);
            }
        }
        return buffer.ToArray();
    }

    public static byte[] Zip(params (string Name, string Xml)[] parts) =>
        Zip(parts.Select(p => (p.Name, new UTF8Encoding(false).GetBytes(p.Xml))));

    public static List<(string Name, byte[] Content)> Unzip(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        return zip.Entries.Select(e =>
        {
            using var content = new MemoryStream();
            using (var stream = e.Open())
            {
                stream.CopyTo(content);
            }
            return (e.FullName, content.ToArray());
        }).ToList();
    }

    public static List<RawRow> ReadAll(byte[] bytes, out ExportReader reader, IngestionLimits? limits = null)
    {
        reader = ExportReader.Open(new MemoryStream(bytes), limits ?? new IngestionLimits());
        var rows = new List<RawRow>();
        while (true)
        {
            var row = new RawRow();
            if (!reader.Read(row))
            {
                return rows;
            }
            rows.Add(row);
        }
    }

    /// <summary>
    /// What ingestion does with a file short of storing it: read every row, validate it, quarantine the rejected ones.
    /// Returns the row errors the report would list.
    /// </summary>
    public static List<RowError> Ingest(byte[] bytes, IngestionLimits? limits = null)
    {
        limits ??= new IngestionLimits();
        using var reader = ExportReader.Open(new MemoryStream(bytes), limits);
        var validator = new RowValidator("浙0102", new DateOnly(2025, 12, 31), limits, reader.Date1904);
        using var quarantine = new QuarantineWriter(new MemoryStream());
        var row = new RawRow();
        var errors = new List<RowError>();
        var all = new List<RowError>();
        while (reader.Read(row))
        {
            errors.Clear();
            if (validator.Validate(row, errors) is null)
            {
                quarantine.Write(row, errors);
                all.AddRange(errors);
            }
        }
        return all;
    }
}
