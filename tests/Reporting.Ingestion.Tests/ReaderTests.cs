using System.Text;
using Reporting.Ingestion.Columns;
using Reporting.Ingestion.Reading;
using Reporting.Synthetic.Writers;
using static Reporting.Ingestion.Tests.ExportFiles;

namespace Reporting.Ingestion.Tests;

public sealed class ReaderTests
{
    static ReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public void Csv_QuotedFieldsNewlinesAndBlankLines_KeepRowNumbersAsASpreadsheetShowsThem()
    {
        var csv = "案号,立案日期,案由\r\n\"（2024）浙0102民初1号\",2024-01-02,\"借款, 利息\"\r\n\r\n（2024）浙0102民初2号,2024-01-03,\"多行\n案由 \"\"引号\"\"\"\n";
        var rows = ReadAll(Encoding.UTF8.GetBytes(csv), out var reader);
        Assert.Equal(ExportFormat.Csv, reader.Format);
        Assert.Equal("UTF-8", reader.EncodingName);
        Assert.Equal(2, rows.Count);
        Assert.Equal(2, rows[0].RowNumber);
        Assert.Equal("借款, 利息", rows[0][ExportColumn.Cause]);
        Assert.Equal(4, rows[1].RowNumber);
        Assert.Equal("多行\n案由 \"引号\"", rows[1][ExportColumn.Cause]);
    }

    [Fact]
    public void Csv_AQuoteInsideAnUnquotedField_IsACharacter_AndSwallowsNoRows()
    {
        var csv = "案号,立案日期,案由\r\n（2024）浙0102民初1号,2024-01-02,电视机12\"寸\r\n（2024）浙0102民初2号,2024-01-03,买卖\r\n" +
            "（2024）浙0102民初3号,2024-01-04,屏幕5\"\r\n（2024）浙0102民初4号,2024-01-05,\"借款, 利息\"\r\n";
        var rows = ReadAll(Encoding.UTF8.GetBytes(csv), out _);

        Assert.Equal(["（2024）浙0102民初1号", "（2024）浙0102民初2号", "（2024）浙0102民初3号", "（2024）浙0102民初4号"], rows.Select(r => r[ExportColumn.CaseNumber]));
        Assert.Equal(["电视机12\"寸", "买卖", "屏幕5\"", "借款, 利息"], rows.Select(r => r[ExportColumn.Cause]));
        Assert.Equal([2, 3, 4, 5], rows.Select(r => r.RowNumber));
    }

    [Fact]
    public void Csv_AQuoteAfterLeadingSpacesOpensTheField_AndQuotesAfterTheClosingOneAreCharacters()
    {
        var csv = "案号,立案日期,案由,承办部门\r\n（2024）浙0102民初1号,2024-01-02, \"借款, 利息\",民一庭\r\n" +
            "（2024）浙0102民初2号,2024-01-03,\"12\"寸\",民二庭\r\n（2024）浙0102民初3号,2024-01-04,\"a\"\"b\"c,民三庭\r\n";
        var rows = ReadAll(Encoding.UTF8.GetBytes(csv), out _);

        Assert.Equal(["借款, 利息", "12寸\"", "a\"bc"], rows.Select(r => r[ExportColumn.Cause]));
        Assert.Equal(["民一庭", "民二庭", "民三庭"], rows.Select(r => r[ExportColumn.Division]));
    }

    [Fact]
    public void Csv_ARowWithMoreValuesThanTheHeader_IsARowError_ButEmptyTrailingFieldsAreNot()
    {
        var csv = "案号,立案日期,案由,承办部门\r\n（2024）浙0102民初1号,2024-01-02,借款,利息,民一庭\r\n（2024）浙0102民初2号,2024-01-03,买卖,民一庭,,\r\n";
        var rows = ReadAll(Encoding.UTF8.GetBytes(csv), out _);

        Assert.Contains("多于表头", rows[0].ReadError!.Value.Zh, StringComparison.Ordinal);
        Assert.Null(rows[1].ReadError);
        Assert.Equal("民一庭", rows[1][ExportColumn.Division]);
    }

    [Fact]
    public void Csv_Gb18030AndBom_AreDetectedAndNamed()
    {
        var text = "案号,立案日期\n（2024）浙0102民初1号,2024-01-02\n";
        ReadAll(Encoding.GetEncoding(54936).GetBytes(text), out var gb);
        Assert.Equal("GB18030", gb.EncodingName);
        var rows = ReadAll([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)], out var bom);
        Assert.Equal("UTF-8 (BOM)", bom.EncodingName);
        Assert.Equal("（2024）浙0102民初1号", rows.Single()[ExportColumn.CaseNumber]);
    }

    [Fact]
    public void Tsv_IsDetectedFromTheHeader()
    {
        var rows = ReadAll(Encoding.UTF8.GetBytes("案号\t立案日期\t案由\n（2024）浙0102民初1号\t2024-01-02\t买卖, 合同\n"), out var reader);
        Assert.Equal(ExportFormat.Tsv, reader.Format);
        Assert.Equal("买卖, 合同", rows.Single()[ExportColumn.Cause]);
    }

    [Fact]
    public void Csv_SmallBuffer_ParsesRecordsSplitAcrossRefills()
    {
        var sb = new StringBuilder("案号,立案日期,案由\n");
        for (var i = 1; i <= 500; i++)
        {
            sb.Append($"（2024）浙0102民初{i}号,2024-01-02,\"引号\"\"{i}\"\"\r\n另一行\"\r\n");
        }
        using var text = new StringReader(sb.ToString());
        using var csv = new CsvRecordReader(text, ',', 1024, initialBuffer: 16);
        var count = 0;
        Assert.True(csv.Read());
        while (csv.Read())
        {
            count++;
            Assert.Equal($"引号\"{count}\"\r\n另一行", csv.GetString(2));
        }
        Assert.Equal(500, count);
    }

    [Theory]
    [InlineData("案号,立案日期\n\"（2024）浙0102民初1号,2024-01-02\n", "引号")]
    [InlineData("案号,立案日期\n（2024）浙0102民初1号,2024-01-02\0\n", "NUL")]
    public void Csv_StructurallyBroken_RejectsTheFile(string csv, string reason)
    {
        var error = Assert.Throws<ExportRejectedException>(() => ReadAll(Encoding.UTF8.GetBytes(csv), out _));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_RecordLongerThanTheLimit_RejectsTheFile()
    {
        var csv = "案号,立案日期,案由\n（2024）浙0102民初1号,2024-01-02," + new string('长', 5000) + "\n";
        var error = Assert.Throws<ExportRejectedException>(() => ReadAll(Encoding.UTF8.GetBytes(csv), out _, new IngestionLimits { MaxRecordLength = 1000 }));
        Assert.Equal(2, error.Row);
    }

    [Fact]
    public void Xlsx_WrittenByOurWriter_ReadsBackWithSerialDates()
    {
        using var buffer = new MemoryStream();
        using (var writer = new XlsxExportWriter(buffer, ["案号", "立案日期", "申请执行标的额"]))
        {
            writer.WriteRow(["（2024）浙0102执1号", XlsxExportWriter.SerialPrefix + "45356", "#serial:1000.5"]);
            writer.WriteRow([null, "2024-03-06", null]);
        }
        var rows = ReadAll(buffer.ToArray(), out var reader);
        Assert.Equal(ExportFormat.Xlsx, reader.Format);
        Assert.Equal(2, rows.Count);
        Assert.Equal("45356", rows[0][ExportColumn.FilingDate]);
        Assert.True(rows[0].IsNumber[(int)ExportColumn.FilingDate]);
        Assert.Equal("1000.5", rows[0][ExportColumn.ClaimedAmount]);
        Assert.Null(rows[1][ExportColumn.CaseNumber]);
        Assert.Equal(3, rows[1].RowNumber);
    }

    [Fact]
    public void JsonLines_KeysValuesAndRowErrors()
    {
        var jsonl = "{\"案号\":\"（2024）浙0102民初1号\",\"filing_date\":\"2024-01-02\",\"claimed_amount\":1200.5,\"当事人\":\"张某\"}\n" +
                    "\n" +
                    "{\"案号\":{\"nested\":1}}\n" +
                    "not json\n";
        var rows = ReadAll(Encoding.UTF8.GetBytes(jsonl), out var reader);
        Assert.Equal(ExportFormat.JsonLines, reader.Format);
        Assert.Equal(3, rows.Count);
        Assert.Equal("1200.5", rows[0][ExportColumn.ClaimedAmount]);
        Assert.Equal(["当事人"], reader.PersonalColumns);
        Assert.Equal(3, rows[1].RowNumber);
        Assert.NotNull(rows[1].ReadError);
        Assert.Equal(4, rows[2].RowNumber);
        Assert.NotNull(rows[2].ReadError);
    }

    [Fact]
    public void JsonLines_TheFormatsKeyWinsOverAnExtraName_AndANumberIsNoDate()
    {
        var jsonl = "{\"收案日期\":\"2024-01-01\",\"案号\":\"（2024）浙0102民初1号\",\"立案日期\":\"2024-01-02\",\"承办人\":\"甲\"}\n" +
                    "{\"案号\":\"（2024）浙0102民初2号\",\"立案日期\":45356}\n" +
                    "{\"收案日期\":45000,\"案号\":\"（2024）浙0102民初3号\",\"立案日期\":\"2024-01-03\"}\n" +
                    "{\"案号\":\"（2024）浙0102民初4号\",\"立案日期\":\"2024-01-04\",\"收案日期\":{\"x\":1}}\n" +
                    "{\"收案日期\":\"2024-01-01\",\"立案时间\":\"2024-01-02\",\"案号\":\"（2024）浙0102民初5号\",\"立案日期\":\"2024-01-05\"}\n" +
                    "{\"收案日期\":\"2024-01-01\",\"立案时间\":\"2024-01-02\",\"案号\":\"（2024）浙0102民初6号\"}\n";
        var rows = ReadAll(Encoding.UTF8.GetBytes(jsonl), out var reader);

        Assert.Null(rows[0].ReadError);
        Assert.Equal(("2024-01-02", "甲"), (rows[0][ExportColumn.FilingDate], rows[0][ExportColumn.Judge]));
        Assert.Equal("立案日期", rows[1].ReadError!.Value.Column);
        // The bad value sits under the extra name the format's key overrides, before it or after it: no error.
        Assert.Equal([(null, "2024-01-03"), (null, "2024-01-04"), (null, "2024-01-05")], rows.Skip(2).Take(3).Select(r => (r.ReadError?.Column, r[ExportColumn.FilingDate])));
        // Two extra names for one column and no format key to settle it: ambiguous.
        Assert.Contains("同一列", rows[5].ReadError!.Value.Zh, StringComparison.Ordinal);
        Assert.Equal(["收案日期", "立案时间"], reader.UnknownColumns);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x48, 0x00 }, "UTF-16")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D }, "PDF")]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1 }, "xls")]
    [InlineData(new byte[] { 0x41, 0xFF, 0xFE, 0x41, 0x0A, 0x80, 0x81 }, "编码")]
    public void NotAnExport_IsRejectedWhateverItsName(byte[] bytes, string reason)
    {
        var error = Assert.Throws<ExportRejectedException>(() => ReadAll(bytes, out _));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}

public sealed class EncodingDetectorTests
{
    static EncodingDetectorTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void SampleCutInsideACharacter_StillDetectsTheEncoding(int offset)
    {
        var text = new string('x', offset) + string.Concat(Enumerable.Repeat("（2024）浙0102民初1号,买卖合同纠纷𠀀\r\n", 200));
        var utf8 = Encoding.UTF8.GetBytes(text);
        var gb = Encoding.GetEncoding(54936).GetBytes(text);
        for (var cut = 100; cut < 140; cut++)
        {
            Assert.Equal("UTF-8", EncodingDetector.Detect(utf8.AsSpan(0, cut), sampleIsWholeFile: false).Name);
            Assert.Equal("GB18030", EncodingDetector.Detect(gb.AsSpan(0, cut), sampleIsWholeFile: false).Name);
        }
    }
}

public sealed class XlsxSharedStringsTests
{
    private const string Main = ExportFiles.SpreadsheetNs;

    private static byte[] Workbook() => ExportFiles.Zip(
        ("xl/workbook.xml", $"""<workbook xmlns="{Main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="false"/><sheets><sheet name="导出" sheetId="3" r:id="rId7"/><sheet name="说明" sheetId="1" r:id="rId1"/></sheets></workbook>"""),
        ("xl/_rels/workbook.xml.rels", """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId7" Type="worksheet" Target="/xl/worksheets/data.xml"/></Relationships>"""),
        ("xl/sharedStrings.xml", $"""<sst xmlns="{Main}" count="5" uniqueCount="5"><si><t>案号</t></si><si><t>立案日期</t></si><si><r><t>是否</t></r><r><rPr><b/></rPr><t>开庭</t></r><rPh sb="0" eb="2"><t>ふりがな</t></rPh></si><si><t xml:space="preserve">（2024）浙0102民终7号</t></si><si><t>承办法官</t></si></sst>"""),
        ("xl/worksheets/sheet1.xml", $"""<worksheet xmlns="{Main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>这不是数据表</t></is></c></row></sheetData></worksheet>"""),
        ("xl/worksheets/data.xml", $"""
            <worksheet xmlns="{Main}"><sheetData>
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="E1" t="s"><v>4</v></c></row>
            <row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" s="5"><v>45356</v></c><c r="C2" t="b"><v>1</v></c><c r="E2" t="str"><f>CONCAT("示例","法官")</f><v>示例法官</v></c></row>
            <row r="5"><c r="B5" t="inlineStr"><is><t>2024-03-06</t></is></c></row>
            </sheetData></worksheet>
            """));

    [Fact]
    public void SharedStringsPastTheMemoryBudget_AreReadFromDisk_WithTheSameValues()
    {
        var table = new SharedStringTable(memoryBudget: 100);
        // 20,000 strings: their offsets span several of the table's cached blocks, and two are longer than a data block.
        var strings = Enumerable.Range(0, 20_000)
            .Select(i => i % 7 == 0 ? "" : i is 9_001 or 19_999 ? new string('案', 150_000) : $"（2024）浙0102民初{i}号𠀀").ToList();
        using (table)
        {
            foreach (var s in strings)
            {
                table.Add(s);
            }
            table.Complete();

            Assert.True(table.Spilled > 19_990, $"{table.Spilled} spilled");
            Assert.Equal(strings, Enumerable.Range(0, strings.Count).Select(i => table[i]));
            Assert.Equal(Enumerable.Reverse(strings), Enumerable.Range(0, strings.Count).Reverse().Select(i => table[i]));
        }
        // And a whole workbook read with a tiny budget gives the same rows as with the default.
        var tiny = new IngestionLimits { XlsxSharedStringsInMemoryBytes = 1 };
        using var reader = ExportReader.Open(new MemoryStream(Workbook()), tiny);
        var row = new RawRow();
        Assert.True(reader.Read(row));
        Assert.Equal(("（2024）浙0102民终7号", "是"), (row[ExportColumn.CaseNumber], row[ExportColumn.HearingHeld]));
    }

    [Fact]
    public void StrictOpenXmlWorkbook_IsReadLikeATransitionalOne()
    {
        const string strict = "http://purl.oclc.org/ooxml/spreadsheetml/main";
        var workbook = ExportFiles.Zip(
            ("xl/workbook.xml", $"""<workbook xmlns="{strict}" xmlns:r="http://purl.oclc.org/ooxml/officeDocument/relationships"><sheets><sheet name="导出" sheetId="1" r:id="rId2"/></sheets></workbook>"""),
            ("xl/_rels/workbook.xml.rels", """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="worksheet" Target="worksheets/sheet2.xml"/></Relationships>"""),
            ("xl/worksheets/sheet1.xml", $"""<worksheet xmlns="{strict}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>说明</t></is></c></row></sheetData></worksheet>"""),
            ("xl/worksheets/sheet2.xml", $"""
                <worksheet xmlns="{strict}"><sheetData>
                <row r="1"><c r="A1" t="inlineStr"><is><t>案号</t></is></c><c r="B1" t="inlineStr"><is><t>立案日期</t></is></c></row>
                <row r="2"><c r="A2" t="inlineStr"><is><t>（2024）浙0102民初7号</t></is></c><c r="B2"><v>45356</v></c></row>
                </sheetData></worksheet>
                """));

        using var reader = ExportReader.Open(new MemoryStream(workbook), new IngestionLimits());
        var row = new RawRow();

        Assert.True(reader.Read(row));
        Assert.Equal(("（2024）浙0102民初7号", "45356"), (row[ExportColumn.CaseNumber], row[ExportColumn.FilingDate]));
        Assert.False(reader.Read(row));
    }

    [Fact]
    public void FirstSheetInWorkbookOrder_SharedStringsRichTextBooleansAndSparseRows()
    {
        using var reader = ExportReader.Open(new MemoryStream(Workbook()), new IngestionLimits());
        var row = new RawRow();
        Assert.True(reader.Read(row));
        Assert.Equal(2, row.RowNumber);
        Assert.Equal("（2024）浙0102民终7号", row[ExportColumn.CaseNumber]);
        Assert.Equal("45356", row[ExportColumn.FilingDate]);
        Assert.True(row.IsNumber[(int)ExportColumn.FilingDate]);
        Assert.Equal("是", row[ExportColumn.HearingHeld]);
        Assert.Equal("示例法官", row[ExportColumn.Judge]);
        Assert.True(reader.Read(row));
        Assert.Equal(5, row.RowNumber);
        Assert.Null(row[ExportColumn.CaseNumber]);
        Assert.Equal("2024-03-06", row[ExportColumn.FilingDate]);
        Assert.False(reader.Read(row));
    }
}
