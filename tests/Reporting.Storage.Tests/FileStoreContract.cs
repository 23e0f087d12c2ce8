using Reporting.Storage.Azure;
using Reporting.Storage.Local;
using System.Text;
using Azure.Storage.Blobs;
using Reporting.Pipeline.Files;
using Reporting.Tests.Shared;

namespace Reporting.Storage.Tests;

/// <summary>One contract, run against every <see cref="IFileStore"/> adapter.</summary>
public abstract class FileStoreContract
{
    protected abstract IFileStore Store { get; }

    /// <summary>A fresh zone per test so tests never see each other's files.</summary>
    private readonly string _zone = "t" + Guid.NewGuid().ToString("N")[..12];

    private string P(string rest) => $"{_zone}/{rest}";

    private static MemoryStream Text(string s) => new(Encoding.UTF8.GetBytes(s));

    private async Task<string> ReadAsync(string path)
    {
        await using var stream = await Store.OpenReadAsync(path);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task Write_ThenRead_ReturnsTheContentUnderAChinesePath()
    {
        var path = P("浙0102/2025-12/导出.csv");
        var version = await Store.WriteAsync(path, Text("案号,立案日期"));
        Assert.Equal("案号,立案日期", await ReadAsync(path));
        var info = await Store.GetInfoAsync(path);
        Assert.NotNull(info);
        Assert.Equal(version, info.Version);
        Assert.Equal(Encoding.UTF8.GetByteCount("案号,立案日期"), info.Length);
    }

    [Fact]
    public async Task Missing_HasNoInfo_AndOpeningItThrowsFileNotFound()
    {
        Assert.Null(await Store.GetInfoAsync(P("none.json")));
        await Assert.ThrowsAsync<FileNotFoundException>(() => Store.OpenReadAsync(P("none.json")));
        Assert.False(await Store.DeleteAsync(P("none.json")));
    }

    [Fact]
    public async Task Overwrite_ChangesTheVersion()
    {
        var first = await Store.WriteAsync(P("a.txt"), Text("one"));
        var second = await Store.WriteAsync(P("a.txt"), Text("two"));
        Assert.NotEqual(first, second);
        Assert.Equal("two", await ReadAsync(P("a.txt")));
    }

    [Fact]
    public async Task TryWrite_CreateOnlyWhenAbsent()
    {
        Assert.NotNull(await Store.TryWriteAsync(P("m.json"), Text("1"), expectedVersion: null));
        Assert.Null(await Store.TryWriteAsync(P("m.json"), Text("2"), expectedVersion: null));
        Assert.Equal("1", await ReadAsync(P("m.json")));
    }

    [Fact]
    public async Task TryWrite_WithAStaleVersion_LosesAndLeavesTheWinner()
    {
        var v1 = await Store.WriteAsync(P("m.json"), Text("1"));
        var v2 = await Store.TryWriteAsync(P("m.json"), Text("2"), v1);
        Assert.NotNull(v2);
        Assert.Null(await Store.TryWriteAsync(P("m.json"), Text("3"), v1));
        Assert.Equal("2", await ReadAsync(P("m.json")));
        Assert.NotNull(await Store.TryWriteAsync(P("m.json"), Text("4"), v2));
    }

    [Fact]
    public async Task TryWrite_ConcurrentWritersFromOneVersion_ExactlyOneWins()
    {
        var v1 = await Store.WriteAsync(P("race.json"), Text("0"));
        var results = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(() => Store.TryWriteAsync(P("race.json"), Text(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), v1))));
        Assert.Single(results, r => r is not null);
    }

    [Fact]
    public async Task List_ReturnsFilesUnderThePrefixInPathOrder()
    {
        await Store.WriteAsync(P("b/2.txt"), Text("x"));
        await Store.WriteAsync(P("a/1.txt"), Text("x"));
        await Store.WriteAsync(P("a/sub/3.txt"), Text("x"));
        await Store.WriteAsync(P("c.txt"), Text("x"));
        var listed = new List<string>();
        await foreach (var file in Store.ListAsync(P("a/")))
        {
            listed.Add(file.Path);
        }
        Assert.Equal([P("a/1.txt"), P("a/sub/3.txt")], listed);
    }

    [Fact]
    public async Task Delete_RemovesTheFile()
    {
        await Store.WriteAsync(P("d.txt"), Text("x"));
        Assert.True(await Store.DeleteAsync(P("d.txt")));
        Assert.Null(await Store.GetInfoAsync(P("d.txt")));
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("zone/../../escape.txt")]
    [InlineData("/absolute.txt")]
    [InlineData("zone\\back.txt")]
    [InlineData("zone//double.txt")]
    [InlineData("zone/./dot.txt")]
    [InlineData("zone/bell\u0007.txt")]
    public async Task HostilePaths_AreRefusedBeforeAnythingIsWritten(string path) =>
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteAsync(path, Text("x")));
}

public sealed class LocalFileStoreContract : FileStoreContract, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("reporting-store-").FullName;
    private LocalFileStore? _store;

    protected override IFileStore Store => _store ??= new LocalFileStore(_root);

    [Fact]
    public async Task Write_LeavesNoTemporaryFilesBehind()
    {
        await Store.WriteAsync("zone/x.txt", new MemoryStream([1, 2, 3]));
        Assert.Equal(["x.txt"], Directory.GetFiles(Path.Combine(_root, "zone")).Select(Path.GetFileName));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

public sealed class BlobFileStoreContract(Azurite azurite) : FileStoreContract, IClassFixture<Azurite>
{
    private BlobFileStore? _store;

    protected override IFileStore Store => _store ??= new BlobFileStore(new BlobServiceClient(azurite.ConnectionString));
}
