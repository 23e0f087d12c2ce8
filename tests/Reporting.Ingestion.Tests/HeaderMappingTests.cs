using Reporting.Ingestion.Columns;

namespace Reporting.Ingestion.Tests;

public sealed class HeaderMappingTests
{
    [Fact]
    public void Map_ChineseNamesAndAliases_ResolveToTheSameColumns()
    {
        var chinese = HeaderMapping.Map(ExportColumns.All.Select(c => c.ChineseName).ToList());
        var aliases = HeaderMapping.Map(ExportColumns.All.Select(c => c.Alias.ToUpperInvariant()).ToList());
        Assert.Equal(chinese.Slots, aliases.Slots);
        Assert.Empty(chinese.MissingRequired);
        Assert.Empty(chinese.DroppedColumns);
    }

    [Fact]
    public void Map_PersonalColumns_AreDroppedButFormatColumnsWithSimilarWordsAreKept()
    {
        var mapping = HeaderMapping.Map(["案号", "立案日期", "原告", "被告名称", "当事人身份证号", "联系电话", "Plaintiff Name", "party_address", "承办法官", "备注"]);
        Assert.Equal(["原告", "被告名称", "当事人身份证号", "联系电话", "Plaintiff Name", "party_address"], mapping.PersonalColumns);
        Assert.Equal(["备注"], mapping.UnknownColumns);
        Assert.Equal(ExportColumn.Judge, mapping.Slots[8]);
        Assert.Null(mapping.Slots[2]);
    }

    [Fact]
    public void Map_MissingRequiredAndDuplicates_AreReported()
    {
        var mapping = HeaderMapping.Map(["案号", "case_number", "结案日期"]);
        Assert.Equal([ExportColumn.FilingDate], mapping.MissingRequired);
        Assert.Equal(["case_number"], mapping.DuplicateColumns);
    }

    [Fact]
    public void Map_AFormatNameWinsOverAnExtraNameForTheSameColumn_WhichIsDroppedAsUnknown()
    {
        var mapping = HeaderMapping.Map(["案号", "收案日期", "立案日期", "承办人", "judge", "关联案号"]);

        Assert.Empty(mapping.DuplicateColumns);
        Assert.Equal(ExportColumn.FilingDate, mapping.Slots[2]);
        Assert.Null(mapping.Slots[1]);
        Assert.Equal(ExportColumn.Judge, mapping.Slots[4]);
        Assert.Equal(["收案日期", "承办人", "关联案号"], mapping.UnknownColumns);
        // Two extra names for one column, with no format name to settle it, are still ambiguous.
        Assert.Equal(["立案时间"], HeaderMapping.Map(["案号", "收案日期", "立案时间"]).DuplicateColumns);
    }

    [Fact]
    public void Map_HeadersWrappedOntoTwoLinesOrSpacedOut_StillNameTheirColumns()
    {
        var mapping = HeaderMapping.Map(["案 号", "立案\n日期", "结案\r\n日期", "Case Number", "origin-case-number", "ID Number"]);

        Assert.Equal([ExportColumn.CaseNumber, ExportColumn.FilingDate, ExportColumn.ClosingDate], mapping.Slots[..3].Select(s => s!.Value));
        Assert.Equal(["Case Number"], mapping.DuplicateColumns);
        Assert.Equal(ExportColumn.OriginCaseNumber, mapping.Slots[4]);
        Assert.Equal(["ID Number"], mapping.PersonalColumns);
        Assert.Equal(ExportColumn.Cause, HeaderMapping.Map(["案\u00A0由"]).Slots[0]);
    }

    [Fact]
    public void Map_HeadersWithBomSpacesAndFullWidthLetters_AreRecognised()
    {
        var mapping = HeaderMapping.Map(["\uFEFF案号", " 立案日期 ", "ｃａｓｅ＿ｎｕｍｂｅｒ"]);
        Assert.Equal(ExportColumn.CaseNumber, mapping.Slots[0]);
        Assert.Equal(ExportColumn.FilingDate, mapping.Slots[1]);
    }
}
