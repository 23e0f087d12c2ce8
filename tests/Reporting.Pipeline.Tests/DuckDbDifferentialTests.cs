using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using Reporting.Core.Courts;
using Reporting.Core.Indicators;
using Reporting.Core.Periods;
using Reporting.Pipeline.Ingest;
using Reporting.Storage.Curated;
using Reporting.Synthetic;

namespace Reporting.Pipeline.Tests;

/// <summary>
/// An independent implementation of the 18 indicators (and the linked 案-件比) in DuckDB SQL, written from
/// shared/domain/indicators.md and reading the curated Parquet files directly. On a generated province, it and the
/// engine must agree on every court × period × indicator.
/// </summary>
public sealed class DuckDbDifferentialTests
{
    /// <summary>One SELECT per indicator term, per own court and period; roll-up joins the scope table afterwards.</summary>
    public const string IndicatorSql = """
        CREATE TABLE raw AS
          SELECT *, regexp_extract(filename, 'curated/[^/]+/([0-9]{4}-[0-9]{2})/', 1) AS win
          FROM read_parquet('{ROOT}/curated/*/*/*.parquet', filename = true);
        CREATE TABLE c AS
          SELECT * EXCLUDE (rn) FROM (SELECT *, row_number() OVER (PARTITION BY case_number ORDER BY win DESC) AS rn FROM raw) WHERE rn = 1;
        ALTER TABLE c ADD COLUMN counted BOOLEAN;
        UPDATE c SET counted = stage IN ('first','appeal','retrial-review','retrial','enforcement','enforcement-review','non-contentious','insolvency');
        ALTER TABLE c ADD COLUMN new_matter BOOLEAN;
        UPDATE c SET new_matter = (stage IN ('first','non-contentious','insolvency') OR type_code = '执')
                                  AND (origin_case_number IS NULL OR origin_stage = 'pre-litigation');
        ALTER TABLE c ADD COLUMN linked_appeal BOOLEAN;
        ALTER TABLE c ADD COLUMN linked_review BOOLEAN;
        UPDATE c SET linked_appeal = EXISTS (SELECT 1 FROM c a WHERE a.stage = 'appeal' AND a.origin_case_number = c.case_number),
                     linked_review = EXISTS (SELECT 1 FROM c r WHERE r.stage = 'retrial-review' AND r.origin_case_number = c.case_number);
        CREATE TABLE roots AS
          WITH RECURSIVE chain(case_number, node, depth) AS (
            SELECT case_number, case_number, 0 FROM c WHERE counted
            UNION ALL
            SELECT chain.case_number, o.case_number, depth + 1
            FROM chain JOIN c cur ON cur.case_number = chain.node AND NOT cur.new_matter
                       JOIN c o ON o.case_number = cur.origin_case_number
            WHERE depth < 64)
          SELECT chain.case_number, r.court AS root_court, r.filing_date AS root_filed
          FROM chain JOIN c r ON r.case_number = chain.node AND r.new_matter;

        CREATE TABLE terms AS
        SELECT p.period, x.* FROM periods p, LATERAL (
          SELECT court, 'case-matter-ratio' AS id, count(*) FILTER (WHERE counted) AS num, count(*) FILTER (WHERE new_matter) AS den
            FROM c WHERE filing_date BETWEEN p.start_date AND p.end_date GROUP BY court
          UNION ALL
          SELECT court, 'appeal-rate', count(*) FILTER (WHERE appeal_date IS NOT NULL OR linked_appeal), count(*)
            FROM c WHERE stage = 'first' AND closing_date BETWEEN p.start_date AND p.end_date AND disposition IN ('判决','驳回起诉') GROUP BY court
          UNION ALL
          SELECT court, 'first-instance-acceptance-rate', count(*) FILTER (WHERE appeal_date IS NULL AND NOT linked_appeal AND NOT linked_review), count(*)
            FROM c WHERE stage = 'first' AND closing_date BETWEEN p.start_date AND p.end_date GROUP BY court
          UNION ALL
          SELECT origin_court, 'retrial-petition-rate', count(*), 0
            FROM c WHERE stage = 'retrial-review' AND origin_court IS NOT NULL AND filing_date BETWEEN p.start_date AND p.end_date GROUP BY origin_court
          UNION ALL
          SELECT court, 'retrial-petition-rate', 0, count(*)
            FROM c WHERE stage IN ('first','appeal') AND closing_date BETWEEN p.start_date AND p.end_date GROUP BY court
          UNION ALL
          SELECT court, 'appeal-reversal-remand-ratio', count(*) FILTER (WHERE disposition = '改判'), count(*) FILTER (WHERE disposition = '发回重审')
            FROM c WHERE stage = 'appeal' AND closing_date BETWEEN p.start_date AND p.end_date GROUP BY court
          UNION ALL
          SELECT court, 'retrial-reversal-remand-ratio', count(*) FILTER (WHERE disposition = '改判'), count(*) FILTER (WHERE disposition = '发回重审')
            FROM c WHERE stage = 'retrial' AND closing_date BETWEEN p.start_date AND p.end_date GROUP BY court
          UNION ALL
          SELECT court, 'appeal-hearing-rate', count(*) FILTER (WHERE hearing_held), count(*)
            FROM c WHERE stage = 'appeal' AND closing_date BETWEEN p.start_date AND p.end_date GROUP BY court
          UNION ALL
          SELECT court, 'on-time-closure-rate', count(*) FILTER (WHERE closing_date <= deadline_date), count(*)
            FROM c WHERE stage IN ('first','appeal','retrial') AND deadline_date IS NOT NULL AND closing_date BETWEEN p.start_date AND p.end_date GROUP BY court
          UNION ALL
          SELECT court, 'long-pending-ratio',
                 count(*) FILTER (WHERE filing_date <= p.end_date AND (closing_date IS NULL OR closing_date > p.end_date) AND p.end_date - filing_date > 365),
                 count(*) FILTER (WHERE (filing_date < p.start_date AND (closing_date IS NULL OR closing_date >= p.start_date))
                                     OR filing_date BETWEEN p.start_date AND p.end_date)
            FROM c WHERE counted GROUP BY court
          UNION ALL
          SELECT court, 'average-closure-days', sum(closing_date - filing_date), count(*)
            FROM c WHERE stage IN ('first','appeal','retrial') AND closing_date BETWEEN p.start_date AND p.end_date GROUP BY court
          UNION ALL
          SELECT court, 'appeal-transfer-days', sum(transfer_date - appeal_date), count(*)
            FROM c WHERE stage = 'first' AND appeal_date IS NOT NULL AND transfer_date BETWEEN p.start_date AND p.end_date GROUP BY court
          UNION ALL
          SELECT court, 'closure-receipt-ratio', count(*) FILTER (WHERE closing_date BETWEEN p.start_date AND p.end_date),
                 count(*) FILTER (WHERE filing_date BETWEEN p.start_date AND p.end_date)
            FROM c WHERE counted GROUP BY court
          UNION ALL
          SELECT court, 'mediation-withdrawal-rate', count(*) FILTER (WHERE disposition IN ('调解','撤诉')), count(*)
            FROM c WHERE type_code = '民初' AND closing_date BETWEEN p.start_date AND p.end_date GROUP BY court
          UNION ALL
          SELECT court, 'pre-litigation-mediation-rate', count(*) FILTER (WHERE disposition = '调解成功'), count(*)
            FROM c WHERE stage = 'pre-litigation' AND closing_date BETWEEN p.start_date AND p.end_date GROUP BY court
          UNION ALL
          SELECT court, 'pre-litigation-mediation-rate', 0, count(*)
            FROM c WHERE type_code = '民初' AND (origin_stage IS NULL OR origin_stage <> 'pre-litigation')
                     AND filing_date BETWEEN p.start_date AND p.end_date GROUP BY court
          UNION ALL
          SELECT origin_court, 'enforcement-application-rate', count(*), 0
            FROM c WHERE type_code = '执' AND regexp_matches(origin_case_number, '民(初|终)[0-9]')
                     AND filing_date BETWEEN p.start_date AND p.end_date GROUP BY origin_court
          UNION ALL
          SELECT court, 'enforcement-application-rate', 0, count(*)
            FROM c WHERE type_code IN ('民初','民终') AND disposition IN ('判决','调解') AND closing_date BETWEEN p.start_date AND p.end_date GROUP BY court
          UNION ALL
          SELECT court, 'enforcement-recovery-rate', sum(coalesce(recovered_amount_fen, 0)) / 100.0, sum(claimed_amount_fen) / 100.0
            FROM c WHERE type_code IN ('执','执恢') AND claimed_amount_fen IS NOT NULL AND closing_date BETWEEN p.start_date AND p.end_date GROUP BY court
          UNION ALL
          SELECT court, 'enforcement-completion-rate', count(*) FILTER (WHERE disposition = '执行完毕'), count(*)
            FROM c WHERE type_code = '执' AND closing_date BETWEEN p.start_date AND p.end_date GROUP BY court
          UNION ALL
          SELECT court, 'enforcement-termination-rate', count(*) FILTER (WHERE disposition = '终结本次执行程序'), count(*)
            FROM c WHERE type_code = '执' AND closing_date BETWEEN p.start_date AND p.end_date GROUP BY court
          UNION ALL
          SELECT roots.root_court, 'case-matter-ratio-linked', count(*), 0
            FROM roots WHERE roots.root_filed BETWEEN p.start_date AND p.end_date GROUP BY roots.root_court
          UNION ALL
          SELECT court, 'case-matter-ratio-linked', 0, count(*)
            FROM c WHERE new_matter AND filing_date BETWEEN p.start_date AND p.end_date GROUP BY court
        ) x;

        SELECT s.court, t.period, t.id, sum(t.num)::DOUBLE AS num, sum(t.den)::DOUBLE AS den
        FROM terms t JOIN scope s ON s.member = t.court
        GROUP BY s.court, t.period, t.id;
        """;

    [Fact]
    public async Task EngineAndDuckDb_AgreeOnEveryCourtPeriodAndIndicator()
    {
        using var bench = new IngestionBench();
        var registry = CourtRegistry.Demo();
        var files = new ExportGenerator(registry).Generate(Path.Combine(bench.Root, "exports"), new GeneratorOptions { Months = 24, Scale = 0.5 });
        foreach (var file in files)
        {
            await bench.Ingest.RunAsync(new ExportUpload(file.Path, file.Path, file.Court, file.Window, IngestionBench.UploadTime));
        }

        var table = new CaseTable();
        var zone = new CuratedZone(bench.Store);
        foreach (var court in registry.Courts)
        {
            await foreach (var record in zone.ReadCasesAsync(court.Code))
            {
                table.Add(record);
            }
        }
        table.Link();
        var catalog = IndicatorCatalog.Default();
        var sheet = new IndicatorEngine(catalog).Compute(table, registry);
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

    private static async Task<Dictionary<(string Court, string Period, string Id), (double Num, double Den)>> DuckDbAsync(
        string root, CourtRegistry registry, IEnumerable<Period> periods)
    {
        await using var connection = new DuckDBConnection("DataSource=:memory:");
        await connection.OpenAsync();
        var setup = new StringBuilder("CREATE TABLE periods(period VARCHAR, start_date DATE, end_date DATE);\n");
        foreach (var p in periods)
        {
            setup.Append(CultureInfo.InvariantCulture, $"INSERT INTO periods VALUES ('{p}', DATE '{p.Start:yyyy-MM-dd}', DATE '{p.End:yyyy-MM-dd}');\n");
        }
        setup.Append("CREATE TABLE scope(court VARCHAR, member VARCHAR);\n");
        foreach (var court in registry.Courts)
        {
            foreach (var member in registry.ScopeOf(court.Code))
            {
                setup.Append(CultureInfo.InvariantCulture, $"INSERT INTO scope VALUES ('{court.Code}', '{member.Code}');\n");
            }
        }
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = setup.ToString();
            await command.ExecuteNonQueryAsync();
        }
        var statements = IndicatorSql.Replace("{ROOT}", root.Replace("'", "''", StringComparison.Ordinal), StringComparison.Ordinal)
            .Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(s => s.Length > 0).ToList();
        foreach (var statement in statements.SkipLast(1))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = statement;
            await command.ExecuteNonQueryAsync();
        }
        var result = new Dictionary<(string, string, string), (double, double)>();
        await using (var query = connection.CreateCommand())
        {
            query.CommandText = statements[^1];
            await using var reader = await query.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                result[(reader.GetString(0), reader.GetString(1), reader.GetString(2))] = (reader.GetDouble(3), reader.GetDouble(4));
            }
        }
        return result;
    }
}
