using Reporting.Core.Cases;
using Reporting.Core.Periods;

namespace Reporting.Core.Indicators;

/// <summary>Counting: one pass over the case table that adds every case to the flows of the terms it counts toward.</summary>
public sealed partial class FlowTotals
{
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
