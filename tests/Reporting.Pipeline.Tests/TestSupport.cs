using Microsoft.Extensions.Time.Testing;
using Reporting.Storage.Parquet;
using Reporting.Pipeline.Curated;
using Reporting.Storage.Local;
using System.Text;
using Reporting.Core.Courts;
using Reporting.Ingestion;
using Reporting.Ingestion.Reports;
using Reporting.Pipeline.Ingest;
using Reporting.Pipeline.Files;

namespace Reporting.Pipeline.Tests;

/// <summary>A data folder with the demo registry and an IngestExport over it.</summary>
public sealed class IngestionBench : IDisposable
{
    public static readonly DateTimeOffset UploadTime = new(2026, 1, 15, 2, 0, 0, TimeSpan.Zero);

    public IngestionBench(Func<IFileStore, IFileStore>? wrap = null)
    {
        Root = Directory.CreateTempSubdirectory("reporting-pipeline-").FullName;
        Local = new LocalFileStore(Path.Combine(Root, "data"));
        Store = wrap?.Invoke(Local) ?? Local;
        Ingest = new IngestExport(Store, new CuratedZone(Store, new ParquetCaseFiles()), new FileIngestionLedger(Store), CourtRegistry.Demo(), new IngestionLimits(), new FakeTimeProvider(UploadTime));
    }

    public string Root { get; }
    public LocalFileStore Local { get; }
    public IFileStore Store { get; }
    public IngestExport Ingest { get; }

    public string WriteFile(string name, string content, Encoding? encoding = null)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllBytes(path, (encoding ?? Encoding.UTF8).GetBytes(content));
        return path;
    }

    public Task<IngestionReport> RunAsync(string file, string court = "浙0102", string? window = "2025-12", DateTimeOffset? uploadedAt = null) =>
        Ingest.RunAsync(new ExportUpload(file, Path.GetFileName(file), court, window, uploadedAt ?? UploadTime));

    /// <summary>Every stored file under curated/ with its bytes' hash: equal snapshots mean nothing stored changed.</summary>
    public IReadOnlyDictionary<string, string> CuratedSnapshot()
    {
        var folder = Path.Combine(Local.Root, "curated");
        if (!Directory.Exists(folder))
        {
            return new Dictionary<string, string>();
        }
        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

public static class Exports
{
    public const string Header = "案号,立案日期,结案日期,结案方式,审限届满日期,原审案号,是否开庭,上诉日期,移送日期,申请执行标的额,执行到位金额,案由,承办部门,承办法官";

    /// <summary>n valid civil cases of 浙0102, numbered from <paramref name="first"/>.</summary>
    public static string Csv(int n, int first = 1, string extraHeader = "", Func<int, string>? extra = null)
    {
        var sb = new StringBuilder(Header + extraHeader + "\r\n");
        for (var i = first; i < first + n; i++)
        {
            sb.Append($"（2025）浙0102民初{i}号,2025-03-{1 + i % 28:00},2025-05-{1 + i % 28:00},判决,2025-09-01,,,,,,,买卖合同纠纷,民一庭,示例法官01{extra?.Invoke(i)}\r\n");
        }
        return sb.ToString();
    }
}
