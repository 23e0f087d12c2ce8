using System.Text.Encodings.Web;
using System.Text.Json;
using Reporting.Core.Courts;
using Reporting.Core.Indicators;
using Reporting.Core.Periods;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Reports;
using Reporting.Storage.Aggregates;
using Reporting.Storage.Files;

namespace Reporting.Pipeline.Api;

/// <summary>A court and the courts below it, by code.</summary>
public sealed record CourtNode(string Code, string Name, string Level, IReadOnlyList<CourtNode> Children);

/// <summary>A bad request, as RFC 9457 problem details; <paramref name="Errors"/> names the offending fields.</summary>
public sealed record Problem(string Title, int Status, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public string Type => "about:blank";
}

/// <summary>A report in the list: where to download it.</summary>
public sealed record ReportEntry(string Court, string Period, long Bytes, DateTimeOffset RenderedAt, string FileName);

/// <summary>
/// What an answer carries: a status and a JSON body, or a file to stream. Each host turns it into its own response
/// type (the function app's HttpResponseData, the local host's IResult), so both serve the same API.
/// </summary>
public sealed record ApiAnswer(int Status, object? Body, ArchivedReport? File = null)
{
    public bool IsProblem => Body is Problem;
}

/// <summary>
/// The analyst query API behind every host: the court tree, a court's indicators for a period (the JSON of
/// <c>reporting query --format json</c>), aggregation runs, and rendered reports. Inputs arrive as text from a
/// route or query string and are checked here, so every host refuses the same things with the same words.
/// </summary>
public sealed class AnalystApi(IAggregateStore aggregates, QueryIndicators query, ReportArchive archive, CourtRegistry registry)
{
    /// <summary>Web casing, Chinese as is (not \u-escaped), so a browser or spreadsheet shows it.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public const int MaxRuns = 200;

    public ApiAnswer Courts() => Ok(registry.Roots.OrderBy(c => c.Code, StringComparer.Ordinal).Select(Node).ToList());

    public async Task<ApiAnswer> IndicatorsAsync(string court, string period, string? compare, string? children, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Period.TryParse(period, out var parsed))
        {
            errors["period"] = [PeriodError(period)];
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
                : $"法院“{court}”不在法院名录中，也没有汇总数据 / court '{court}' is not in the registry and has no aggregates");
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
            return NotFound("court", $"法院“{court}”不存在 / no court '{court}'");
        }
        var reports = await archive.ListAsync(court, cancellationToken).ConfigureAwait(false);
        return Ok(reports.Select(r => new ReportEntry(r.Court, r.Period, r.Bytes, r.RenderedAt, r.FileName)).ToList());
    }

    public async Task<ApiAnswer> ReportFileAsync(string court, string period, CancellationToken cancellationToken = default)
    {
        if (!Period.TryParse(period, out var parsed))
        {
            return BadRequest(new Dictionary<string, string[]> { ["period"] = [PeriodError(period)] });
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

    public static ApiAnswer NotFound(string field, string detail) =>
        new(404, new Problem("未找到 / not found", 404, detail, new Dictionary<string, string[]> { [field] = [detail] }));

    private static string PeriodError(string period) =>
        $"期间“{period}”无法识别，应为 2025-12、2025-Q4、2025 或 2025-01..2025-11 / period '{period}' is not 2025-12, 2025-Q4, 2025 or 2025-01..2025-11";

    private static ApiAnswer Ok(object body) => new(200, body);

    private CourtNode Node(Court court) =>
        new(court.Code, court.Name, court.Level.Id(), registry.ChildrenOf(court.Code).OrderBy(c => c.Code, StringComparer.Ordinal).Select(Node).ToList());
}
