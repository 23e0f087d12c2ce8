using Reporting.Pdf.Text;

namespace Reporting.Pdf.Tests;

/// <summary>Line breaking with every character 1 wide (Latin too), so a line of width N holds N characters.</summary>
public sealed class LineBreakingTests
{
    private static List<string> Break(string text, float width) =>
        LineBreaking.Lines(text, width, (_, length) => length).Select(l => text[l.Start..l.End]).ToList();

    [Fact]
    public void HanCharacters_BreakAnywhere()
    {
        Assert.Equal(["审判质量", "管理指标"], Break("审判质量管理指标", 4));
    }

    [Theory]
    [InlineData("结案率上升，同比", "结案率上", "升，同比")]
    [InlineData("审限内结案率。下降", "审限内结案", "率。下降")]
    [InlineData("一二三四！？五", "一二三", "四！？五")]
    public void ClosingPunctuation_NeverStartsALine(string text, string first, string second)
    {
        var lines = Break(text, 5);
        Assert.Equal(first, lines[0]);
        Assert.Equal(second, lines[1]);
        Assert.All(lines, l => Assert.DoesNotContain(l[0], LineBreaking.NoLineStart));
    }

    [Fact]
    public void OpeningPunctuation_NeverEndsALine()
    {
        var lines = Break("一二三四（五六）", 5);
        Assert.Equal(["一二三四", "（五六）"], lines);
        Assert.All(lines, l => Assert.DoesNotContain(l[^1], LineBreaking.NoLineEnd));
    }

    [Fact]
    public void NumbersAndLatinWords_StayWhole()
    {
        Assert.Equal(["同比上升", "12.5%，", "CEPEJ口径"], Break("同比上升12.5%，CEPEJ口径", 7));
    }

    [Fact]
    public void SpacesBetweenWords_AreDroppedAtTheBreak()
    {
        Assert.Equal(["clearance", "rate 96%"], Break("clearance rate 96%", 9));
    }

    [Fact]
    public void AUnitWiderThanTheLine_IsCutByCharacters()
    {
        Assert.Equal(["12345", "67890", "12"], Break("123456789012", 5));
    }

    [Fact]
    public void Newlines_EndLines_AndEmptyLinesStay()
    {
        Assert.Equal(["一二", "", "三"], Break("一二\n\n三", 10));
    }

    [Fact]
    public void EmptyText_IsOneEmptyLine()
    {
        Assert.Equal([""], Break("", 10));
    }
}
