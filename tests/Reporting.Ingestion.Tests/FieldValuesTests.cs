using System.Globalization;
using CsCheck;
using Microsoft.Extensions.Configuration;
using Reporting.Ingestion.Values;

namespace Reporting.Ingestion.Tests;

public sealed class FieldValuesTests
{
    [Theory]
    [InlineData("2024-03-05")]
    [InlineData("2024/3/5")]
    [InlineData("2024.03.05")]
    [InlineData("2024年3月5日")]
    [InlineData("２０２４年３月５日")]
    [InlineData(" 2024-3-5 ")]
    [InlineData("2024-03-05 14:30:00")]
    [InlineData("2024/3/5 9:05")]
    public void Date_EveryAllowedForm_IsTheSameDay(string text)
    {
        Assert.True(FieldValues.TryParseDate(text, excelSerial: false, date1904: false, out var date));
        Assert.Equal(new DateOnly(2024, 3, 5), date);
    }

    [Theory]
    [InlineData("2024-13-01")]
    [InlineData("2024-02-30")]
    [InlineData("24-3-5")]
    [InlineData("2024-3")]
    [InlineData("March 5, 2024")]
    [InlineData("2024-03-05 lunch")]
    [InlineData("45356")]
    public void Date_OtherForms_AreRefused(string text) =>
        Assert.False(FieldValues.TryParseDate(text, excelSerial: false, date1904: false, out _));

    [Fact]
    public void Date_ExcelSerial_CountsFrom1900Or1904()
    {
        Assert.True(FieldValues.TryParseDate("45356", excelSerial: true, date1904: false, out var date));
        Assert.Equal(new DateOnly(2024, 3, 5), date);
        Assert.True(FieldValues.TryParseDate("43894", excelSerial: true, date1904: true, out var mac));
        Assert.Equal(new DateOnly(2024, 3, 5), mac);
    }

    [Theory]
    [InlineData("1234.5", 1234.5)]
    [InlineData("1,234,567.89", 1234567.89)]
    [InlineData("1234元", 1234)]
    [InlineData("12.5万元", 125000)]
    [InlineData("3万", 30000)]
    [InlineData("￥88", 88)]
    [InlineData("１２３", 123)]
    [InlineData("12,345", 12345)]
    [InlineData("12.345", 12.35)]
    [InlineData("1，234．5万元", 12345000)]
    public void Money_AllowedForms_AreYuan(string text, double yuan)
    {
        Assert.True(FieldValues.TryParseMoney(text, out var amount));
        Assert.Equal((decimal)yuan, amount);
    }

    [Theory]
    [InlineData("-100")]
    [InlineData("abc")]
    [InlineData("12..5")]
    [InlineData("万元")]
    [InlineData("1,2,3")]
    [InlineData("1234,567")]
    [InlineData("12,34.5")]
    [InlineData(",123")]
    [InlineData("1.234,56")]
    public void Money_Nonsense_IsRefused(string text) => Assert.False(FieldValues.TryParseMoney(text, out _));

    [Theory]
    [InlineData("是", true)]
    [InlineData("否", false)]
    [InlineData("Y", true)]
    [InlineData("no", false)]
    public void YesNo_CommonSpellings(string text, bool expected)
    {
        Assert.True(FieldValues.TryParseYesNo(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("NaN", false)]
    [InlineData("2958465", true)]
    public void Date_ExcelSerialThatIsNoDay_IsRefused(string serial, bool date1904)
    {
        // Both threw ArgumentOutOfRangeException from DateOnly.AddDays: 1904 serials end 1,462 earlier, and NaN is in no range.
        Assert.False(FieldValues.TryParseDate(serial, excelSerial: true, date1904, out _));
        Assert.True(FieldValues.TryParseDate("2958465", excelSerial: true, date1904: false, out var last));
        Assert.Equal(DateOnly.MaxValue, last);
    }

    [Fact]
    public void Money_PastTheDecimalRangeOnceTimesTenThousand_IsRefused() =>
        // Found by TryParseMoney_AnyText…: the 万 factor overflowed decimal with an OverflowException.
        Assert.False(FieldValues.TryParseMoney("9355000000000000000000000万", out _));

    /// <summary>Text shaped like a date, a number or an amount, with the separators and units the parsers look for.</summary>
    private static readonly Gen<string> NumberShaped = Gen.OneOf(
        Gen.String[Gen.Char["0123456789０９-/.年月日 T:,，．eE+万元¥￥"], 0, 45],
        Gen.Double.Select(d => d.ToString("R", CultureInfo.InvariantCulture)),
        Gen.Decimal.Select(d => d.ToString(CultureInfo.InvariantCulture) + "万"),
        Gen.OneOf(Gen.Const("NaN"), Gen.Const("Infinity"), Gen.Const("-Infinity"), Gen.Const("2958465"), Gen.Const("2958465.9")),
        Gen.String);

    [Fact]
    public void TryParseDate_AnyText_IsADayOrFalseNeverAnException() =>
        Gen.Select(NumberShaped, Gen.Bool, Gen.Bool).Sample((text, serial, date1904) =>
        {
            if (FieldValues.TryParseDate(text, serial, date1904, out var date))
            {
                Assert.InRange(date.Year, 1899, 9999);
            }
        }, iter: 20_000);

    [Fact]
    public void TryParseMoney_AnyText_IsAnAmountOrFalseNeverAnException() =>
        NumberShaped.Sample(text =>
        {
            if (FieldValues.TryParseMoney(text, out var amount))
            {
                Assert.True(amount >= 0);
            }
        }, iter: 20_000);
}

public sealed class IngestionLimitsTests
{
    private static IConfiguration Settings(params (string Name, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create($"Ingestion:{v.Name}", (string?)v.Value))).Build();

    [Fact]
    public void Read_ReadsNamedValues_AndKeepsDefaultsForTheRest()
    {
        var limits = IngestionLimits.Read(Settings(("MaxFileBytes", "1048576"), ("MaxRejectedShare", "0.05")));
        Assert.Equal(1_048_576, limits.MaxFileBytes);
        Assert.Equal(0.05, limits.MaxRejectedShare);
        Assert.Equal(new IngestionLimits().MaxFieldLength, limits.MaxFieldLength);
    }

    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("1", 1.0)]
    public void Read_TheRejectedShare_MayBeZeroOrOne(string value, double share) =>
        Assert.Equal(share, IngestionLimits.Read(Settings(("MaxRejectedShare", value))).MaxRejectedShare);

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    [InlineData("20%")]
    public void Read_ARejectedShareOutsideZeroToOne_NamesTheSetting(string value) =>
        Assert.Contains("Ingestion:MaxRejectedShare", Assert.Throws<ArgumentException>(() => IngestionLimits.Read(Settings(("MaxRejectedShare", value)))).Message,
            StringComparison.Ordinal);

    [Theory]
    [InlineData("lots")]
    [InlineData("-1")]
    [InlineData("0")]
    public void Read_MalformedValue_NamesTheSetting(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => IngestionLimits.Read(Settings(("MaxRecordLength", value))));
        Assert.Contains("Ingestion:MaxRecordLength", error.Message, StringComparison.Ordinal);
    }
}
