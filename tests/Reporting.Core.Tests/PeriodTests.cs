using Reporting.Core.Periods;

namespace Reporting.Core.Tests;

public sealed class PeriodTests
{
    [Theory]
    [InlineData("2024-12", "2024-12-01", "2024-12-31", "2023-12", "2024-11")]
    [InlineData("2024-Q1", "2024-01-01", "2024-03-31", "2023-Q1", "2023-Q4")]
    [InlineData("2024", "2024-01-01", "2024-12-31", "2023", "2023")]
    [InlineData("2024-01..2024-11", "2024-01-01", "2024-11-30", "2023-01..2023-11", "2023-02..2023-12")]
    [InlineData("2024-02", "2024-02-01", "2024-02-29", "2023-02", "2024-01")]
    public void Parse_Bounds_YearEarlier_Preceding(string text, string start, string end, string yoy, string mom)
    {
        var period = Period.Parse(text);
        Assert.Equal(text, period.ToString());
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), period.Start);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), period.End);
        Assert.Equal(yoy, period.YearEarlier().ToString());
        Assert.Equal(mom, period.Preceding().ToString());
    }

    [Theory]
    [InlineData("2024-13")]
    [InlineData("2024-Q5")]
    [InlineData("24")]
    [InlineData("2024-11..2024-01")]
    [InlineData("2024/12")]
    [InlineData("")]
    public void Parse_Malformed_SaysWhatIsExpected(string text) =>
        Assert.Contains("2024-Q4", Assert.Throws<FormatException>(() => Period.Parse(text)).Message, StringComparison.Ordinal);

    [Fact]
    public void ChineseLabels()
    {
        Assert.Equal("2024年第四季度", Period.Parse("2024-Q4").ChineseLabel());
        Assert.Equal("2024年1—11月", Period.Parse("2024-01..2024-11").ChineseLabel());
    }
}
