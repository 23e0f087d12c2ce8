using Microsoft.Extensions.Configuration;
using Reporting.Storage.Parquet;
using Reporting.Pipeline.Curated;
using Reporting.Storage.Local;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using Reporting.Core.Courts;
using Reporting.Core.Indicators;
using Reporting.Core.Periods;
using Reporting.Ingestion;
using Reporting.Pdf.Fonts;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Ingest;
using Reporting.Pipeline.Reports;
using Reporting.Synthetic;
using Reporting.Tests.Shared;

namespace Reporting.Benchmarks;

/// <summary>
/// Ingest + aggregate of N generated rows (the demo province, one snapshot CSV per court), then the high court's report
/// rendered from those aggregates, next to DuckDB loading the
/// same CSV files and computing the same indicators, each side in its own process so that peak memory is its own.
///   dotnet run -c Release --project tests/Reporting.Benchmarks -- --rows 1000000 [--runs 3]
/// </summary>
public static class EndToEnd
{
    /// <param name="RenderSeconds">Ours only: the high court's situation report for the latest year, rendered after aggregating.</param>
    private sealed record SideResult(string Side, double FirstSeconds, double SecondSeconds, long PeakBytes, long Rows, double RenderSeconds = 0);

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = long.Parse(Arg(args, "--rows") ?? "1000000", CultureInfo.InvariantCulture);
        var work = Path.GetFullPath(Arg(args, "--work") ?? ".bench");
        var exports = Path.Combine(work, $"province-{rows}");
        if (Arg(args, "--side") is { } side)
        {
            var result = side == "ours" ? await OursAsync(exports, Path.Combine(work, $"data-{Environment.ProcessId}")) : await DuckDbAsync(exports);
            Console.WriteLine(JsonSerializer.Serialize(result with { PeakBytes = PeakBytes() }));
            return 0;
        }
        if (!Directory.Exists(exports))
        {
            Console.WriteLine($"generating {rows:N0} rows into {exports}");
            new ExportGenerator(CourtRegistry.Demo()).Generate(exports, new GeneratorOptions { Snapshot = true, Rows = rows });
        }
        var bytes = Directory.EnumerateFiles(exports, "*.csv", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Console.WriteLine($"{rows:N0} rows in {Directory.EnumerateFiles(exports, "*.csv", SearchOption.AllDirectories).Count()} CSV files, {bytes / 1e6:F0} MB; {Environment.ProcessorCount} cores");
        var runs = int.Parse(Arg(args, "--runs") ?? "3", CultureInfo.InvariantCulture);
        var ours = new List<SideResult>();
        var duck = new List<SideResult>();
        for (var i = 0; i < runs; i++)
        {
            ours.Add(Child("ours", rows, work));
            duck.Add(Child("duckdb", rows, work));
            Console.WriteLine($"run {i + 1}: ours ingest {ours[^1].FirstSeconds:F2} s + aggregate {ours[^1].SecondSeconds:F2} s + render {ours[^1].RenderSeconds:F2} s, peak {ours[^1].PeakBytes / 1048576} MB | " +
                $"DuckDB load {duck[^1].FirstSeconds:F2} s + compute {duck[^1].SecondSeconds:F2} s, peak {duck[^1].PeakBytes / 1048576} MB");
        }
        double Median(IEnumerable<double> values) => values.Order().ElementAt(runs / 2);
        var (ingest, aggregate) = (Median(ours.Select(r => r.FirstSeconds)), Median(ours.Select(r => r.SecondSeconds)));
        var (load, compute) = (Median(duck.Select(r => r.FirstSeconds)), Median(duck.Select(r => r.SecondSeconds)));
        var render = Median(ours.Select(r => r.RenderSeconds));
        Console.WriteLine($"median ours: ingest {ingest:F2} s, aggregate {aggregate:F2} s, render the high court's report {render:F2} s, total {ingest + aggregate + render:F2} s, peak {Median(ours.Select(r => (double)r.PeakBytes)) / 1048576:F0} MB");
        Console.WriteLine($"median DuckDB: load {load:F2} s, compute {compute:F2} s, total {load + compute:F2} s, peak {Median(duck.Select(r => (double)r.PeakBytes)) / 1048576:F0} MB");
        Console.WriteLine($"ratio aggregate / DuckDB compute = {aggregate / compute:F2} (target ≤ 1.0); ingest+aggregate / DuckDB load+compute = {(ingest + aggregate) / (load + compute):F2} (target ≤ 1.5)");
        return 0;
    }

    private static SideResult Child(string side, long rows, string work) =>
        JsonSerializer.Deserialize<SideResult>(ChildProcess.LastLine(
            ["--side", side, "--rows", rows.ToString(CultureInfo.InvariantCulture), "--work", work],
            new Dictionary<string, string> { ["Ingestion__MaxFileBytes"] = "4294967296" }))!;

    private static async Task<SideResult> OursAsync(string exports, string data)
    {
        try
        {
            var registry = CourtRegistry.Demo();
            var store = new LocalFileStore(data);
            var clock = TimeProvider.System;
            var ingest = new IngestExport(store, new CuratedZone(store, new ParquetCaseFiles()), new FileIngestionLedger(store), registry, IngestionLimits.Read(new ConfigurationBuilder().AddEnvironmentVariables().Build()), clock);
            var watch = Stopwatch.StartNew();
            long rows = 0;
            // Two exports at a time, as `reporting ingest` does: each court's files are independent of another's.
            var files = Directory.EnumerateFiles(exports, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
            await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (file, ct) =>
            {
                var (court, window) = ExportPath.Parse(file);
                var report = await ingest.RunAsync(new ExportUpload(file, file, court!, window, clock.GetUtcNow()), null, ct);
                Interlocked.Add(ref rows, report.RowsAccepted);
            });
            var ingestSeconds = watch.Elapsed.TotalSeconds;
            watch.Restart();
            var aggregates = new SqliteAggregateStore(Path.Combine(data, "aggregates.db"));
            await new AggregateIndicators(store, new CuratedZone(store, new ParquetCaseFiles()), aggregates, registry, IndicatorCatalog.Default(), clock).RunAsync();
            var aggregateSeconds = watch.Elapsed.TotalSeconds;
            watch.Restart();
            var high = registry.Roots.First().Code;
            var year = (await aggregates.PeriodsAsync(high)).Select(Period.Parse).Where(p => p.Kind == PeriodKind.Year).Max(p => p.Start);
            var render = new RenderSituationReport(new ComposeSituationReport(aggregates, registry, IndicatorCatalog.Default(), clock), FontLibrary.Discover(), clock);
            await render.ToFileAsync(high, Period.Year(year.Year), Comparison.YearOnYear, Path.Combine(data, "report.pdf"));
            return new SideResult("ours", ingestSeconds, aggregateSeconds, 0, rows, watch.Elapsed.TotalSeconds);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<SideResult> DuckDbAsync(string exports)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = new DuckDBConnection("DataSource=:memory:");
        await connection.OpenAsync();
        await DuckDbIndicators.LoadAsync(connection, DuckDbIndicators.CsvSource, exports, CourtRegistry.Demo(), CoveredPeriods());
        var load = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var result = await DuckDbIndicators.IndicatorsAsync(connection);
        return new SideResult("duckdb", load, watch.Elapsed.TotalSeconds, 0, result.Count);
    }

    /// <summary>The periods the aggregation computes for the generated 24 months: 24 months, 8 quarters, 2 years.</summary>
    private static IEnumerable<Period> CoveredPeriods() =>
        Enumerable.Range(0, 24).Select(m => Period.Month(2024 + m / 12, m % 12 + 1))
            .Concat(Enumerable.Range(0, 8).Select(q => Period.Quarter(2024 + q / 4, q % 4 + 1)))
            .Concat([Period.Year(2024), Period.Year(2025)]);

    /// <summary>Peak resident set size of this process (VmHWM), what /usr/bin/time reports as maximum RSS.</summary>
    internal static long PeakBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }
        return 0;
    }

    internal static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
