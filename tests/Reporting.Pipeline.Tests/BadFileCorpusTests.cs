using System.IO.Compression;
using System.Text;
using Reporting.Ingestion.Reports;

namespace Reporting.Pipeline.Tests;

/// <summary>
/// Every file of tests/corpus/bad (see make-bad-corpus.py and expected.tsv): each gives its clear error, nothing
/// throws, and what was stored before is untouched unless the file was (partly) accepted.
/// </summary>
public sealed class BadFileCorpusTests
{
    private static readonly string Corpus = Path.Combine(AppContext.BaseDirectory, "corpus", "bad");

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var line in File.ReadAllLines(Path.Combine(Corpus, "expected.tsv")).Skip(1))
        {
            var parts = line.Split('\t');
            data.Add(parts[0], parts[1], parts[2]);
        }
        return data;
    }

    [Fact]
    public void Corpus_HasAtLeastThirtyFiles() => Assert.True(Cases().Count >= 30);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadFile_GetsItsClearError_AndNothingStoredIsLost(string file, string outcome, string detail)
    {
        using var bench = new IngestionBench();
        var baseline = await bench.RunAsync(bench.WriteFile("baseline.csv", Exports.Csv(20, first: 100)));
        Assert.Equal(IngestionStatus.Accepted, baseline.Status);
        var before = bench.CuratedSnapshot();

        var report = await bench.RunAsync(Path.Combine(Corpus, file));

        Assert.Equal(file, report.File);
        Assert.NotNull(report.ReportFile);
        Assert.NotNull(await bench.Store.GetInfoAsync(report.ReportFile));
        if (outcome == "rejected")
        {
            Assert.Equal(IngestionStatus.Rejected, report.Status);
            Assert.Contains(detail, report.Reason, StringComparison.Ordinal);
            Assert.Contains(" / ", report.Reason, StringComparison.Ordinal);
            Assert.NotEmpty(report.Errors);
            Assert.Equal(0, report.CasesStored);
            Assert.Equal(before, bench.CuratedSnapshot());
        }
        else
        {
            Assert.Equal(IngestionStatus.Partial, report.Status);
            var (row, column) = (int.Parse(detail.Split(':')[0], System.Globalization.CultureInfo.InvariantCulture), detail.Split(':')[1]);
            Assert.Contains(report.Errors, e => e.Row == row && (column.Length == 0 || e.Column == column));
            Assert.All(report.Errors, e => Assert.Contains(" / ", e.Reason, StringComparison.Ordinal));
            Assert.True(report.CasesStored >= 9);
            Assert.NotNull(report.QuarantineFile);
        }
    }

    [Fact]
    public async Task FormulaCells_AreNeutralisedInTheQuarantineFile()
    {
        using var bench = new IngestionBench();
        var report = await bench.RunAsync(Path.Combine(Corpus, "formula-injection.csv"));
        var quarantine = await File.ReadAllTextAsync(Path.Combine(bench.Local.Root, report.QuarantineFile!));
        Assert.Contains("'=HYPERLINK", quarantine, StringComparison.Ordinal);
        Assert.Contains("'@SUM(A1)", quarantine, StringComparison.Ordinal);
        Assert.Contains("'-2+3", quarantine, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", quarantine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiftyMegabyteField_RejectsTheFileWithoutReadingItWhole()
    {
        using var bench = new IngestionBench();
        var path = Path.Combine(bench.Root, "huge-field.csv");
        await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            await writer.WriteAsync(Exports.Csv(5).TrimEnd() + "\r\n（2025）浙0102民初9号,2025-03-01,,,,,,,,,,\"");
            var chunk = new string('x', 1 << 20);
            for (var i = 0; i < 50; i++)
            {
                await writer.WriteAsync(chunk);
            }
            await writer.WriteAsync("\",民一庭,示例法官01\r\n");
        }
        var report = await bench.RunAsync(path);
        Assert.Equal(IngestionStatus.Rejected, report.Status);
        Assert.Contains("长度上限", report.Reason, StringComparison.Ordinal);
        Assert.Equal(7, report.Errors.Single().Row);
    }

    [Fact]
    public async Task XlsxZipBomb_IsRejectedBeforeItIsUnpacked()
    {
        using var bench = new IngestionBench();
        var path = Path.Combine(bench.Root, "bomb.xlsx");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            zip.CreateEntry("xl/workbook.xml").Open().Dispose();
            await using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var blank = Encoding.ASCII.GetBytes(new string(' ', 1 << 20));
            for (var i = 0; i < 300; i++)
            {
                await sheet.WriteAsync(blank);
            }
        }
        Assert.True(new FileInfo(path).Length < 3 << 20);
        var report = await bench.RunAsync(path);
        Assert.Equal(IngestionStatus.Rejected, report.Status);
        Assert.Contains("压缩", report.Reason, StringComparison.Ordinal);
    }
}
