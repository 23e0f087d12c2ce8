using System.Text.Json;
using Reporting.Core.Courts;
using Reporting.Core.Indicators;
using Reporting.Core.Periods;
using Reporting.Pipeline.Curated;
using Reporting.Pipeline.Files;
using Reporting.Pipeline.Json;

namespace Reporting.Pipeline.Aggregate;

/// <summary>The aggregation's activities: each does its I/O, is idempotent, and takes and returns plain records.</summary>
public sealed class AggregationActivities(IFileStore files, CuratedZone curated, IAggregateStore aggregates, CourtRegistry registry, IndicatorCatalog catalog)
{
    public const string RunsZone = "aggregation";

    private static readonly JsonSerializerOptions Json = ReportingJson.Compact;

    private readonly IndicatorEngine _engine = new(catalog);
    private readonly Lock _sheetLock = new();
    private (string Path, Task<IndicatorSheet> Sheet)? _sheet;

    public IProgress<long>? Progress { get; init; }

    public static string FlowsPath(string runId) => StorePath.Join(RunsZone, StorePath.Segment(runId, "run id"), "flows.json");

    /// <summary>
    /// Courts: the registry's and any with curated data, limited to the trees of the changed courts when the request
    /// names them; periods as requested (validated here, not in the orchestrator). Periods are not narrowed to the
    /// changed windows: a replaced export can move a case's dates into any month, and pending counts carry forward.
    /// </summary>
    public async Task<AggregationPlan> PlanAsync(PlanInput request, CancellationToken cancellationToken = default)
    {
        var runId = request.RunId;
        var periods = request.Periods.Select(p => Period.Parse(p).ToString()).Distinct().ToList();
        var courts = new SortedSet<string>(registry.Courts.Select(c => c.Code), StringComparer.Ordinal);
        await foreach (var file in files.ListAsync(CuratedZone.Zone + "/", cancellationToken).ConfigureAwait(false))
        {
            var parts = file.Path.Split('/');
            if (parts.Length == 3 && parts[2] == "manifest.json")
            {
                courts.Add(parts[1]);
            }
        }
        if (request.ChangedCourts is { Count: > 0 } changed)
        {
            var trees = changed.Select(registry.TreeOf).ToHashSet(StringComparer.Ordinal);
            courts.RemoveWhere(c => !trees.Contains(registry.TreeOf(c)));
        }
        return new AggregationPlan(runId, courts.ToList(), periods);
    }

    /// <summary>Builds the province's case table and counts every court's own flows; stores them for the fan-out.</summary>
    public async Task<CountResult> CountAsync(AggregationPlan plan, CancellationToken cancellationToken = default)
    {
        var table = new CaseTable();
        await curated.LoadIntoAsync(plan.Courts, table, Progress, cancellationToken).ConfigureAwait(false);
        table.Link(catalog.NewMatter);
        var snapshot = _engine.Count(table).ToSnapshot();
        var path = FlowsPath(plan.RunId);
        using (var json = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(snapshot, Json)))
        {
            await files.WriteAsync(path, json, cancellationToken).ConfigureAwait(false);
        }
        return new CountResult(path, table.Count, snapshot.Coverage?[0], snapshot.Coverage?[1]);
    }

    /// <summary>One court: roll its scope up, compare, upsert one document per period. Returns the documents written.</summary>
    public async Task<int> PersistCourtAsync(PersistCourtInput input, CancellationToken cancellationToken = default)
    {
        var sheet = await SheetAsync(input.FlowsPath).WaitAsync(cancellationToken).ConfigureAwait(false);
        var computedAt = new DateTimeOffset(DateTime.SpecifyKind(input.ComputedAt, DateTimeKind.Utc));
        var documents = input.Periods.Select(p => Document(sheet, input.Court, Period.Parse(p), input.RunId, computedAt)).ToList();
        await aggregates.UpsertAsync(documents, cancellationToken).ConfigureAwait(false);
        return documents.Count;
    }

    /// <summary>
    /// The run's counts rolled up, read once per run and shared by its court activities (on one worker): the file is
    /// written once per run id and never changed, and a run fans out to every court of the tree at once.
    /// </summary>
    private Task<IndicatorSheet> SheetAsync(string flowsPath)
    {
        lock (_sheetLock)
        {
            if (_sheet is not { } cached || cached.Path != flowsPath || cached.Sheet.IsFaulted || cached.Sheet.IsCanceled)
            {
                _sheet = (flowsPath, LoadSheetAsync(flowsPath));
            }
            return _sheet.Value.Sheet;
        }
    }

    private async Task<IndicatorSheet> LoadSheetAsync(string flowsPath)
    {
        await using var stream = await files.OpenReadAsync(flowsPath).ConfigureAwait(false);
        var snapshot = await JsonSerializer.DeserializeAsync<FlowSnapshot>(stream, Json).ConfigureAwait(false)
            ?? throw new InvalidDataException($"empty flows at {flowsPath}");
        return _engine.Sheet(snapshot, registry);
    }

    /// <summary>Records the run; once it has finished, its counts file goes (nothing reads it after the fan-out).</summary>
    public async Task<bool> RecordRunAsync(RunRecordInput input, CancellationToken cancellationToken = default)
    {
        static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
        await aggregates.RecordRunAsync(new AggregationRunRecord(input.RunId, Utc(input.Started), input.Finished is { } f ? Utc(f) : null, input.Status,
            input.Courts, input.Periods, input.Error), cancellationToken).ConfigureAwait(false);
        if (input.Finished is not null)
        {
            await files.DeleteAsync(FlowsPath(input.RunId), cancellationToken).ConfigureAwait(false);
        }
        return true;
    }

    /// <summary>Hands the tree's queue on: the request to continue with when more changes arrived, else null.</summary>
    public Task<AggregationRequest?> FinishAsync(FinishInput input, CancellationToken cancellationToken = default) =>
        new AggregationQueue(files, registry).FinishAsync(input.Tree, input.InstanceId, cancellationToken);

    private AggregateDocument Document(IndicatorSheet sheet, string court, Period period, string runId, DateTimeOffset computedAt)
    {
        var yoy = sheet.Read(court, period, Comparison.YearOnYear);
        var mom = sheet.Read(court, period, Comparison.PeriodOnPeriod);
        var indicators = yoy.Readings.Zip(mom.Readings, (y, m) => new StoredIndicator(y.Indicator.Id, Stored(y.Current), Stored(y.Previous!), Stored(m.Previous!)))
            .ToList();
        var caseload = sheet.Caseload(court, period);
        var yearEarlier = sheet.Caseload(court, yoy.ComparedWith);
        var preceding = sheet.Caseload(court, mom.ComparedWith);
        var categories = CaseCategories.All.Select(c => new StoredCategory(c.Id(), Stored(caseload[c]), Stored(yearEarlier[c]), Stored(preceding[c]))).ToList();
        var divisions = sheet.Divisions(court, period)
            // A division counts toward a few indicators only (a 立案庭 closes no appeals): zero counts are left out.
            .Select(d => new StoredDivision(d.Division, catalog.Indicators.Zip(d.Values, (i, v) => new StoredDivisionIndicator(i.Id, Stored(v)))
                .Where(v => v.Current.Numerator != 0 || v.Current.Denominator != 0).ToList()))
            .ToList();
        return new AggregateDocument(court, period.ToString(), yoy.ComparedWith.ToString(), mom.ComparedWith.ToString(), catalog.Version,
            computedAt, runId, indicators) { Caseload = categories, Divisions = divisions };
    }

    private static StoredValue Stored(IndicatorValue value) => new(value.Numerator, value.Denominator, value.Value);

    private static StoredCaseload Stored(CaseloadCount count) => new(count.Filed, count.Closed, count.Pending);
}
