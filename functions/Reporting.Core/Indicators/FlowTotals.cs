using Reporting.Core.Courts;
using Reporting.Core.Periods;

namespace Reporting.Core.Indicators;

/// <summary>
/// Every catalogue term counted once per court and month, from case flows: an event (filed, closed, transferred)
/// adds to its month; a pending state adds +1 where it starts and −1 after it ends, so a running total gives
/// "pending at the end of month m" for every m without visiting any case twice. Any period is then a sum of months.
/// </summary>
public sealed partial class FlowTotals
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

    /// <summary>A division of a scope: the grids of that name from every court of the scope.</summary>
    internal sealed record ScopeDivision(string? Name, IReadOnlyList<double[][]> Members);
}
