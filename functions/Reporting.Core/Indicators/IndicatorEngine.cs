using Reporting.Core.Courts;
using Reporting.Core.Periods;

namespace Reporting.Core.Indicators;

public enum Comparison
{
    /// <summary>同比: the same period one year earlier.</summary>
    YearOnYear,
    /// <summary>环比: the preceding period of the same length.</summary>
    PeriodOnPeriod,
}

/// <summary>Computes every catalogue indicator for every court's scope from a province's cases.</summary>
public sealed class IndicatorEngine(IndicatorCatalog catalog)
{
    public IndicatorCatalog Catalog => catalog;

    private readonly CountingPlan _plan = Plan(catalog);

    /// <summary>Counts the table once and rolls the counts up the registry; the sheet answers any court and period.</summary>
    public IndicatorSheet Compute(CaseTable table, CourtRegistry registry) => Sheet(Count(table), registry);

    /// <summary>Counts every court's own cases (the expensive step, one pass over the table).</summary>
    public FlowTotals Count(CaseTable table) => FlowTotals.Count(table, _plan.Terms);

    /// <summary>Rolls counts up the registry into a sheet.</summary>
    public IndicatorSheet Sheet(FlowTotals own, CourtRegistry registry) => new(catalog, own.RolledUp(registry), _plan);

    /// <summary>Rolls counts handed over as data (from another step of an orchestration) up the registry.</summary>
    public IndicatorSheet Sheet(FlowSnapshot own, CourtRegistry registry) => Sheet(FlowTotals.FromSnapshot(own, _plan.Terms), registry);

    /// <summary>The distinct terms to count, where each indicator's numerator and denominator find theirs, and the caseload's.</summary>
    internal sealed record CountingPlan(
        List<CaseTerm> Terms, Dictionary<string, (int[] Numerator, int[] Denominator)> Slots, (int Filed, int Closed, int Pending)[] Caseload);

    private static CountingPlan Plan(IndicatorCatalog catalog)
    {
        var terms = new List<CaseTerm>();
        var slots = new Dictionary<string, (int[] Numerator, int[] Denominator)>(StringComparer.Ordinal);
        foreach (var indicator in catalog.Indicators)
        {
            var numerator = indicator.Numerator.Select(t => Slot(terms, t)).ToArray();
            var denominator = indicator.Denominator.Select(t => Slot(terms, t)).ToArray();
            slots[indicator.Id] = (numerator, denominator);
        }
        var caseload = CaseCategories.All.Select(c => CaseCategories.Terms(c)).Select(t => (Slot(terms, t.Filed), Slot(terms, t.Closed), Slot(terms, t.Pending))).ToArray();
        return new CountingPlan(terms, slots, caseload);
    }

    /// <summary>Identical terms (the same filter in two indicators) are counted once.</summary>
    private static int Slot(List<CaseTerm> terms, CaseTerm term)
    {
        for (var i = 0; i < terms.Count; i++)
        {
            if (SameTerm(terms[i], term))
            {
                return i;
            }
        }
        terms.Add(term);
        return terms.Count - 1;
    }

    private static bool SameTerm(CaseTerm a, CaseTerm b) =>
        a.Event == b.Event && a.Attribution == b.Attribution && a.Measure == b.Measure && a.NewMatterOnly == b.NewMatterOnly
        && a.OlderThanDays == b.OlderThanDays && a.AtMostDays == b.AtMostDays && SameSet(a.Stages, b.Stages) && SameSet(a.Types, b.Types)
        && SameSet(a.Dispositions, b.Dispositions) && a.Conditions.SequenceEqual(b.Conditions) && a.Origin == b.Origin
        && (a.Origin is null || (SameSet(a.Origin.Stages, b.Origin!.Stages) && SameSet(a.Origin.Types, b.Origin.Types) && SameSet(a.Origin.NotStages, b.Origin.NotStages)));

    private static bool SameSet<T>(IReadOnlySet<T>? a, IReadOnlySet<T>? b) => a is null ? b is null : b is not null && a.SetEquals(b);
}

/// <summary>The counted province: indicator values for any court (its whole scope) and any period.</summary>
public sealed class IndicatorSheet
{
    private readonly FlowTotals _totals;
    private readonly IndicatorEngine.CountingPlan _plan;

    internal IndicatorSheet(IndicatorCatalog catalog, FlowTotals totals, IndicatorEngine.CountingPlan plan)
    {
        Catalog = catalog;
        _totals = totals;
        _plan = plan;
    }

    public IndicatorCatalog Catalog { get; }

    public IEnumerable<string> Courts => _totals.Courts;

    /// <summary>First and last month that the data covers.</summary>
    public (Period First, Period Last)? Coverage => _totals.Coverage;

    public IndicatorValue Value(string court, Period period, IndicatorDefinition indicator)
    {
        var (numerator, denominator) = _plan.Slots[indicator.Id];
        return IndicatorValue.Of(indicator, numerator.Sum(t => _totals.Value(court, t, period)), denominator.Sum(t => _totals.Value(court, t, period)), period);
    }

    /// <summary>
    /// The 承办部门 of a court's scope (divisions of the same name in several courts summed, null for cases that name
    /// none) with every catalogue indicator for a period, in catalogue order; empty when the data names no division.
    /// A case counts toward the division of the case the court is credited for (see <see cref="Attribution"/>).
    /// </summary>
    public IReadOnlyList<DivisionIndicators> Divisions(string court, Period period) => _totals.Divisions(court)
        .Select(division => new DivisionIndicators(division.Name, Catalog.Indicators.Select(indicator =>
        {
            var (numerator, denominator) = _plan.Slots[indicator.Id];
            return IndicatorValue.Of(indicator, numerator.Sum(t => _totals.Value(division, t, period)), denominator.Sum(t => _totals.Value(division, t, period)), period);
        }).ToList()))
        .ToList();

    /// <summary>Cases filed, closed and pending by category for a court's scope and period.</summary>
    public IReadOnlyDictionary<CaseCategory, CaseloadCount> Caseload(string court, Period period) => CaseCategories.All
        .Select((category, i) => (category, new CaseloadCount(
            _totals.Value(court, _plan.Caseload[i].Filed, period),
            _totals.Value(court, _plan.Caseload[i].Closed, period),
            _totals.Value(court, _plan.Caseload[i].Pending, period))))
        .ToDictionary(c => c.category, c => c.Item2);

    /// <summary>Every indicator for a court and period, compared with the earlier period.</summary>
    public CourtIndicators Read(string court, Period period, Comparison comparison)
    {
        var earlier = comparison == Comparison.YearOnYear ? period.YearEarlier() : period.Preceding();
        var readings = Catalog.Indicators
            .Select(i => IndicatorReading.Compare(i, Value(court, period, i), Value(court, earlier, i)))
            .ToList();
        return new CourtIndicators(court, period, earlier, comparison, readings);
    }
}

/// <summary>One 承办部门's indicator values (null name: cases that name no division).</summary>
public sealed record DivisionIndicators(string? Division, IReadOnlyList<IndicatorValue> Values);

/// <summary>A court's indicators for a period, with the summary sentence of a situation report.</summary>
public sealed record CourtIndicators(string Court, Period Period, Period ComparedWith, Comparison Comparison, IReadOnlyList<IndicatorReading> Readings)
{
    public IEnumerable<IndicatorReading> Main => Readings.Where(r => !r.Indicator.Extra);

    public IndicatorSummary Summary => IndicatorSummary.Of(Main.ToList(), Comparison);
}

/// <summary>Counts behind the summary sentence, and the sentence, e.g. 18项指标中，16项处于合理区间；在具有可比性的16项指标中，15项同比趋优，1项持平。</summary>
public sealed record IndicatorSummary(int Total, int InRange, int Comparable, int Improving, int Flat, int Worsening, string Sentence)
{
    public static IndicatorSummary Of(IReadOnlyList<IndicatorReading> readings, Comparison comparison)
    {
        var total = readings.Count;
        var inRange = readings.Count(r => r.InRange == true);
        var comparable = readings.Count(r => r.Comparable);
        var improving = readings.Count(r => r.Trend == Trend.Improving);
        var flat = readings.Count(r => r.Trend == Trend.Flat);
        var worsening = readings.Count(r => r.Trend == Trend.Worsening);
        var word = comparison == Comparison.YearOnYear ? "同比" : "环比";
        var clauses = new List<string>();
        if (inRange > 0)
        {
            clauses.Add($"{total}项指标中，{inRange}项处于合理区间");
        }
        if (comparable > 0)
        {
            var moves = new List<string>();
            if (improving > 0)
            {
                moves.Add($"{improving}项{word}趋优");
            }
            if (flat > 0)
            {
                moves.Add($"{flat}项持平");
            }
            if (worsening > 0)
            {
                moves.Add($"{worsening}项{(improving > 0 ? "" : word)}趋劣");
            }
            clauses.Add($"在具有可比性的{comparable}项指标中，{string.Join("，", moves)}");
        }
        var sentence = clauses.Count == 0 ? $"{total}项指标暂无处于合理区间或具有可比性的数据。" : string.Join("；", clauses) + "。";
        return new IndicatorSummary(total, inRange, comparable, improving, flat, worsening, sentence);
    }
}
