using System.Text;

namespace Reporting.Ingestion.Tests;

/// <summary>Export format v1.1, "Closed without a date": a 结案方式 without a 结案日期 is a row error, never a pending case.</summary>
public sealed class ClosedWithoutDateTests
{
    [Fact]
    public void ADispositionWithoutAClosingDate_IsARowErrorOnTheClosingDate_AndTheOtherRowsPass()
    {
        var errors = ExportFiles.Ingest(Encoding.UTF8.GetBytes("""
            案号,立案日期,结案日期,结案方式
            （2025）浙0102民初1号,2025-03-02,2025-05-06,判决
            （2025）浙0102民初2号,2025-03-02,,判决
            （2025）浙0102民初3号,2025-03-02,,
            """));

        var error = Assert.Single(errors);
        Assert.Equal("结案日期", error.Column);
        Assert.Contains("结案方式", error.ReasonZh, StringComparison.Ordinal);
        Assert.Contains("closing date is missing", error.ReasonEn, StringComparison.Ordinal);
    }

    [Fact]
    public void AMalformedClosingDate_IsNamedOnce_NotAlsoAsMissing()
    {
        var errors = ExportFiles.Ingest(Encoding.UTF8.GetBytes("""
            案号,立案日期,结案日期,结案方式
            （2025）浙0102民初2号,2025-03-02,2025-13-40,判决
            """));

        Assert.Equal("结案日期", Assert.Single(errors).Column);
        Assert.DoesNotContain("缺少结案日期", errors[0].ReasonZh, StringComparison.Ordinal);
    }
}
