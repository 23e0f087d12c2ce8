using Reporting.Storage.Parquet;
using DuckDB.NET.Data;
using Reporting.Core.Courts;
using Reporting.Core.Indicators;
using Reporting.Core.Periods;
using Reporting.Pipeline.Ingest;
using Reporting.Pipeline.Curated;
using Reporting.Synthetic;
using Reporting.Tests.Shared;

namespace Reporting.Pipeline.Tests;

/// <summary>
/// The independent DuckDB SQL implementation of the indicators (<see cref="DuckDbIndicators"/>), reading the curated
/// Parquet files directly: on a generated province it and the engine must agree on every court × period × indicator.
/// </summary>
public sealed class DuckDbDifferentialTests
{
    /// <summary>The curated Parquet files as table c (the latest window winning per 案号).</summary>
    public const string CuratedSource = """

        CREATE TABLE raw AS
          SELECT *, regexp_extract(filename, 'curated/[^/]+/([0-9]{4}-[0-9]{2})/', 1) AS win
          FROM read_parquet('{ROOT}/curated/*/*/*.parquet', filename = true);
        CREATE TABLE c AS
          SELECT * EXCLUDE (rn) FROM (SELECT *, row_number() OVER (PARTITION BY case_number ORDER BY win DESC) AS rn FROM raw) WHERE rn = 1;
        """;

    [Fact]
    public async Task EngineAndDuckDb_AgreeOnEveryCourtPeriodAndIndicator()
    {
        using var bench = new IngestionBench();
        var registry = CourtRegistry.Demo();
        var catalog = IndicatorCatalog.Default();
        var sheet = await IngestAndCountAsync(bench, Path.Combine(bench.Root, "exports"), new GeneratorOptions { Months = 24, Scale = 0.5 });
        Period[] periods = [.. Enumerable.Range(1, 12).Select(m => Period.Month(2025, m)), .. Enumerable.Range(1, 4).Select(q => Period.Quarter(2025, q)),
            Period.Year(2024), Period.Year(2025), Period.Parse("2025-01..2025-11"), Period.Parse("2024-06..2025-05")];

        var expected = await DuckDbAsync(bench.Local.Root, registry, periods);
        var checkedIds = catalog.Indicators.Where(i => !i.Extra || i.Id == "case-matter-ratio-linked").ToList();
        Assert.Equal(19, checkedIds.Count);
        var compared = 0;
        foreach (var court in registry.Courts)
        {
            foreach (var period in periods)
            {
                foreach (var indicator in checkedIds)
                {
                    var ours = sheet.Value(court.Code, period, indicator);
                    var theirs = expected.GetValueOrDefault((court.Code, period.ToString(), indicator.Id));
                    Assert.True(Math.Abs(ours.Numerator - theirs.Num) < 1e-6 && Math.Abs(ours.Denominator - theirs.Den) < 1e-6,
                        $"{court.Code} {period} {indicator.Id}: engine {ours.Numerator}/{ours.Denominator}, DuckDB {theirs.Num}/{theirs.Den}");
                    compared++;
                }
            }
        }
        Assert.Equal(registry.Courts.Count * periods.Length * 19, compared);
        Assert.True(expected.Values.Sum(v => v.Den) > 10_000, "the generated province is large enough to mean something");
    }

    /// <summary>
    /// The same SQL, with every court code turned into court|承办部门 (for origin-credited counts, the original case's
    /// division; for the linked ratio, the root matter's) and scopes joined by division name, must give what the engine
    /// gives per division: the report's drill-down is checked against an independent count, not only against itself.
    /// </summary>
    [Fact]
    public async Task EngineAndDuckDb_AgreePerDivision()
    {
        using var bench = new IngestionBench();
        var registry = CourtRegistry.Demo();
        var catalog = IndicatorCatalog.Default();
        var sheet = await IngestAndCountAsync(bench, Path.Combine(bench.Root, "exports"), new GeneratorOptions { Months = 15, Scale = 0.3 });
        Period[] periods = [Period.Parse("2025-03"), Period.Parse("2025-Q1"), Period.Year(2025), Period.Parse("2024-06..2025-03")];

        await using var connection = new DuckDBConnection("DataSource=:memory:");
        await connection.OpenAsync();
        await DuckDbIndicators.LoadAsync(connection, CuratedSource + ByDivision, bench.Local.Root, registry, periods);
        foreach (var statement in ScopesByDivision.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = statement;
            await command.ExecuteNonQueryAsync();
        }
        var expected = await DuckDbIndicators.IndicatorsAsync(connection);

        var checkedIds = catalog.Indicators.Where(i => !i.Extra || i.Id == "case-matter-ratio-linked").ToList();
        var compared = 0;
        foreach (var court in registry.Courts)
        {
            foreach (var period in periods)
            {
                var divisions = sheet.Divisions(court.Code, period);
                Assert.NotEmpty(divisions);
                var listed = divisions.Select(d => $"{court.Code}|{d.Division}").ToHashSet();
                Assert.All(expected.Where(e => e.Key.Court.StartsWith(court.Code + "|", StringComparison.Ordinal) && e.Key.Period == period.ToString()
                        && (e.Value.Num != 0 || e.Value.Den != 0)),
                    e => Assert.Contains(e.Key.Court, listed));
                foreach (var division in divisions)
                {
                    foreach (var indicator in checkedIds)
                    {
                        var ours = division.Values[catalog.Indicators.ToList().IndexOf(indicator)];
                        var theirs = expected.GetValueOrDefault(($"{court.Code}|{division.Division}", period.ToString(), indicator.Id));
                        Assert.True(Math.Abs(ours.Numerator - theirs.Num) < 1e-6 && Math.Abs(ours.Denominator - theirs.Den) < 1e-6,
                            $"{court.Code} {division.Division ?? "(none)"} {period} {indicator.Id}: engine {ours.Numerator}/{ours.Denominator}, DuckDB {theirs.Num}/{theirs.Den}");
                        compared++;
                    }
                }
            }
        }
        Assert.True(compared > registry.Courts.Count * periods.Length * 19 * 3, "several divisions per court were compared");
    }

    /// <summary>Table c with court := court|division and origin court := the original case's court|division.</summary>
    private const string ByDivision = """

        CREATE TABLE d AS
          SELECT c.* REPLACE (
                   c.court || '|' || coalesce(c.division, '') AS court,
                   CASE WHEN c.origin_court IS NULL THEN NULL
                        ELSE c.origin_court || '|' || coalesce((SELECT any_value(o.division) FROM c o
                                                                WHERE o.case_number = c.origin_case_number AND o.court = c.origin_court), '') END AS origin_court)
          FROM c;
        DROP TABLE c;
        ALTER TABLE d RENAME TO c;
        """;

    /// <summary>Scopes joined by division name: court|name sums member|name over the court's scope.</summary>
    private const string ScopesByDivision = """
        CREATE TABLE scope_d AS
          SELECT s.court || '|' || n.name AS court, s.member || '|' || n.name AS member
          FROM scope s, (SELECT DISTINCT split_part(court, '|', 2) AS name FROM c) n;
        DROP TABLE scope;
        ALTER TABLE scope_d RENAME TO scope
        """;

    /// <summary>The benchmark's DuckDB side reads the raw CSV exports: it must compute what the engine computes after ingestion.</summary>
    [Fact]
    public async Task DuckDbOverTheRawCsv_AgreesWithTheEngine()
    {
        using var bench = new IngestionBench();
        var registry = CourtRegistry.Demo();
        var exports = Path.Combine(bench.Root, "exports");
        var sheet = await IngestAndCountAsync(bench, exports, new GeneratorOptions { Months = 14, Scale = 0.3, Snapshot = true });
        Period[] periods = [Period.Parse("2025-Q3"), Period.Year(2025), Period.Parse("2025-07")];
        await using var connection = new DuckDBConnection("DataSource=:memory:");
        await connection.OpenAsync();
        var duck = await DuckDbIndicators.ComputeAsync(connection, DuckDbIndicators.CsvSource, exports, registry, periods);
        foreach (var indicator in IndicatorCatalog.Default().Indicators.Where(i => !i.Extra))
        {
            foreach (var period in periods)
            {
                var ours = sheet.Value("浙", period, indicator);
                var theirs = duck.GetValueOrDefault(("浙", period.ToString(), indicator.Id));
                Assert.True(Math.Abs(ours.Numerator - theirs.Num) < 1e-6 && Math.Abs(ours.Denominator - theirs.Den) < 1e-6,
                    $"{period} {indicator.Id}: engine {ours.Numerator}/{ours.Denominator}, DuckDB over CSV {theirs.Num}/{theirs.Den}");
            }
        }
    }

    /// <summary>Generates the demo province's exports into <paramref name="exports"/>, ingests them, and counts the curated zone with the engine.</summary>
    private static async Task<IndicatorSheet> IngestAndCountAsync(IngestionBench bench, string exports, GeneratorOptions options)
    {
        var registry = CourtRegistry.Demo();
        foreach (var file in new ExportGenerator(registry).Generate(exports, options))
        {
            await bench.Ingest.RunAsync(new ExportUpload(file.Path, file.Path, file.Court, file.Window, IngestionBench.UploadTime));
        }
        var table = new CaseTable();
        await new CuratedZone(bench.Store, new ParquetCaseFiles()).LoadIntoAsync(registry.Courts.Select(c => c.Code).ToList(), table);
        table.Link();
        return new IndicatorEngine(IndicatorCatalog.Default()).Compute(table, registry);
    }

    private static async Task<Dictionary<(string Court, string Period, string Id), (double Num, double Den)>> DuckDbAsync(
        string root, CourtRegistry registry, IEnumerable<Period> periods)
    {
        await using var connection = new DuckDBConnection("DataSource=:memory:");
        await connection.OpenAsync();
        return await DuckDbIndicators.ComputeAsync(connection, CuratedSource, root, registry, periods);
    }
}
