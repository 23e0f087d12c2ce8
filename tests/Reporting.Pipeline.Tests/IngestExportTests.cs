using Microsoft.Extensions.Time.Testing;
using Reporting.Storage.Parquet;
using Reporting.Storage.Azure;
using Azure.Storage.Blobs;
using Reporting.Core.Courts;
using Reporting.Ingestion;
using Reporting.Ingestion.Reports;
using Reporting.Pipeline.Ingest;
using Reporting.Pipeline.Curated;
using Reporting.Pipeline.Files;
using Reporting.Tests.Shared;

namespace Reporting.Pipeline.Tests;

public sealed class IngestExportTests
{
    private static async Task<List<string>> StoredCaseNumbers(IFileStore store, string court = "浙0102")
    {
        var numbers = new List<string>();
        await foreach (var c in new CuratedZone(store, new ParquetCaseFiles()).ReadCasesAsync(court))
        {
            numbers.Add(c.CaseNumber.ToString());
        }
        return numbers;
    }

    [Fact]
    public async Task ValidFile_IsAcceptedAndStoredForItsWindow()
    {
        using var bench = new IngestionBench();
        var report = await bench.RunAsync(bench.WriteFile("a.csv", Exports.Csv(30)));
        Assert.Equal(IngestionStatus.Accepted, report.Status);
        Assert.Equal((30, 30, 0, 30), (report.RowsRead, report.RowsAccepted, report.RowsRejected, report.CasesStored));
        Assert.Equal("UTF-8", report.Encoding);
        Assert.Equal("csv", report.Format);
        Assert.Equal(64, report.IngestionId.Length);
        Assert.Equal($"curated/浙0102/2025-12/{report.IngestionId}.parquet", report.CuratedFile);
        Assert.Equal(30, (await StoredCaseNumbers(bench.Store)).Count);
    }

    [Fact]
    public async Task SameFileTwice_IsANoOp()
    {
        using var bench = new IngestionBench();
        var file = bench.WriteFile("a.csv", Exports.Csv(10));
        var first = await bench.RunAsync(file);
        var before = bench.CuratedSnapshot();
        var manifestBefore = await bench.Store.GetInfoAsync(CuratedZone.ManifestPath("浙0102"));
        var second = await bench.RunAsync(file);
        Assert.True(second.AlreadyIngested);
        Assert.False(first.AlreadyIngested);
        Assert.Equal(first.IngestionId, second.IngestionId);
        Assert.Equal(before, bench.CuratedSnapshot());
        Assert.Equal(manifestBefore!.Version, (await bench.Store.GetInfoAsync(CuratedZone.ManifestPath("浙0102")))!.Version);
    }

    [Fact]
    public async Task NewFileForTheSameWindow_ReplacesTheOldOne()
    {
        using var bench = new IngestionBench();
        await bench.RunAsync(bench.WriteFile("a.csv", Exports.Csv(10)));
        await bench.RunAsync(bench.WriteFile("b.csv", Exports.Csv(5, first: 50)));
        var numbers = await StoredCaseNumbers(bench.Store);
        Assert.Equal(5, numbers.Count);
        Assert.All(numbers, n => Assert.Contains("民初5", n, StringComparison.Ordinal));
        Assert.Single(Directory.GetFiles(Path.Combine(bench.Local.Root, "curated", "浙0102", "2025-12")));
    }

    [Fact]
    public async Task AFileRefusedForItsHeader_SaysHowItWasRead_AndWhatTheHeaderSaid()
    {
        using var bench = new IngestionBench();
        // A GB18030 file whose header names neither 案号 nor 立案日期 (another system's layout).
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var file = bench.WriteFile("g.csv", "编号,收件时间,结案日期\r\n1,2025-03-01,\r\n", System.Text.Encoding.GetEncoding(54936));

        var report = await bench.RunAsync(file);

        Assert.Equal((IngestionStatus.Rejected, "csv", "GB18030"), (report.Status, report.Format, report.Encoding));
        Assert.Contains("文件的表头为：编号、收件时间、结案日期", report.Reason, StringComparison.Ordinal);
        Assert.Contains("the file's header reads: 编号, 收件时间, 结案日期", report.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileWithoutAHeaderRow_IsRefused_WithoutQuotingItsFirstRow()
    {
        using var bench = new IngestionBench();
        var file = bench.WriteFile("h.csv", "（2025）浙0102民初1号,2025-12-02,张三,13800138000\r\n（2025）浙0102民初2号,2025-12-03,李四,13900139000\r\n");

        var report = await bench.RunAsync(file);

        Assert.Equal(IngestionStatus.Rejected, report.Status);
        Assert.Contains("缺少表头行", report.Reason, StringComparison.Ordinal);
        var stored = string.Join("\n", Directory.EnumerateFiles(bench.Local.Root, "*", SearchOption.AllDirectories).Select(File.ReadAllText));
        Assert.DoesNotContain("张三", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("13800138000", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALegacyNumberWithALocalAbbreviation_IsRefusedAsTheRowsOwn_ButLinksAsAnOrigin()
    {
        using var bench = new IngestionBench();
        // 二中 cannot be checked against 浙0102 (two courts' cases of one such number would merge); as 原审案号 it is a link.
        var csv = Exports.Csv(10) + "(2008)二中民终字第453号,2025-03-01,,,,,,,,,,,,\r\n（2025）浙0102执9号,2025-03-01,,,,(2008)二中民终字第453号,,,,,,,,\r\n";

        var report = await bench.RunAsync(bench.WriteFile("l.csv", csv));

        Assert.Equal([(12, "案号")], report.Errors.Select(e => (e.Row!.Value, e.Column!)));
        Assert.Contains("（2025）浙0102执9号", await StoredCaseNumbers(bench.Store));
    }

    [Fact]
    public async Task ACaseNumberOfAYearNotYetBegun_IsARowError()
    {
        using var bench = new IngestionBench();
        // Uploaded in January 2026: a (2027) number is a typing error, and so is an origin numbered (2030).
        var csv = Exports.Csv(10) + "（2027）浙0102民初1号,2025-03-01,,,,,,,,,,,,\r\n（2025）浙0102民终9号,2025-03-01,,,,（2030）浙0102民初5号,,,,,,,,\r\n";

        var report = await bench.RunAsync(bench.WriteFile("y.csv", csv));

        Assert.Equal([("案号", 12), ("原审案号", 13)], report.Errors.Select(e => (e.Column!, e.Row!.Value)));
        Assert.Contains("2027", report.Errors[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHeaderOnlyFile_EmptiesItsWindow_AndTheReportWarnsThatItDid()
    {
        using var bench = new IngestionBench();
        await bench.RunAsync(bench.WriteFile("a.csv", Exports.Csv(10)));

        var report = await bench.RunAsync(bench.WriteFile("empty.csv", Exports.Header + "\r\n"));

        Assert.Equal((IngestionStatus.Accepted, 0), (report.Status, report.CasesStored));
        Assert.Contains("没有可入库的案件", Assert.Single(report.Warnings), StringComparison.Ordinal);
        Assert.Empty(await StoredCaseNumbers(bench.Store));
    }

    [Fact]
    public async Task PersonalColumns_AreDroppedAndNeverStored()
    {
        using var bench = new IngestionBench();
        var csv = Exports.Csv(10, extraHeader: ",当事人,联系电话,备注", extra: i => $",张三{i},1380013800{i % 10},备注{i}")
            + "（2025）浙0102民初99号,bad-date,,,,,,,,,,买卖合同纠纷,民一庭,示例法官01,李四,13900000000,x\r\n";
        var report = await bench.RunAsync(bench.WriteFile("p.csv", csv));
        Assert.Equal(IngestionStatus.Partial, report.Status);
        Assert.Equal(["当事人", "联系电话"], report.PersonalColumns);
        Assert.Equal(["备注"], report.UnknownColumns);
        Assert.Equal(["当事人", "联系电话", "备注"], report.DroppedColumns);
        var everything = string.Join("\n", Directory.EnumerateFiles(bench.Local.Root, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".parquet", StringComparison.Ordinal)).Select(File.ReadAllText));
        Assert.DoesNotContain("李四", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("13900000000", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("张三", everything, StringComparison.Ordinal);
        await using var parquet = File.OpenRead(Path.Combine(bench.Local.Root, report.CuratedFile!));
        var schema = await Parquet.ParquetReader.ReadSchemaAsync(parquet);
        Assert.DoesNotContain(schema.GetDataFields(), f => f.Name.Contains("party", StringComparison.Ordinal) || f.Name.Contains("当事人", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IdenticalRepeatedRows_AreStoredOnce()
    {
        using var bench = new IngestionBench();
        var csv = Exports.Csv(10);
        var repeated = csv + string.Join("", csv.Split("\r\n").Skip(1).Take(3).Select(l => l + "\r\n"));
        var report = await bench.RunAsync(bench.WriteFile("r.csv", repeated));
        Assert.Equal(IngestionStatus.Accepted, report.Status);
        Assert.Equal((13, 13, 10), (report.RowsRead, report.RowsAccepted, report.CasesStored));
        Assert.Equal(10, (await StoredCaseNumbers(bench.Store)).Distinct().Count());
    }

    [Fact]
    public async Task CaseNumbersInOtherSpellings_AreOneCase()
    {
        using var bench = new IngestionBench();
        var csv = Exports.Csv(10, first: 100) + "（2025）浙0102民初5号,2025-03-01,,,,,,,,,,,,\r\n(2025)浙0102民初005号,2025-03-02,,,,,,,,,,,,\r\n";
        var report = await bench.RunAsync(bench.WriteFile("s.csv", csv));
        Assert.Equal(2, report.RowsRejected);
        Assert.All(report.Errors, e => Assert.Equal("案号", e.Column));
    }

    [Fact]
    public async Task AFileRejectedWhole_IsReadAgainWhenUploadedAgainLater_AndAcceptedOnceItsDatesAreNoLongerInTheFuture()
    {
        using var bench = new IngestionBench();
        // Every case closes on the day after the first upload (2026-01-15 in Beijing): "in the future" that day, so every row is refused.
        var csv = Exports.Header + "\r\n" + string.Concat(Enumerable.Range(1, 10).Select(i => $"（2025）浙0102民初{i}号,2025-03-0{i % 9 + 1},2026-01-16,判决,,,,,,,,,,\r\n"));
        var file = bench.WriteFile("late.csv", csv);

        var first = await bench.RunAsync(file);
        // The same upload handed over again (a trigger delivered twice, a host restarted): the first report, nothing read.
        var sameUpload = await bench.RunAsync(file);
        // Another file for the window is accepted meanwhile; then the rejected one is uploaded again, two days on, and wins.
        await bench.RunAsync(bench.WriteFile("other.csv", Exports.Csv(3, first: 50)));
        var later = await bench.RunAsync(file, uploadedAt: IngestionBench.UploadTime.AddDays(2));

        Assert.Equal((IngestionStatus.Rejected, IngestionStatus.Rejected), (first.Status, sameUpload.Status));
        Assert.True(sameUpload.AlreadyIngested);
        Assert.Equal(IngestionStatus.Accepted, later.Status);
        Assert.False(later.AlreadyIngested);
        Assert.Equal(10, (await StoredCaseNumbers(bench.Store)).Count);
        Assert.True((await bench.RunAsync(file, uploadedAt: IngestionBench.UploadTime.AddDays(3))).AlreadyIngested);
    }

    [Fact]
    public async Task ACaseNumberTwice_OneRowFailingForAnotherReason_RejectsBoth()
    {
        using var bench = new IngestionBench();
        // Row 12 is valid; row 13 has the same 案号 (another spelling) and an impossible date: the content differs, so both go.
        var csv = Exports.Csv(10, first: 100) + "（2025）浙0102民初5号,2025-03-01,,,,,,,,,,,,\r\n(2025)浙0102民初005号,2025-13-02,,,,,,,,,,,,\r\n";
        var report = await bench.RunAsync(bench.WriteFile("t.csv", csv));

        Assert.Equal((12, 10, 2), (report.RowsRead, report.RowsAccepted, report.RowsRejected));
        Assert.Equal([12, 13], report.Errors.Select(e => e.Row).Distinct().Order());
        Assert.Contains(report.Errors, e => e.Row == 12 && e.Column == "案号");
        Assert.DoesNotContain("（2025）浙0102民初5号", await StoredCaseNumbers(bench.Store));
    }

    [Fact]
    public async Task WellFormedCourtOutsideTheRegistry_IsIngestedWithAWarning()
    {
        using var bench = new IngestionBench();
        var report = await bench.RunAsync(bench.WriteFile("k.csv", Exports.Csv(5).Replace("浙0102", "京0105", StringComparison.Ordinal)), court: "京0105");
        Assert.Equal(IngestionStatus.Accepted, report.Status);
        Assert.Contains("京0105", Assert.Single(report.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WindowFromTheLatestDate_WhenThePathNamesNone()
    {
        using var bench = new IngestionBench();
        var report = await bench.RunAsync(bench.WriteFile("w.csv", Exports.Csv(3)), window: null);
        Assert.Equal("2025-05", report.Window);
    }

    [Theory]
    [InlineData("../浙0102")]
    [InlineData("浙0102/../../etc")]
    [InlineData("浙01023")]
    [InlineData("..")]
    [InlineData("")]
    public async Task UploaderThatIsNotACourtCode_IsRejectedAndNothingIsWritten(string court)
    {
        using var bench = new IngestionBench();
        var report = await bench.RunAsync(bench.WriteFile("a.csv", Exports.Csv(3)), court: court);
        Assert.Equal(IngestionStatus.Rejected, report.Status);
        Assert.Null(report.ReportFile);
        Assert.Empty(Directory.EnumerateFiles(bench.Local.Root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task GeneratedMessyExports_InEveryFormat_AreIngestedWithTheirBadRowsQuarantined()
    {
        foreach (var format in new[] { "csv", "csv-gb18030", "xlsx", "jsonl" })
        {
            using var bench = new IngestionBench();
            Synthetic.Writers.ExportWriters.TryParse(format, out var fileFormat);
            var files = new Synthetic.ExportGenerator(CourtRegistry.Demo()).Generate(Path.Combine(bench.Root, "exports"),
                new Synthetic.GeneratorOptions { Months = 1, Format = fileFormat, Messy = true, Court = "浙0103" });
            var file = Assert.Single(files);
            var report = await bench.Ingest.RunAsync(new ExportUpload(file.Path, file.Path, "浙0103", file.Window, IngestionBench.UploadTime));
            Assert.Equal(IngestionStatus.Partial, report.Status);
            Assert.Equal(format == "csv-gb18030" ? "GB18030" : format == "csv" ? "UTF-8 (BOM)" : "UTF-8", report.Encoding);
            Assert.InRange(report.RowsRejected, 1, report.RowsRead / 10);
            Assert.Equal(["当事人", "联系电话"], report.PersonalColumns);
        }
    }
}

/// <summary>A store that fails its Nth write, as a crash would.</summary>
public sealed class CrashingStore(IFileStore inner, int failAt) : IFileStore
{
    private int _writes;

    private void Tick()
    {
        if (Interlocked.Increment(ref _writes) == failAt)
        {
            throw new IOException($"simulated crash at write {failAt}");
        }
    }

    public Task<StoredFile?> GetInfoAsync(string path, CancellationToken cancellationToken = default) => inner.GetInfoAsync(path, cancellationToken);
    public Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken = default) => inner.OpenReadAsync(path, cancellationToken);
    public IAsyncEnumerable<StoredFile> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);

    public Task<string> WriteAsync(string path, Stream content, CancellationToken cancellationToken = default)
    {
        Tick();
        return inner.WriteAsync(path, content, cancellationToken);
    }

    public Task<string?> TryWriteAsync(string path, Stream content, string? expectedVersion, CancellationToken cancellationToken = default)
    {
        Tick();
        return inner.TryWriteAsync(path, content, expectedVersion, cancellationToken);
    }

    public Task<bool> DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        Tick();
        return inner.DeleteAsync(path, cancellationToken);
    }
}

public sealed class CrashSafetyTests
{
    [Fact]
    public async Task CrashAtAnyWrite_LeavesTheOldOrTheNewState_AndARetryConverges()
    {
        for (var failAt = 1; failAt <= 7; failAt++)
        {
            var crashing = (CrashingStore?)null;
            using var bench = new IngestionBench(inner => crashing = new CrashingStore(inner, int.MaxValue));
            var old = Exports.Csv(10);
            var fresh = Exports.Csv(4, first: 70) + "（2025）浙0102民初99号,bad,,,,,,,,,,,,\r\n";
            await bench.RunAsync(bench.WriteFile("old.csv", old));
            var oldCases = await Cases(bench.Local);

            var failing = new CrashingStore(bench.Local, failAt);
            var ingest = new IngestExport(failing, new CuratedZone(failing, new ParquetCaseFiles()), new FileIngestionLedger(failing), CourtRegistry.Demo(), new IngestionLimits(), new FakeTimeProvider(IngestionBench.UploadTime));
            var path = bench.WriteFile("new.csv", fresh);
            try
            {
                await ingest.RunAsync(new ExportUpload(path, "new.csv", "浙0102", "2025-12", IngestionBench.UploadTime));
            }
            catch (IOException)
            {
                // the simulated crash
            }
            var afterCrash = await Cases(bench.Local);
            Assert.True(afterCrash.SequenceEqual(oldCases) || afterCrash.Count == 4, $"mixed state after a crash at write {failAt}");

            var retry = await bench.RunAsync(path);
            Assert.Equal(IngestionStatus.Partial, retry.Status);
            Assert.Equal(4, (await Cases(bench.Local)).Count);
        }
    }

    private static async Task<List<string>> Cases(IFileStore store)
    {
        var list = new List<string>();
        await foreach (var c in new CuratedZone(store, new ParquetCaseFiles()).ReadCasesAsync("浙0102"))
        {
            list.Add(c.CaseNumber.ToString());
        }
        return list;
    }
}

public sealed class BlobIngestionTests(Azurite azurite) : IClassFixture<Azurite>
{
    [Fact]
    public async Task IngestIntoBlobStorage_StoresCasesAndRecognisesTheSameFileAgain()
    {
        var store = new BlobFileStore(new BlobServiceClient(azurite.ConnectionString));
        var ingest = new IngestExport(store, new CuratedZone(store, new ParquetCaseFiles()), new FileIngestionLedger(store), CourtRegistry.Demo(), new IngestionLimits(), new FakeTimeProvider(IngestionBench.UploadTime));
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, Exports.Csv(12, first: 300) + "（2025）浙0102民初999号,2025-01-01,2024-01-01,判决,,,,,,,,,,\r\n");
            var first = await ingest.RunAsync(new ExportUpload(file, "court-exports/浙0102/2025-11/a.csv", "浙0102", "2025-11", IngestionBench.UploadTime));
            Assert.Equal(IngestionStatus.Partial, first.Status);
            Assert.NotNull(await store.GetInfoAsync(first.CuratedFile!));
            Assert.NotNull(await store.GetInfoAsync(first.QuarantineFile!));
            var count = 0;
            await foreach (var _ in new CuratedZone(store, new ParquetCaseFiles()).ReadCasesAsync("浙0102"))
            {
                count++;
            }
            Assert.Equal(12, count);
            var again = await ingest.RunAsync(new ExportUpload(file, "court-exports/浙0102/2025-11/a.csv", "浙0102", "2025-11", IngestionBench.UploadTime));
            Assert.True(again.AlreadyIngested);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task ExportUploadedToTheRawZone_IsIngestedFromItsPath_AndAgainIsANoOp()
    {
        var store = new BlobFileStore(new BlobServiceClient(azurite.ConnectionString));
        var ingest = new IngestExport(store, new CuratedZone(store, new ParquetCaseFiles()), new FileIngestionLedger(store), CourtRegistry.Demo(), new IngestionLimits(), new FakeTimeProvider(IngestionBench.UploadTime));
        var stored = new IngestStoredExport(store, ingest);
        var path = "court-exports/浙0203/2025-10/第三季度导出.csv";
        var csv = Exports.Csv(8).Replace("浙0102", "浙0203", StringComparison.Ordinal);
        await store.WriteAsync(path, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)));

        var report = await stored.RunAsync(path);
        Assert.Equal(IngestionStatus.Accepted, report.Status);
        Assert.Equal(("浙0203", "2025-10", path), (report.Court, report.Window, report.File));
        Assert.Equal($"curated/浙0203/2025-10/{report.IngestionId}.parquet", report.CuratedFile);
        Assert.True((await stored.RunAsync(path)).AlreadyIngested);
        await Assert.ThrowsAsync<ArgumentException>(() => stored.RunAsync("court-exports/浙0203/latest/x.csv"));
        await Assert.ThrowsAsync<ArgumentException>(() => stored.RunAsync("court-exports/../curated/x.csv"));
    }
}
