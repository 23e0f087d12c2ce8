using Reporting.Core.Courts;
using Reporting.Core.Indicators;
using Reporting.Core.Periods;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Ingest;
using Reporting.Pipeline.Reports;
using Reporting.Pipeline.Files;

namespace Reporting.Pipeline.Api;

/// <summary>
/// The analyst query API behind every host: the court tree, a court's indicators for a period (the JSON of
/// <c>reporting query --format json</c>), aggregation runs, and rendered reports. Inputs arrive as text from a
/// route or query string and are checked here, so every host refuses the same things with the same words.
/// </summary>
public sealed class AnalystApi(IAggregateStore aggregates, QueryIndicators query, ReportArchive archive, CourtRegistry registry, IndicatorCatalog catalog, IngestionReports ingestions)
{
    /// <summary>Web casing, Chinese as is (not \u-escaped), so a browser or spreadsheet shows it.</summary>

    public const int MaxRuns = 200;

    public const int MaxSeries = 120;

    /// <summary>The court tree: every tree of the registry, or only the subtree under <paramref name="root"/> (a caller's court).</summary>
    public ApiAnswer Courts(string? root = null) => Ok(root is null
        ? registry.Roots.OrderBy(c => c.Code, StringComparer.Ordinal).Select(Node).ToList()
        : registry.TryGet(root, out var court) ? [Node(court)] : new List<CourtNode>());

    /// <summary>
    /// One indicator over the latest <paramref name="last"/> periods of a kind (month by default) for a court and each
    /// court directly below it (by code): the trend chart's data. Values are the stored ones; nothing is re-estimated.
    /// </summary>
    public async Task<ApiAnswer> SeriesAsync(string court, string indicator, string? kind, string? last, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (!catalog.TryGet(indicator, out var definition))
        {
            errors["indicator"] = [$"指标“{indicator}”不在指标目录中 / indicator '{indicator}' is not in the catalogue"];
        }
        var periodKind = PeriodKind.Month;
        if (kind is { Length: > 0 })
        {
            (var known, periodKind) = kind.Trim().ToLowerInvariant() switch
            {
                "month" => (true, PeriodKind.Month),
                "quarter" => (true, PeriodKind.Quarter),
                "year" => (true, PeriodKind.Year),
                _ => (false, PeriodKind.Month),
            };
            if (!known)
            {
                errors["kind"] = [$"期间类型只能是 month、quarter 或 year，而不是“{kind}” / kind must be month, quarter or year, not '{kind}'"];
            }
        }
        var count = 12;
        if (last is { Length: > 0 } && (!int.TryParse(last, out count) || count < 1 || count > MaxSeries))
        {
            errors["last"] = [$"last 应为 1 到 {MaxSeries} 之间的整数，而不是“{last}” / last must be a whole number from 1 to {MaxSeries}, not '{last}'"];
        }
        if (errors.Count > 0)
        {
            return BadRequest(errors);
        }
        var periods = (await StoredPeriodsAsync(court, cancellationToken).ConfigureAwait(false))
            .Where(p => p.Kind == periodKind)
            .TakeLast(count)
            .ToList();
        if (periods.Count == 0)
        {
            return NotFound("court", registry.Contains(court)
                ? $"法院“{court}”没有汇总数据 / no aggregates for court '{court}'"
                : UnknownCourt(court));
        }
        var own = await CourtSeriesAsync(court, definition, periods, cancellationToken).ConfigureAwait(false);
        var children = new List<CourtSeries>();
        if (registry.Contains(court))
        {
            foreach (var child in registry.ChildrenOf(court))
            {
                children.Add(await CourtSeriesAsync(child.Code, definition, periods, cancellationToken).ConfigureAwait(false));
            }
        }
        return Ok(new IndicatorSeries(definition.Id, definition.Name, QueryIndicators.UnitId(definition.Unit),
            definition.Range is { } range ? new RangeRow(range.Low, range.High) : null, own, children));
    }

    /// <summary>
    /// The periods stored for a court (months, quarters, years and month ranges, each in time order). A registry court
    /// without aggregates answers empty lists; a code neither in the registry nor in the store is 404.
    /// </summary>
    public async Task<ApiAnswer> PeriodsAsync(string court, CancellationToken cancellationToken = default)
    {
        var stored = await StoredPeriodsAsync(court, cancellationToken).ConfigureAwait(false);
        if (stored.Count == 0 && !registry.Contains(court))
        {
            return NotFound("court", UnknownCourt(court));
        }
        List<string> Of(PeriodKind kind) => stored.Where(p => p.Kind == kind).Select(p => p.ToString()).ToList();
        return Ok(new StoredPeriods(court, registry.TryGet(court, out var known) ? known.Name : court,
            Of(PeriodKind.Month), Of(PeriodKind.Quarter), Of(PeriodKind.Year), Of(PeriodKind.MonthRange)));
    }

    /// <summary>The periods stored for a court that parse, in time order (by start, then end).</summary>
    private async Task<List<Period>> StoredPeriodsAsync(string court, CancellationToken cancellationToken) =>
        (await aggregates.PeriodsAsync(court, cancellationToken).ConfigureAwait(false))
            .Select(p => Period.TryParse(p, out var parsed) ? parsed : (Period?)null)
            .OfType<Period>()
            .OrderBy(p => p.Start).ThenBy(p => p.End)
            .ToList();

    private static string UnknownCourt(string court) =>
        $"法院“{court}”不在法院名录中，也没有汇总数据 / court '{court}' is not in the registry and has no aggregates";

    /// <summary>A court's ingestion reports, latest first: what was accepted, partly accepted or rejected, with row errors.</summary>
    public async Task<ApiAnswer> IngestionReportsAsync(string court, string? latest, CancellationToken cancellationToken = default)
    {
        var count = 20;
        if (latest is { Length: > 0 } && (!int.TryParse(latest, out count) || count < 1 || count > MaxRuns))
        {
            return BadRequest(new Dictionary<string, string[]>
            {
                ["latest"] = [$"latest 应为 1 到 {MaxRuns} 之间的整数，而不是“{latest}” / latest must be a whole number from 1 to {MaxRuns}, not '{latest}'"],
            });
        }
        if (!StorePath.IsSegment(court))
        {
            return NotFound("court", NoSuchCourt(court));
        }
        return Ok(await ingestions.LatestAsync(court, count, cancellationToken).ConfigureAwait(false));
    }

    public async Task<ApiAnswer> IndicatorsAsync(string court, string period, string? compare, string? children, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Period.TryParse(period, out var parsed))
        {
            errors["period"] = [Period.Invalid(period)];
        }
        var comparison = Comparison.YearOnYear;
        if (compare is { Length: > 0 } && !TryComparison(compare, out comparison))
        {
            errors["compare"] = [$"对比方式只能是 yoy（同比）或 mom（环比），而不是“{compare}” / compare must be yoy or mom, not '{compare}'"];
        }
        var withChildren = false;
        if (children is { Length: > 0 } && !bool.TryParse(children, out withChildren))
        {
            errors["children"] = [$"children 只能是 true 或 false，而不是“{children}” / children must be true or false, not '{children}'"];
        }
        if (errors.Count > 0)
        {
            return BadRequest(errors);
        }
        var row = await query.RunAsync(court, parsed, comparison, withChildren, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return NotFound("court", registry.Contains(court)
                ? $"没有法院“{court}”期间 {parsed} 的汇总数据 / no aggregates for court '{court}' and period {parsed}"
                : UnknownCourt(court));
        }
        return Ok(row with { Children = row.Children ?? [] });
    }

    public async Task<ApiAnswer> RunsAsync(string? latest, CancellationToken cancellationToken = default)
    {
        var count = 20;
        if (latest is { Length: > 0 } && (!int.TryParse(latest, out count) || count < 1 || count > MaxRuns))
        {
            return BadRequest(new Dictionary<string, string[]>
            {
                ["latest"] = [$"latest 应为 1 到 {MaxRuns} 之间的整数，而不是“{latest}” / latest must be a whole number from 1 to {MaxRuns}, not '{latest}'"],
            });
        }
        return Ok(await aggregates.RunsAsync(count, cancellationToken).ConfigureAwait(false));
    }

    public async Task<ApiAnswer> ReportsAsync(string court, CancellationToken cancellationToken = default)
    {
        if (!StorePath.IsSegment(court))
        {
            return NotFound("court", NoSuchCourt(court));
        }
        var reports = await archive.ListAsync(court, cancellationToken).ConfigureAwait(false);
        return Ok(reports.Select(r => new ReportEntry(r.Court, r.Period, r.Bytes, r.RenderedAt, r.FileName)).ToList());
    }

    public async Task<ApiAnswer> ReportFileAsync(string court, string period, CancellationToken cancellationToken = default)
    {
        if (!Period.TryParse(period, out var parsed))
        {
            return BadRequest(new Dictionary<string, string[]> { ["period"] = [Period.Invalid(period)] });
        }
        var report = StorePath.IsSegment(court) ? await archive.FindAsync(court, parsed, cancellationToken).ConfigureAwait(false) : null;
        return report is null
            ? NotFound("period", $"没有法院“{court}”期间 {parsed} 的报告 / no report for court '{court}' and period {parsed}")
            : new ApiAnswer(200, null, report);
    }

    public static bool TryComparison(string text, out Comparison comparison)
    {
        (var ok, comparison) = text.Trim().ToLowerInvariant() switch
        {
            "yoy" => (true, Comparison.YearOnYear),
            "mom" => (true, Comparison.PeriodOnPeriod),
            _ => (false, Comparison.YearOnYear),
        };
        return ok;
    }

    public static ApiAnswer BadRequest(IReadOnlyDictionary<string, string[]> errors) =>
        new(400, new Problem("请求参数有误 / invalid request", 400, string.Join(" ", errors.Values.SelectMany(v => v)), errors));

    private static string NoSuchCourt(string court) => $"法院“{court}”不存在 / no court '{court}'";

    public static ApiAnswer NotFound(string field, string detail) =>
        new(404, new Problem("未找到 / not found", 404, detail, new Dictionary<string, string[]> { [field] = [detail] }));


    private static ApiAnswer Ok(object body) => new(200, body);

    private async Task<CourtSeries> CourtSeriesAsync(string court, IndicatorDefinition indicator, IReadOnlyList<Period> periods, CancellationToken cancellationToken)
    {
        var points = new List<SeriesPoint>();
        foreach (var period in periods)
        {
            var document = await aggregates.GetAsync(court, period.ToString(), cancellationToken).ConfigureAwait(false);
            var reading = document is null ? null : QueryIndicators.Readings(document, catalog, Comparison.YearOnYear).FirstOrDefault(r => r.Indicator.Id == indicator.Id);
            points.Add(reading is null
                ? new SeriesPoint(period.ToString(), null, "—", null, false)
                : new SeriesPoint(period.ToString(), reading.Current.Value, reading.Display, reading.InRange, reading.Unusual));
        }
        return new CourtSeries(court, registry.TryGet(court, out var known) ? known.Name : court, points);
    }

    private CourtNode Node(Court court) =>
        new(court.Code, court.Name, court.Level.Id(), registry.ChildrenOf(court.Code).OrderBy(c => c.Code, StringComparer.Ordinal).Select(Node).ToList());
}
