using Reporting.Synthetic.Writers;

namespace Reporting.Synthetic.Tests;

public sealed class WriterTests
{
    private static byte[] Xlsx()
    {
        using var buffer = new MemoryStream();
        using (var writer = new XlsxExportWriter(buffer, ["案号", "立案日期"]))
        {
            writer.WriteRow(["（2025）浙0102民初1号", "2025-01-02"]);
        }
        return buffer.ToArray();
    }

    [Fact]
    public async Task Xlsx_WrittenAtDifferentTimes_IsByteIdentical()
    {
        var first = Xlsx();
        await Task.Delay(2100); // zip time stamps have a resolution of two seconds
        Assert.Equal(first, Xlsx());
    }
}
