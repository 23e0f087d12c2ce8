using CsCheck;
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

    [Theory]
    [InlineData("٣6٠٩")]
    [InlineData("２０２４-１２")]
    public void TryParse_DigitsOfOtherScripts_IsFalseNotAnException(string text)
    {
        // Found by Parse_AnyText_ParsesOrThrowsOnlyItsOwnFormatError: \d let these through to int.Parse, which threw out of TryParse.
        Assert.False(Period.TryParse(text, out _));
        Assert.Contains("2024-Q4", Assert.Throws<FormatException>(() => Period.Parse(text)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChineseLabels()
    {
        Assert.Equal("2024年第四季度", Period.Parse("2024-Q4").ChineseLabel());
        Assert.Equal("2024年1—11月", Period.Parse("2024-01..2024-11").ChineseLabel());
    }

    private static readonly int FirstIndex = Period.Index(1949, 1);
    private static readonly int LastIndex = Period.Index(2999, 12);

    private static readonly Gen<Period> Periods = Gen.OneOf(
        Gen.Select(Gen.Int[1949, 2999], Gen.Int[1, 12], Period.Month),
        Gen.Select(Gen.Int[1949, 2999], Gen.Int[1, 4], Period.Quarter),
        Gen.Int[1949, 2999].Select(Period.Year),
        Gen.Select(Gen.Int[FirstIndex, LastIndex], Gen.Int[0, 240], (first, months) => Period.Range(first, Math.Min(first + months, LastIndex))));

    [Fact]
    public void ParseThenToString_EveryValidPeriod_RoundTrips() =>
        Periods.Sample(period =>
        {
            var text = period.ToString();
            Assert.Equal(period, Period.Parse(text));
            Assert.Equal(text, Period.Parse(text).ToString());
            Assert.Equal(period, Period.Parse($" {text.Replace('Q', 'q')}\t"));
        }, iter: 5_000);

    /// <summary>ASCII digits and the digits a Chinese keyboard or a pasted Arabic or Devanagari text brings.</summary>
    private const string Digits = "0123456789０１２３４５６７８９٠١٢٣٤٥٦٧٨٩०१२३४५६७८९";

    /// <summary>Texts shaped like the four forms, so that most get past the pattern to the checks behind it.</summary>
    private static readonly Gen<string> PeriodShaped =
        Gen.Select(Gen.String[Gen.Char[Digits], 0, 5], Gen.String[Gen.Char[Digits + "Qq"], 0, 3], Gen.String[Gen.Char[Digits], 0, 5],
                Gen.String[Gen.Char[Digits], 0, 3], Gen.Int[0, 3], Gen.String[Gen.Char[" \t\n\r\u3000-.Q"], 0, 2])
            .Select((year, month, year2, month2, form, noise) => form switch
            {
                0 => $"{year}-{month}{noise}",
                1 => $"{year}{noise}",
                2 => $"{year}-{month}..{year2}-{month2}{noise}",
                _ => $"{noise}{year}-Q{month2}",
            });

    [Fact]
    public void Parse_AnyText_ParsesOrThrowsOnlyItsOwnFormatError() =>
        Gen.OneOf(PeriodShaped, Gen.String).Sample(text =>
        {
            if (Period.TryParse(text, out var period))
            {
                Assert.Equal(period, Period.Parse(period.ToString()));
                Assert.InRange(period.Start.Year, 1949, 2999);
            }
            else
            {
                var error = Assert.Throws<FormatException>(() => Period.Parse(text));
                Assert.Contains("2024-Q4", error.Message, StringComparison.Ordinal);
            }
        }, iter: 20_000);
}
