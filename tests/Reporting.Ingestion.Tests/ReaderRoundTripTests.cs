using System.Text;
using CsCheck;
using Reporting.Ingestion.Columns;
using Reporting.Ingestion.Reading;
using Reporting.Synthetic.Writers;

namespace Reporting.Ingestion.Tests;

/// <summary>Whatever a court's system writes into a supported format, the reader gives back the same field values.</summary>
public sealed class ReaderRoundTripTests
{
    private static readonly string[] Header = ["案号", "立案日期", "案由", "承办法官"];
    private static readonly ExportColumn[] Columns = [ExportColumn.CaseNumber, ExportColumn.FilingDate, ExportColumn.Cause, ExportColumn.Judge];

    /// <summary>
    /// Pieces of field text: delimiters, quotes and line breaks of every kind, CJK and full-width text, characters
    /// outside the BMP, BOM and other invisible characters, and what XML and JSON must escape.
    /// </summary>
    private static readonly string[] Pieces =
    [
        "a", "Z", "7", " ", ",", "\"", "\"\"", "'", "\t", "\r", "\n", "\r\n", "=", "\\", "{", "}", "<", "&", "]]>",
        "案", "号", "（2024）浙0102民初1号", "２", "\u3000", "𠀀", "😀", "\uFEFF", "\u00A0", "\u0085", "\u2028", "é", "\u0001", "\u007F", "\0",
    ];

    /// <summary>NUL rejects a text file (it is how binary files are told apart), so CSV never carries it.</summary>
    private static readonly Gen<string?> CsvCell = Cell(p => p != "\0");

    /// <summary>
    /// XML cannot hold control characters, and its parsers turn a lone CR into LF (Excel escapes both as _x000D_,
    /// which our writer does not), so workbooks are generated without them.
    /// </summary>
    private static readonly Gen<string?> XlsxCell = Cell(p => !p.Contains('\r', StringComparison.Ordinal) && !p.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\u007F' or '\u0085')));

    private static readonly Gen<string?> JsonCell = Cell(_ => true);

    /// <summary>
    /// A long cell outgrows the readers' first 64K buffer; four of them in UTF-8 (3 bytes a character) still fit the
    /// 1 MiB record limit.
    /// </summary>
    private static Gen<string?> Cell(Func<string, bool> allowed) => Gen.Frequency(
        (1, Gen.Const((string?)null)),
        (8, Gen.OneOf(Pieces.Where(allowed).ToArray()).Array[0, 8].Select(p => (string?)string.Concat(p))),
        (1, Gen.Int[66_000, 75_000].Select(n => (string?)new string('长', n))));

    private static Gen<string?[][]> Rows(Gen<string?> cell, int least = 0) => cell.Array[Header.Length].Array[least, 6];

    private static void AssertReadsBack(byte[] file, string?[][] rows, int firstRow, bool nullReadsAsEmpty)
    {
        var read = ExportFiles.ReadAll(file, out var reader);
        using (reader)
        {
            Assert.Equal(rows.Length, read.Count);
            for (var r = 0; r < rows.Length; r++)
            {
                Assert.Equal(firstRow + r, read[r].RowNumber);
                Assert.Null(read[r].ReadError);
                for (var c = 0; c < Columns.Length; c++)
                {
                    Assert.Equal(rows[r][c] ?? (nullReadsAsEmpty ? "" : null), read[r][Columns[c]]);
                }
            }
        }
    }

    [Fact]
    public void Csv_Utf8WithOrWithoutBomAndGb18030_ReadsBackEveryField() =>
        Gen.Select(Rows(CsvCell), Gen.Int[0, 2]).Sample((rows, encoding) =>
        {
            var format = encoding == 2 ? ExportFileFormat.CsvGb18030 : ExportFileFormat.Csv;
            var file = ExportFiles.Write(format, Header, rows, utf8Bom: encoding == 1);
            var reader = ExportReader.Open(new MemoryStream(file), new IngestionLimits());
            Assert.Equal(encoding switch { 0 => "UTF-8", 1 => "UTF-8 (BOM)", _ => "GB18030" }, reader.EncodingName);
            reader.Dispose();
            AssertReadsBack(file, rows, firstRow: 2, nullReadsAsEmpty: true);
        }, iter: 400);

    [Fact]
    public void Delimited_TabOrCommaWithAnyLineEnd_ReadsBackEveryField() =>
        Gen.Select(Rows(CsvCell), Gen.Bool, Gen.OneOf(Gen.Const("\r\n"), Gen.Const("\n"), Gen.Const("\r")), Gen.Bool)
            .Sample((rows, tab, newline, gb18030) =>
            {
                var text = ExportFiles.Delimited(Header, rows, tab ? '\t' : ',', newline);
                var file = (gb18030 ? ExportFiles.Gb18030 : Encoding.UTF8).GetBytes(text);
                var reader = ExportReader.Open(new MemoryStream(file), new IngestionLimits());
                Assert.Equal(tab ? ExportFormat.Tsv : ExportFormat.Csv, reader.Format);
                reader.Dispose();
                AssertReadsBack(file, rows, firstRow: 2, nullReadsAsEmpty: true);
            }, iter: 400);

    [Fact]
    public void CsvRecordReader_RecordsSplitAcrossAnyBufferSize_ReadsBackEveryField() =>
        Gen.Select(Rows(CsvCell), Gen.Int[1, 64]).Sample((rows, buffer) =>
        {
            using var csv = new CsvRecordReader(new StringReader(ExportFiles.Delimited(Header, rows, ',', "\r\n")), ',', 1 << 20, initialBuffer: buffer);
            Assert.True(csv.Read());
            foreach (var row in rows)
            {
                Assert.True(csv.Read());
                Assert.Equal(row.Select(v => v ?? ""), Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i)));
            }
            Assert.False(csv.Read());
        }, iter: 200);

    /// <summary>JSON Lines has no header line, so an export without rows is an empty file, which is rejected.</summary>
    [Fact]
    public void JsonLines_ReadsBackEveryField() =>
        Rows(JsonCell, least: 1).Sample(rows =>
            AssertReadsBack(ExportFiles.Write(ExportFileFormat.JsonLines, Header, rows), rows, firstRow: 1, nullReadsAsEmpty: false), iter: 400);

    [Fact]
    public void Xlsx_ReadsBackEveryField() =>
        Rows(XlsxCell).Sample(rows =>
            AssertReadsBack(ExportFiles.Write(ExportFileFormat.Xlsx, Header, rows), rows, firstRow: 2, nullReadsAsEmpty: false), iter: 300);
}
