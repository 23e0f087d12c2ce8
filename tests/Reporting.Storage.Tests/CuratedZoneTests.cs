using Reporting.Storage.Parquet;
using Reporting.Storage.Local;
using Reporting.Core.Cases;
using Reporting.Pipeline.Curated;

namespace Reporting.Storage.Tests;

public sealed class CuratedZoneTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("reporting-curated-").FullName;

    private static CaseRecord Case(string number, DateOnly filed, DateOnly? closed = null) => new()
    {
        CaseNumber = CaseNumber.Parse(number),
        Court = CaseNumber.Parse(number).CourtCode,
        FilingDate = filed,
        ClosingDate = closed,
        Disposition = closed is null ? null : Disposition.判决,
        OriginCaseNumber = CaseNumber.Parse("（2023）浙0102民初9号"),
        ClaimedAmount = 1234.56m,
        HearingHeld = true,
        Cause = "买卖合同纠纷",
    };

    private async Task<string> WriteParquetAsync(params CaseRecord[] cases)
    {
        var path = Path.Combine(_root, Guid.NewGuid().ToString("N") + ".parquet");
        await using var stream = File.Create(path);
        await using var writer = new CaseParquetWriter(stream, rowGroupSize: 2);
        foreach (var c in cases)
        {
            await writer.AddAsync(c);
        }
        await writer.CompleteAsync();
        return path;
    }

    [Fact]
    public async Task Parquet_RoundTripsEveryField_AcrossRowGroups()
    {
        var cases = Enumerable.Range(1, 5).Select(i => Case($"（2024）浙0102民初{i}号", new DateOnly(2024, 1, i), i % 2 == 0 ? new DateOnly(2024, 3, i) : null)).ToArray();
        var file = await WriteParquetAsync(cases);
        await using var stream = File.OpenRead(file);
        var read = new List<CaseRecord>();
        await foreach (var c in CaseParquet.ReadAsync(stream))
        {
            read.Add(c);
        }
        Assert.Equal(cases, read);
    }

    [Fact]
    public async Task Commit_NewFileForAWindow_ReplacesTheOldOneAndDeletesIt()
    {
        var store = new LocalFileStore(Path.Combine(_root, "data"));
        var zone = new CuratedZone(store, new ParquetCaseFiles());
        var first = await zone.CommitAsync("浙0102", "2025-11", "aaa", await WriteParquetAsync(Case("（2025）浙0102民初1号", new DateOnly(2025, 11, 1))), 1, "a.csv", DateTimeOffset.UnixEpoch);
        await zone.CommitAsync("浙0102", "2025-11", "bbb", await WriteParquetAsync(Case("（2025）浙0102民初2号", new DateOnly(2025, 11, 2))), 1, "b.csv", DateTimeOffset.UnixEpoch);
        Assert.Null(await store.GetInfoAsync(first.File));
        var (manifest, _) = await zone.ReadManifestAsync("浙0102");
        Assert.Equal("bbb", manifest.Windows["2025-11"].IngestionId);
        var numbers = new List<string>();
        await foreach (var c in zone.ReadCasesAsync("浙0102"))
        {
            numbers.Add(c.CaseNumber.ToString());
        }
        Assert.Equal(["（2025）浙0102民初2号"], numbers);
    }

    [Fact]
    public async Task ReadCases_TheLatestWindowWins()
    {
        var store = new LocalFileStore(Path.Combine(_root, "data"));
        var zone = new CuratedZone(store, new ParquetCaseFiles());
        await zone.CommitAsync("浙0102", "2025-01", "jan", await WriteParquetAsync(Case("（2025）浙0102民初1号", new DateOnly(2025, 1, 5))), 1, "jan.csv", DateTimeOffset.UnixEpoch);
        await zone.CommitAsync("浙0102", "2025-03", "mar", await WriteParquetAsync(Case("（2025）浙0102民初1号", new DateOnly(2025, 1, 5), new DateOnly(2025, 3, 9))), 1, "mar.csv", DateTimeOffset.UnixEpoch);
        var cases = new List<CaseRecord>();
        await foreach (var c in zone.ReadCasesAsync("浙0102"))
        {
            cases.Add(c);
        }
        Assert.Equal(new DateOnly(2025, 3, 9), Assert.Single(cases).ClosingDate);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
