using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using Reporting.Core.Cases;
using Reporting.Core.Courts;
using Reporting.Core.Periods;

namespace Reporting.Tests.Shared;

/// <summary>
/// An independent implementation of the 18 indicators (and the linked 案-件比) in DuckDB SQL, written from
/// docs/domain/indicators.md. It starts from a table <c>c</c> of cases (normal-form columns, as in the curated
/// Parquet files) that a source statement creates: from curated Parquet in the differential test, from the raw CSV
/// exports in the benchmark.
/// </summary>
public static class DuckDbIndicators
{
    /// <summary>The raw CSV exports (one snapshot per court) as table c, deriving court, type and stage from the 案号.</summary>
    public const string CsvSource = """
        CREATE TABLE c AS
          SELECT 案号 AS case_number,
                 regexp_extract(案号, '[）)〕](最高法|[^0-9（）()〔〕][0-9]*)', 1) AS court,
                 t.type_code, t.stage,
                 strptime(立案日期, '%Y-%m-%d')::DATE AS filing_date,
                 strptime(nullif(结案日期, ''), '%Y-%m-%d')::DATE AS closing_date,
                 nullif(结案方式, '') AS disposition,
                 strptime(nullif(审限届满日期, ''), '%Y-%m-%d')::DATE AS deadline_date,
                 nullif(原审案号, '') AS origin_case_number,
                 nullif(regexp_extract(原审案号, '[）)〕](最高法|[^0-9（）()〔〕][0-9]*)', 1), '') AS origin_court,
                 o.stage AS origin_stage,
                 是否开庭 = '是' AS hearing_held,
                 strptime(nullif(上诉日期, ''), '%Y-%m-%d')::DATE AS appeal_date,
                 strptime(nullif(移送日期, ''), '%Y-%m-%d')::DATE AS transfer_date,
                 round(TRY_CAST(申请执行标的额 AS DECIMAL(18, 2)) * 100)::BIGINT AS claimed_amount_fen,
                 round(TRY_CAST(执行到位金额 AS DECIMAL(18, 2)) * 100)::BIGINT AS recovered_amount_fen
          FROM read_csv('{ROOT}/*/*/*.csv', header = true, all_varchar = true) r
          LEFT JOIN types t ON t.type_code = regexp_extract(r.案号, '[）)〕](?:最高法|[^0-9（）()〔〕][0-9]*)知?([^0-9]+)[0-9]', 1)
          LEFT JOIN types o ON o.type_code = regexp_extract(r.原审案号, '[）)〕](?:最高法|[^0-9（）()〔〕][0-9]*)知?([^0-9]+)[0-9]', 1);
        """;

    /// <summary>One SELECT per indicator term, per own court and period; the last statement rolls up through the scope table.</summary>
    public const string Sql = """
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

    /// <summary>Runs <paramref name="source"/> and the indicator SQL; returns numerator and denominator per court scope, period and indicator.</summary>
    public static async Task<Dictionary<(string Court, string Period, string Id), (double Num, double Den)>> ComputeAsync(
        DuckDBConnection connection, string source, string root, CourtRegistry registry, IEnumerable<Period> periods)
    {
        await LoadAsync(connection, source, root, registry, periods);
        return await IndicatorsAsync(connection);
    }

    /// <summary>Creates the periods, scopes and type tables and the case table c from <paramref name="source"/>.</summary>
    public static async Task LoadAsync(DuckDBConnection connection, string source, string root, CourtRegistry registry, IEnumerable<Period> periods)
    {
        await ExecuteAsync(connection, Setup(registry, periods));
        foreach (var statement in Statements(source.Replace("{ROOT}", root.Replace("'", "''", StringComparison.Ordinal), StringComparison.Ordinal)))
        {
            await ExecuteAsync(connection, statement);
        }
    }

    /// <summary>Computes every indicator term from table c and rolls it up through the scopes.</summary>
    public static async Task<Dictionary<(string Court, string Period, string Id), (double Num, double Den)>> IndicatorsAsync(DuckDBConnection connection)
    {
        var statements = Statements(Sql);
        foreach (var statement in statements.SkipLast(1))
        {
            await ExecuteAsync(connection, statement);
        }
        var result = new Dictionary<(string, string, string), (double, double)>();
        await using var query = connection.CreateCommand();
        query.CommandText = statements[^1];
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result[(reader.GetString(0), reader.GetString(1), reader.GetString(2))] = (reader.GetDouble(3), reader.GetDouble(4));
        }
        return result;
    }

    private static List<string> Statements(string sql) =>
        sql.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(s => s.Length > 0).ToList();

    /// <summary>Periods, the registry's scopes, and the 类型代字 → stage table the CSV source needs.</summary>
    private static string Setup(CourtRegistry registry, IEnumerable<Period> periods)
    {
        var sql = new StringBuilder("CREATE TABLE periods(period VARCHAR, start_date DATE, end_date DATE);\n");
        foreach (var p in periods)
        {
            sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO periods VALUES ('{p}', DATE '{p.Start:yyyy-MM-dd}', DATE '{p.End:yyyy-MM-dd}');\n");
        }
        sql.Append("CREATE TABLE scope(court VARCHAR, member VARCHAR);\n");
        foreach (var court in registry.Courts)
        {
            foreach (var member in registry.ScopeOf(court.Code))
            {
                sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO scope VALUES ('{court.Code}', '{member.Code}');\n");
            }
        }
        sql.Append("CREATE TABLE types(type_code VARCHAR, stage VARCHAR);\n");
        foreach (var type in CaseTypes.Table)
        {
            sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO types VALUES ('{type.Code}', '{type.Stage.Id()}');\n");
        }
        return sql.ToString();
    }

    private static async Task ExecuteAsync(DuckDBConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
