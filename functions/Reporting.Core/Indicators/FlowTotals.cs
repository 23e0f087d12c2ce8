using Reporting.Core.Cases;
using Reporting.Core.Courts;
using Reporting.Core.Periods;

namespace Reporting.Core.Indicators;

/// <summary>Counts of one court's own cases: term × month; and per 承办部门 when its exports name them.</summary>
/// <param name="Divisions">Null when no case of the court names a division; otherwise they sum to <paramref name="Rows"/>.</param>
public sealed record CourtFlows(string Court, double[][] Rows, IReadOnlyList<DivisionFlows>? Divisions = null);

/// <summary>Counts of the cases a court credits to one 承办部门 (null: cases that name none).</summary>
public sealed record DivisionFlows(string? Division, double[][] Rows);

/// <summary>Serializable form of <see cref="FlowTotals"/>.</summary>
public sealed record FlowSnapshot(int BaseMonth, int Months, int Terms, IReadOnlyList<CourtFlows> Courts, int[]? Coverage);

/// <summary>
/// Every catalogue term counted once per court and month, from case flows: an event (filed, closed, transferred)
/// adds to its month; a pending state adds +1 where it starts and −1 after it ends, so a running total gives
/// "pending at the end of month m" for every m without visiting any case twice. Any period is then a sum of months.
/// </summary>
public sealed class FlowTotals
{
    private readonly IReadOnlyList<CaseTerm> _terms;
    private readonly int _baseMonth;
    private readonly int _months;
    private readonly Dictionary<string, double[][]> _byCourt;
    // Each court's own cases by division (courts whose data names divisions only); scopes are summed on demand,
    // because a registry's every scope times its divisions would be many grids that a run reads a few of.
    private readonly Dictionary<string, IReadOnlyList<DivisionFlows>> _divisions;
    // Set on rolled-up totals: the registry that defines scopes and the court-own totals they were summed from.
    private readonly CourtRegistry? _registry;
    private readonly FlowTotals? _own;
    private readonly Dictionary<string, IReadOnlyList<ScopeDivision>> _scopeDivisions = new(StringComparer.Ordinal);

    private FlowTotals(IReadOnlyList<CaseTerm> terms, int baseMonth, int months, Dictionary<string, double[][]> byCourt,
        Dictionary<string, IReadOnlyList<DivisionFlows>> divisions, CourtRegistry? registry = null, FlowTotals? own = null)
    {
        _terms = terms;
        _baseMonth = baseMonth;
        _months = months;
        _byCourt = byCourt;
        _divisions = divisions;
        _registry = registry;
        _own = own;
    }

    /// <summary>
    /// The counts as plain data (courts, and per court a term × month grid), to hand from one step of a durable
    /// orchestration to the next. Term order is the catalogue's, so the same catalogue reads it back.
    /// </summary>
    public FlowSnapshot ToSnapshot() => new(_baseMonth, _months, _terms.Count,
        _byCourt.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new CourtFlows(c.Key, c.Value, _divisions.GetValueOrDefault(c.Key))).ToList(),
        Coverage is { } coverage ? [coverage.First.FirstMonth, coverage.Last.FirstMonth] : null);

    internal static FlowTotals FromSnapshot(FlowSnapshot snapshot, IReadOnlyList<CaseTerm> terms)
    {
        if (snapshot.Terms != terms.Count)
        {
            throw new InvalidOperationException($"The counts were made with {snapshot.Terms} terms, but the catalogue now has {terms.Count}: aggregate again.");
        }
        return new FlowTotals(terms, snapshot.BaseMonth, snapshot.Months, snapshot.Courts.ToDictionary(c => c.Court, c => c.Rows, StringComparer.Ordinal),
            snapshot.Courts.Where(c => c.Divisions is { Count: > 0 }).ToDictionary(c => c.Court, c => c.Divisions!, StringComparer.Ordinal))
        {
            Coverage = snapshot.Coverage is [var first, var last]
                ? (Period.Month(first / 12, first % 12 + 1), Period.Month(last / 12, last % 12 + 1))
                : null,
        };
    }

    /// <summary>Courts that have counts of their own (in the data, or named as an origin's court).</summary>
    public IEnumerable<string> Courts => _byCourt.Keys;

    /// <summary>First and last month with data, as periods.</summary>
    public (Period First, Period Last)? Coverage { get; private init; }

    /// <summary>A state at a period's edge, kept as running totals, rather than an event summed over months.</summary>
    private static bool IsPending(CaseTerm term) => term.Event is CaseEvent.PendingAtEnd or CaseEvent.PendingAtStart;

    /// <summary>One term's value for a court's own cases over a period.</summary>
    internal double Value(string court, int term, Period period) =>
        _byCourt.TryGetValue(court, out var rows) ? Value(rows[term], _terms[term], period) : 0;

    /// <summary>
    /// The 承办部门 of a court's scope, each summing the divisions of that name in every court of the scope (courts
    /// that name none count under a null division); empty when no court of the scope names any.
    /// </summary>
    internal IReadOnlyList<ScopeDivision> Divisions(string court)
    {
        lock (_scopeDivisions)
        {
            if (_scopeDivisions.TryGetValue(court, out var known))
            {
                return known;
            }
        }
        var own = _own ?? this;
        IEnumerable<string> members = _registry is not null && _registry.Contains(court) ? _registry.ScopeOf(court).Select(c => c.Code) : [court];
        var byName = new SortedDictionary<string, List<double[][]>>(StringComparer.Ordinal);
        var unnamed = new List<double[][]>();
        foreach (var member in members)
        {
            if (own._divisions.TryGetValue(member, out var divisions))
            {
                foreach (var division in divisions)
                {
                    if (division.Division is null)
                    {
                        unnamed.Add(division.Rows);
                    }
                    else if (byName.TryGetValue(division.Division, out var list))
                    {
                        list.Add(division.Rows);
                    }
                    else
                    {
                        byName[division.Division] = [division.Rows];
                    }
                }
            }
            else if (own._byCourt.TryGetValue(member, out var rows))
            {
                unnamed.Add(rows);
            }
        }
        var result = byName.Count == 0
            ? []
            : byName.Select(d => new ScopeDivision(d.Key, d.Value)).Concat(unnamed.Count > 0 ? [new ScopeDivision(null, unnamed)] : []).ToList();
        lock (_scopeDivisions)
        {
            _scopeDivisions[court] = result;
        }
        return result;
    }

    /// <summary>One term's value for a division of a scope over a period.</summary>
    internal double Value(ScopeDivision division, int term, Period period)
    {
        var sum = 0.0;
        foreach (var rows in division.Members)
        {
            sum += Value(rows[term], _terms[term], period);
        }
        return sum;
    }

    private double Value(double[] row, CaseTerm term, Period period)
    {
        if (IsPending(term))
        {
            var month = term.Event == CaseEvent.PendingAtStart ? period.FirstMonth - 1 : period.LastMonth;
            return row[Math.Clamp(month - _baseMonth, 0, _months - 1)];
        }
        var sum = 0.0;
        var from = Math.Max(period.FirstMonth, _baseMonth);
        var to = Math.Min(period.LastMonth, _baseMonth + _months - 1);
        for (var m = from; m <= to; m++)
        {
            sum += row[m - _baseMonth];
        }
        return sum;
    }

    /// <summary>The totals of a court's whole scope (the court and every court below it), summed per term.</summary>
    public FlowTotals RolledUp(CourtRegistry registry)
    {
        var rolled = new Dictionary<string, double[][]>(StringComparer.Ordinal);
        foreach (var court in registry.Courts)
        {
            var sum = NewRows(_terms.Count, _months);
            foreach (var member in registry.ScopeOf(court.Code))
            {
                if (_byCourt.TryGetValue(member.Code, out var rows))
                {
                    Add(sum, rows);
                }
            }
            rolled[court.Code] = sum;
        }
        foreach (var (court, rows) in _byCourt)
        {
            rolled.TryAdd(court, rows);
        }
        return new FlowTotals(_terms, _baseMonth, _months, rolled, [], registry, this) { Coverage = Coverage };
    }

    private static void Add(double[][] into, double[][] rows)
    {
        for (var t = 0; t < rows.Length; t++)
        {
            for (var m = 0; m < rows[t].Length; m++)
            {
                into[t][m] += rows[t][m];
            }
        }
    }

    private static double[][] NewRows(int terms, int months)
    {
        var rows = new double[terms][];
        for (var t = 0; t < terms; t++)
        {
            rows[t] = new double[months];
        }
        return rows;
    }

    /// <summary>Counts every term of <paramref name="terms"/> over the table in one pass per case.</summary>
    internal static FlowTotals Count(CaseTable table, IReadOnlyList<CaseTerm> terms)
    {
        if (table.Count == 0)
        {
            return new FlowTotals(terms, 0, 1, [], []);
        }
        var minMonth = int.MaxValue;
        var maxMonth = int.MinValue;
        for (var i = 0; i < table.Count; i++)
        {
            minMonth = Math.Min(minMonth, table.FiledMonth[i]);
            maxMonth = Math.Max(maxMonth, table.FiledMonth[i]);
            if (table.ClosedMonth[i] != CaseTable.Open)
            {
                maxMonth = Math.Max(maxMonth, table.ClosedMonth[i]);
            }
            if (table.TransferMonth[i] != CaseTable.None)
            {
                maxMonth = Math.Max(maxMonth, table.TransferMonth[i]);
            }
        }
        var baseMonth = minMonth - 1;
        var months = maxMonth - baseMonth + 2;
        // Counted per court and division slot (CaseTable.Division), so the division drill-down costs the hot loop
        // nothing; a court's totals are the sum of its slots.
        var unitRows = new double[table.CourtCodes.Count * CaseTable.DivisionSlots][][];
        double[][] Rows(int unit) => unitRows[unit] ??= NewRows(terms.Count, months);

        var compiled = terms.Select(t => new CompiledTerm(t)).ToArray();
        var candidates = new Candidates(compiled);
        for (var i = 0; i < table.Count; i++)
        {
            foreach (var t in candidates.For(table.TypeIndex[i], table.Stage(i)))
            {
                var term = compiled[t];
                if (!term.Qualifies(table, i, out var unit, out var value))
                {
                    continue;
                }
                var row = Rows(unit)[t];
                switch (term.Term.Event)
                {
                    case CaseEvent.PendingAtEnd or CaseEvent.PendingAtStart:
                        AddPendingInterval(table, i, term.Term, row, baseMonth, value);
                        break;
                    case CaseEvent.Filed:
                        row[table.FiledMonth[i] - baseMonth] += value;
                        break;
                    case CaseEvent.Closed:
                        row[table.ClosedMonth[i] - baseMonth] += value;
                        break;
                    case CaseEvent.Transferred:
                        AddAt(row, table.TransferMonth[i] - baseMonth, value);
                        break;
                    case CaseEvent.RootFiled:
                        row[table.FiledMonth[table.Root[i]] - baseMonth] += value;
                        break;
                }
            }
        }
        foreach (var index in Enumerable.Range(0, terms.Count).Where(t => IsPending(terms[t])))
        {
            foreach (var rows in unitRows)
            {
                if (rows is null)
                {
                    continue;
                }
                var row = rows[index];
                for (var m = 1; m < row.Length; m++)
                {
                    row[m] += row[m - 1];
                }
            }
        }
        var byCourt = new Dictionary<string, double[][]>(StringComparer.Ordinal);
        var divisions = new Dictionary<string, IReadOnlyList<DivisionFlows>>(StringComparer.Ordinal);
        for (var court = 0; court < table.CourtCodes.Count; court++)
        {
            var slots = unitRows.AsSpan(court * CaseTable.DivisionSlots, CaseTable.DivisionSlots);
            var code = table.CourtCodes[court];
            var named = new List<DivisionFlows>();
            for (var slot = 1; slot < slots.Length; slot++)
            {
                if (slots[slot] is { } rows)
                {
                    named.Add(new DivisionFlows(table.DivisionNames[court][slot - 1], rows));
                }
            }
            if (named.Count == 0)
            {
                if (slots[0] is { } rows)
                {
                    byCourt[code] = rows;
                }
                continue;
            }
            if (slots[0] is { } unnamed)
            {
                named.Add(new DivisionFlows(null, unnamed));
            }
            var total = NewRows(terms.Count, months);
            foreach (var division in named)
            {
                Add(total, division.Rows);
            }
            byCourt[code] = total;
            divisions[code] = named;
        }
        return new FlowTotals(terms, baseMonth, months, byCourt, divisions)
        {
            Coverage = (Period.Month(minMonth / 12, minMonth % 12 + 1), Period.Month(maxMonth / 12, maxMonth % 12 + 1)),
        };
    }

    /// <summary>For each 类型代字 (and, for codes outside the table, each stage), the terms a case of it can count toward.</summary>
    private sealed class Candidates
    {
        private readonly int[][] _byType;
        private readonly Dictionary<CaseStage, int[]> _byStage;

        public Candidates(CompiledTerm[] terms)
        {
            var table = CaseTypes.Table;
            _byType = table.Select(type => Enumerable.Range(0, terms.Length).Where(t => terms[t].Accepts(type.Code, type.Stage)).ToArray()).ToArray();
            _byStage = Enum.GetValues<CaseStage>().ToDictionary(s => s,
                s => Enumerable.Range(0, terms.Length).Where(t => terms[t].Term.Types is null && terms[t].AcceptsStage(s)).ToArray());
        }

        public int[] For(int typeIndex, CaseStage stage) => typeIndex >= 0 ? _byType[typeIndex] : _byStage[stage];
    }

    /// <summary>A term with its set filters turned into array look-ups.</summary>
    private sealed class CompiledTerm(CaseTerm term)
    {
        private readonly bool[]? _dispositions = term.Dispositions is { } set
            ? Enumerable.Range(0, Enum.GetValues<Disposition>().Max(d => (int)d) + 1).Select(d => set.Contains((Disposition)d)).ToArray()
            : null;

        public CaseTerm Term => term;

        public bool AcceptsStage(CaseStage stage) => term.Stages is null || term.Stages.Contains(stage);

        public bool Accepts(string type, CaseStage stage) => AcceptsStage(stage) && (term.Types is null || term.Types.Contains(type));

        /// <summary>Whether case i counts toward the term; if so, the court and division slot credited (as one unit index) and by how much.</summary>
        public bool Qualifies(CaseTable table, int i, out int unit, out double value)
        {
            unit = 0;
            value = 0;
            if (term.NewMatterOnly && !table.NewMatter[i])
            {
                return false;
            }
            var closed = table.Closed[i] != CaseTable.Open;
            if (term.Event == CaseEvent.Closed && !closed)
            {
                return false;
            }
            if (term.Event == CaseEvent.Transferred && table.Transfer[i] == CaseTable.None)
            {
                return false;
            }
            if (_dispositions is not null && (table.Disposition(i) is not { } d || !_dispositions[(int)d]))
            {
                return false;
            }
            foreach (var condition in term.Conditions)
            {
                if (!Holds(table, i, condition))
                {
                    return false;
                }
            }
            if (term.Origin is not null && !term.Origin.Matches(table.OriginStage(i), table.OriginType(i)))
            {
                return false;
            }
            // The division is that of the case the court is credited for: the case itself, the original case (when the
            // data holds it, else none), or the root matter.
            int court, division;
            switch (term.Attribution)
            {
                case Attribution.Own:
                    court = table.Court[i];
                    division = table.Division[i];
                    break;
                case Attribution.Origin:
                    court = table.OriginCourt[i];
                    if (court == CaseTable.None)
                    {
                        return false;
                    }
                    var origin = table.Origin[i];
                    division = origin != CaseTable.None && table.Court[origin] == court ? table.Division[origin] : 0;
                    break;
                default:
                    var root = table.Root[i];
                    if (root == CaseTable.None)
                    {
                        return false;
                    }
                    court = table.Court[root];
                    division = table.Division[root];
                    break;
            }
            unit = court * CaseTable.DivisionSlots + division;
            value = term.Measure switch
            {
                Measure.Count => 1,
                Measure.ClosureDays => closed ? table.Closed[i] - table.Filed[i] : double.NaN,
                Measure.TransferDays => table.Transfer[i] != CaseTable.None && table.Appeal[i] != CaseTable.None ? table.Transfer[i] - table.Appeal[i] : double.NaN,
                Measure.RecoveredAmount => table.Recovered(i) ?? 0,
                Measure.ClaimedAmount => table.Claimed(i) ?? 0,
            };
            return !double.IsNaN(value);
        }
    }

    /// <summary>A division of a scope: the grids of that name from every court of the scope.</summary>
    internal sealed record ScopeDivision(string? Name, IReadOnlyList<double[][]> Members);

    private static void AddAt(double[] row, int index, double value)
    {
        if (index >= 0 && index < row.Length)
        {
            row[index] += value;
        }
    }

    /// <summary>
    /// Pending at the end of month m means filed on or before its last day and not closed by then, so a case is
    /// pending from its filing month to the month before its closing month. Age limits move the ends inward.
    /// </summary>
    private static void AddPendingInterval(CaseTable table, int i, CaseTerm term, double[] row, int baseMonth, double value)
    {
        var filed = table.Filed[i];
        var first = table.FiledMonth[i];
        if (term.OlderThanDays is { } older)
        {
            first = Math.Max(first, CaseTable.MonthOf(filed + older + 1));
        }
        var last = table.ClosedMonth[i] == CaseTable.Open ? baseMonth + row.Length - 1 : table.ClosedMonth[i] - 1;
        if (term.AtMostDays is { } atMost)
        {
            var limit = DateOnly.FromDayNumber(filed + atMost);
            var lastFull = Period.IndexOf(limit) - (limit.AddDays(1).Day == 1 ? 0 : 1);
            last = Math.Min(last, lastFull);
        }
        last = Math.Min(last, baseMonth + row.Length - 1);
        if (last < first)
        {
            return;
        }
        row[first - baseMonth] += value;
        if (last + 1 - baseMonth < row.Length)
        {
            row[last + 1 - baseMonth] -= value;
        }
    }

    private static bool Holds(CaseTable table, int i, CaseCondition condition) => condition switch
    {
        CaseCondition.Appealed => table.Appeal[i] != CaseTable.None || table.LinkedAppeal[i],
        CaseCondition.NotAppealedOrPetitioned => table.Appeal[i] == CaseTable.None && !table.LinkedAppeal[i] && !table.LinkedReview[i],
        CaseCondition.HearingHeld => table.Hearing(i) == true,
        CaseCondition.HasDeadline => table.Deadline[i] != CaseTable.None,
        CaseCondition.ClosedWithinDeadline => table.Deadline[i] != CaseTable.None && table.Closed[i] <= table.Deadline[i],
        CaseCondition.HasClaimedAmount => table.Claimed(i) is not null,
        CaseCondition.HasAppealAndTransferDates => table.Appeal[i] != CaseTable.None && table.Transfer[i] != CaseTable.None,
    };

}
