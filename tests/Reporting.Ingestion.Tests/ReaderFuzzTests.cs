using System.Text;
using CsCheck;
using Reporting.Ingestion.Reading;
using Reporting.Synthetic.Writers;

namespace Reporting.Ingestion.Tests;

/// <summary>
/// No file, however broken, makes ingestion fail with anything but <see cref="ExportRejectedException"/> (the whole file)
/// or row errors in the report: a clerk always learns what is wrong instead of the upload crashing.
/// </summary>
public sealed class ReaderFuzzTests
{
    private static readonly string[] Header = ["案号", "立案日期", "结案日期", "结案方式", "是否开庭", "申请执行标的额", "案由", "当事人"];

    private static readonly Gen<string> Text = Gen.String[Gen.Char["aZ7 ,;\"'\t\r\n=\\{}<&案号民初（）２\u3000\uFEFF\u0085"], 0, 12];

    /// <summary>Values shaped like each column's, near its limits, so rows get past the reader into the field parsers.</summary>
    private static readonly Gen<string?[]> Row = Gen.Select(
        Gen.Frequency((4, Gen.Int[1, 999].Select(n => $"（2024）浙0102民初{n}号")), (1, Text)),
        Gen.Frequency((4, Dates()), (1, Text)),
        Gen.Frequency((1, Dates()), (1, Gen.Const(""))),
        Gen.OneOf(Gen.Const("判决"), Gen.Const("撤诉"), Text),
        Gen.OneOf(Gen.Const("是"), Gen.Const("否"), Text),
        Gen.OneOf(Gen.Const("1,234.50元"), Gen.Const("79228162514264337593543950335万"), Gen.Const("1e28万元"), Gen.Const("-1"), Text),
        Text,
        Text,
        (number, filing, closing, disposition, hearing, amount, cause, party) =>
            new string?[] { number, filing, closing, disposition, hearing, amount, cause, party });

    private static Gen<string> Dates() => Gen.OneOf(
        Gen.Select(Gen.Int[1899, 9999], Gen.Int[0, 13], Gen.Int[0, 32]).Select((y, m, d) => $"{y}-{m}-{d}"),
        Gen.Select(Gen.Int[1899, 9999], Gen.Int[0, 13], Gen.Int[0, 32]).Select((y, m, d) => $"{y}年{m}月{d}日 25:61"),
        Gen.OneOf(Gen.Const("NaN"), Gen.Const("-Infinity"), Gen.Const("1e308"), Gen.Const("2958465"), Gen.Const("2958466"), Gen.Const("45356.5"), Gen.Const("0"))
            .Select(v => XlsxExportWriter.SerialPrefix + v));

    /// <summary>A valid file of each format and encoding the readers accept, as the generator's writers produce them.</summary>
    private static byte[] ValidFile(string kind, string?[][] rows) => kind switch
    {
        "csv" => ExportFiles.Write(ExportFileFormat.Csv, Header, rows),
        "csv-bom" => ExportFiles.Write(ExportFileFormat.Csv, Header, rows, utf8Bom: true),
        "csv-gb18030" => ExportFiles.Write(ExportFileFormat.CsvGb18030, Header, rows),
        "tsv" => Encoding.UTF8.GetBytes(ExportFiles.Delimited(Header, rows, '\t', "\n")),
        "jsonl" => ExportFiles.Write(ExportFileFormat.JsonLines, Header, rows),
        _ => ExportFiles.Write(ExportFileFormat.Xlsx, Header, rows),
    };

    /// <summary>Byte sequences that mean something to one of the formats, or that break an encoding.</summary>
    private static readonly byte[][] Tokens =
    [
        "\""u8.ToArray(), [0], [0xEF, 0xBB, 0xBF], "\r"u8.ToArray(), "\n"u8.ToArray(), ","u8.ToArray(), "\t"u8.ToArray(),
        [0xFF], [0x80], [0xC3], [0xE6, 0xA1], [0x81, 0x30], [0x81, 0x30, 0x81], [0xED, 0xA0, 0x80],
        "{"u8.ToArray(), "}"u8.ToArray(), "["u8.ToArray(), ":"u8.ToArray(), "\\ud800"u8.ToArray(), "\\udc00\\ud800"u8.ToArray(),
        "\\u0000"u8.ToArray(), "1e999"u8.ToArray(), "-0"u8.ToArray(), "{\"案号\":{\"a\":[[[[1]]]]}}"u8.ToArray(),
        "<"u8.ToArray(), ">"u8.ToArray(), "&"u8.ToArray(), "&#0;"u8.ToArray(), "&#xD800;"u8.ToArray(), "<!DOCTYPE x>"u8.ToArray(),
        "<v>NaN</v>"u8.ToArray(), " t=\"s\""u8.ToArray(), " r=\"XFE1\""u8.ToArray(), " r=\"-5\""u8.ToArray(), "PK\u0003\u0004"u8.ToArray(),
    ];

    private enum Edit
    {
        Insert,
        Flip,
        Delete,
        Truncate,
        Repeat,
        CarriageReturnsOnly,
    }

    private static readonly Gen<(Edit Kind, int At, int Length, int Token)[]> Edits =
        Gen.Select(Gen.Enum<Edit>(), Gen.Int[0, int.MaxValue], Gen.Int[1, 64], Gen.Int[0, Tokens.Length - 1]).Array[1, 4];

    private static byte[] Mangle(byte[] file, (Edit Kind, int At, int Length, int Token)[] edits)
    {
        var bytes = new List<byte>(file);
        foreach (var (kind, at, length, token) in edits)
        {
            var i = at % (bytes.Count + 1);
            var n = Math.Min(length, bytes.Count - i);
            switch (kind)
            {
                case Edit.Insert:
                    bytes.InsertRange(i, Tokens[token]);
                    break;
                case Edit.Flip when i < bytes.Count:
                    bytes[i] ^= (byte)(1 << (length % 8));
                    break;
                case Edit.Delete:
                    bytes.RemoveRange(i, n);
                    break;
                case Edit.Truncate:
                    bytes.RemoveRange(i, bytes.Count - i);
                    break;
                case Edit.Repeat:
                    // A run this long is a huge field, or a record past a tight limit.
                    var run = bytes.GetRange(i, n);
                    for (var k = 0; k < 2_000 / (n + 1); k++)
                    {
                        bytes.InsertRange(i, run);
                    }
                    break;
                case Edit.CarriageReturnsOnly:
                    for (var k = 0; k < bytes.Count; k++)
                    {
                        bytes[k] = bytes[k] == '\n' ? (byte)'\r' : bytes[k];
                    }
                    break;
            }
        }
        return [.. bytes];
    }

    /// <summary>Mangles one part inside a workbook and zips it again, so the damage reaches the XML and not only the zip.</summary>
    private static byte[] MangleInside(byte[] xlsx, int part, (Edit Kind, int At, int Length, int Token)[] edits)
    {
        var parts = ExportFiles.Unzip(xlsx);
        var i = part % parts.Count;
        parts[i] = (parts[i].Name, Mangle(parts[i].Content, edits));
        return ExportFiles.Zip(parts);
    }

    /// <summary>Default limits, or tight ones so that the limit checks run on small files.</summary>
    private static readonly Gen<IngestionLimits> Limits = Gen.OneOf(
        Gen.Const(new IngestionLimits()),
        Gen.Const(new IngestionLimits { MaxRecordLength = 300, MaxFieldLength = 20, MaxXlsxUnpackedBytes = 6_000 }));

    private static void AssertIngestsOrRejects(byte[] file, IngestionLimits limits)
    {
        try
        {
            Assert.All(ExportFiles.Ingest(file, limits), e =>
            {
                Assert.NotNull(e.Row);
                Assert.False(string.IsNullOrWhiteSpace(e.ReasonZh));
                Assert.False(string.IsNullOrWhiteSpace(e.ReasonEn));
            });
        }
        catch (ExportRejectedException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.ReasonZh));
            Assert.False(string.IsNullOrWhiteSpace(e.ReasonEn));
        }
    }

    private static string Show(byte[] file) =>
        $"{file.Length} bytes: {Convert.ToHexString(file.AsSpan(0, Math.Min(file.Length, 600)))}";

    [Theory]
    [InlineData("csv")]
    [InlineData("csv-bom")]
    [InlineData("csv-gb18030")]
    [InlineData("tsv")]
    [InlineData("jsonl")]
    [InlineData("xlsx")]
    public void Ingest_MangledFile_IngestsOrRejectsWithItsOwnError(string kind) =>
        Gen.Select(Row.Array[0, 5], Edits, Limits).Select((rows, edits, limits) => (Mangle(ValidFile(kind, rows), edits), limits))
            .Sample(AssertIngestsOrRejects, iter: 1_000, print: t => Show(t.Item1));

    [Fact]
    public void Ingest_WorkbookWithAMangledPart_IngestsOrRejectsWithItsOwnError() =>
        Gen.Select(Row.Array[0, 4], Gen.Int[0, 9], Edits, Limits)
            .Select((rows, part, edits, limits) => (MangleInside(ExportFiles.Write(ExportFileFormat.Xlsx, Header, rows), part, edits), limits))
            .Sample(AssertIngestsOrRejects, iter: 1_000, print: t => Show(t.Item1));

    [Fact]
    public void Ingest_ArbitraryBytesAfterAFormatsFirstBytes_IngestsOrRejectsWithItsOwnError() =>
        Gen.Select(Gen.OneOf(Gen.Const(""), Gen.Const("\uFEFF"), Gen.Const("案号,立案日期\r\n"), Gen.Const("{"), Gen.Const("PK\u0003\u0004")),
                Gen.Byte.Array[0, 400], Limits)
            .Select((head, tail, limits) => ((byte[])[.. Encoding.UTF8.GetBytes(head), .. tail], limits))
            .Sample(AssertIngestsOrRejects, iter: 3_000, print: t => Show(t.Item1));

    [Fact]
    public void JsonLines_EscapedLoneSurrogate_IsARowErrorNamingTheColumn()
    {
        // Found by Ingest_MangledFile (jsonl): the JSON reader accepts \ud800 but throws when asked for the string.
        var errors = ExportFiles.Ingest(Encoding.UTF8.GetBytes("""
            {"案号":"\ud800","立案日期":"2024-01-02"}
            {"\udc00":"x","案号":"（2024）浙0102民初2号","立案日期":"2024-01-02"}
            {"案号":"（2024）浙0102民初3号","立案日期":"2024-01-02"}
            """));
        Assert.Equal([(1, "案号"), (2, null)], errors.Select(e => (e.Row, e.Column)));
        Assert.All(errors, e => Assert.Contains("\\ud800", e.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Xlsx_CentralDirectoryCountingMoreEntriesThanItHolds_RejectsTheFile()
    {
        // Found by Ingest_MangledFile (xlsx): the zip's central directory is read lazily, outside the damaged-zip check.
        var file = ExportFiles.Write(ExportFileFormat.Xlsx, Header, []);
        var end = file.AsSpan().LastIndexOf("PK\u0005\u0006"u8);
        file[end + 8]++;
        file[end + 10]++;
        var error = Assert.Throws<ExportRejectedException>(() => ExportFiles.Ingest(file));
        Assert.Contains("XLSX文件已损坏", error.ReasonZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_AmountBeyondTheDecimalRangeInWan_IsARowErrorNamingTheColumn()
    {
        // The shrunk input of TryParseMoney_AnyText…: 万 multiplied the amount past decimal's range, an OverflowException.
        var errors = ExportFiles.Ingest(Encoding.UTF8.GetBytes("案号,立案日期,申请执行标的额\n（2024）浙0102执1号,2024-01-02,9355000000000000000000000万\n"));
        Assert.Equal((2, "申请执行标的额"), (errors.Single().Row, errors.Single().Column));
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("2958465")]
    public void Ingest_SerialDateThatIsNoDay_IsARowErrorNamingTheColumn(string serial)
    {
        // 2958465 counted from 1904 is past 9999-12-31 (found by TryParseDate_AnyText…); NaN passed both range checks
        // (seen while fixing that). Both threw ArgumentOutOfRangeException out of the validator.
        var file = ExportFiles.Zip(
            ("xl/workbook.xml", $"""<workbook xmlns="{ExportFiles.SpreadsheetNs}"><workbookPr date1904="1"/></workbook>"""),
            ("xl/worksheets/sheet1.xml", $"""
                <worksheet xmlns="{ExportFiles.SpreadsheetNs}"><sheetData>
                <row r="1"><c r="A1" t="inlineStr"><is><t>案号</t></is></c><c r="B1" t="inlineStr"><is><t>立案日期</t></is></c></row>
                <row r="2"><c r="A2" t="inlineStr"><is><t>（2024）浙0102民初1号</t></is></c><c r="B2"><v>{serial}</v></c></row>
                </sheetData></worksheet>
                """));
        var errors = ExportFiles.Ingest(file);
        Assert.Equal((2, "立案日期"), (errors.Single().Row, errors.Single().Column));
    }
}
