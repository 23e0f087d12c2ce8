using System.IO.Hashing;
using System.Runtime.InteropServices;
using Reporting.Core.Cases;

namespace Reporting.Core.Indicators;

/// <summary>
/// One case as the indicator engine needs it: the 案号 and 原审案号 as 64-bit hashes of their normal form, dates as
/// day numbers (<see cref="CaseTable.Open"/> and <see cref="CaseTable.None"/> where missing), amounts in fen, and
/// what is derived from the numbers (court, 类型代字 position in <see cref="CaseTypes.Table"/>, stage), and the
/// 承办部门 as written (null when the export has none).
/// </summary>
public readonly record struct CaseRow(
    ulong Number, string Court, int TypeIndex, CaseStage Stage, int Filed, int Closed, Disposition? Disposition, int Deadline,
    bool? Hearing, int Appeal, int Transfer, long? ClaimedFen, long? RecoveredFen,
    ulong? Origin, string? OriginCourt, CaseStage? OriginStage, int OriginTypeIndex, string? Division = null)
{
    /// <summary>The hash the table identifies a case by (a collision among millions of numbers has odds below one in a million).</summary>
    public static ulong Hash(string normalFormCaseNumber) => XxHash64.HashToUInt64(MemoryMarshal.AsBytes(normalFormCaseNumber.AsSpan()));
}

/// <summary>
/// A province's cases in compact columns (about 80 bytes a case), with their 原审案号 links resolved across courts:
/// what the indicator engine counts. Holds no string per case.
/// </summary>
public sealed class CaseTable
{
    public const int None = -1;
    public const int Open = int.MaxValue;

    internal readonly List<string> CourtCodes = [];
    private readonly Dictionary<string, int> _courtIndex = new(StringComparer.Ordinal);

    /// <summary>
    /// Distinct 承办部门 a court may bring to the drill-down; further names count under <see cref="OtherDivisions"/>. A
    /// court has a dozen divisions or so; the cap keeps a file with a free-text column from making thousands of count grids.
    /// </summary>
    public const int MaxDivisionsPerCourt = 40;

    public const string OtherDivisions = "其他部门";

    /// <summary>Each court's division names; a case's <see cref="Division"/> is 1 + a position in its court's list.</summary>
    internal readonly List<List<string>> DivisionNames = [];
    private readonly List<Dictionary<string, byte>> _divisionOfCourt = [];
    private readonly CaseNumberIndex _byNumber = new();
    private ulong[] _originHash = [];
    private int _count;

    internal short[] Court = [];
    internal byte[] StageCode = [];
    internal short[] TypeIndex = [];
    internal int[] Filed = [];
    internal int[] Closed = [];
    internal byte[] DispositionCode = [];
    internal int[] Deadline = [];
    internal sbyte[] HearingCode = [];
    internal int[] Appeal = [];
    internal int[] Transfer = [];
    internal long[] ClaimedFen = [];
    internal long[] RecoveredFen = [];
    internal sbyte[] OriginStageCode = [];
    internal short[] OriginTypeIndex = [];
    internal short[] OriginCourt = [];
    internal bool[] NewMatter = [];
    /// <summary>0 when the case names no 承办部门, else 1 + its position in its court's <see cref="DivisionNames"/>.</summary>
    internal byte[] Division = [];

    internal int[] Origin = [];
    internal int[] FiledMonth = [];
    internal int[] ClosedMonth = [];
    internal int[] TransferMonth = [];
    internal bool[] LinkedAppeal = [];
    internal bool[] LinkedReview = [];
    internal int[] Root = [];

    private const long NoAmount = long.MinValue;

    public int Count => _count;

    public IReadOnlyList<string> Courts => CourtCodes;

    internal CaseStage Stage(int i) => (CaseStage)StageCode[i];

    internal Disposition? Disposition(int i) => DispositionCode[i] == 0 ? null : (Disposition)DispositionCode[i];

    internal bool? Hearing(int i) => HearingCode[i] < 0 ? null : HearingCode[i] == 1;

    internal double? Claimed(int i) => ClaimedFen[i] == NoAmount ? null : ClaimedFen[i] / 100.0;

    internal double? Recovered(int i) => RecoveredFen[i] == NoAmount ? null : RecoveredFen[i] / 100.0;

    internal CaseStage? OriginStage(int i) => OriginStageCode[i] < 0 ? null : (CaseStage)OriginStageCode[i];

    internal string? OriginType(int i) => OriginTypeIndex[i] < 0 ? null : CaseTypes.Table[OriginTypeIndex[i]].Code;

    public int CourtIndex(string code)
    {
        if (!_courtIndex.TryGetValue(code, out var index))
        {
            index = CourtCodes.Count;
            CourtCodes.Add(code);
            _courtIndex[code] = index;
        }
        return index;
    }

    /// <summary>Adds a case. A 案号 the table already holds is ignored, so callers give the latest version first.</summary>
    public void Add(CaseRecord record)
    {
        var origin = record.OriginCaseNumber;
        Add(new CaseRow(CaseRow.Hash(record.CaseNumber.ToString()), record.Court, CaseTypes.IndexOf(record.CaseNumber.TypeCode), record.Stage,
            record.FilingDate.DayNumber, record.ClosingDate?.DayNumber ?? Open, record.Disposition, record.DeadlineDate?.DayNumber ?? None,
            record.HearingHeld, record.AppealDate?.DayNumber ?? None, record.TransferDate?.DayNumber ?? None, Fen(record.ClaimedAmount),
            Fen(record.RecoveredAmount), origin is null ? null : CaseRow.Hash(origin.ToString()), origin is null || origin.IsLegacy ? null : origin.CourtCode,
            origin?.Stage, origin is null ? -1 : CaseTypes.IndexOf(origin.TypeCode), record.Division));
    }

    /// <summary>
    /// Adds a case from stored columns, without parsing any 案号 (the curated zone stores what is derived from them).
    /// A 案号 already held is kept when it came from the same court (whose latest window is read first); when two
    /// courts' files hold it (possible only for legacy 字第 numbers), the court first in code order keeps it, whatever
    /// order the courts were read in.
    /// </summary>
    public void Add(in CaseRow row)
    {
        if (!_byNumber.TryAdd(row.Number, out var held))
        {
            if (string.CompareOrdinal(row.Court, CourtCodes[Court[held]]) < 0)
            {
                Write(held, row);
            }
            return;
        }
        if (_count == Court.Length)
        {
            Grow(Math.Max(1024, _count * 2));
        }
        Write(_count++, row);
    }

    private void Write(int i, in CaseRow row)
    {
        Court[i] = checked((short)CourtIndex(row.Court));
        Division[i] = row.Division is { Length: > 0 } division ? DivisionSlot(Court[i], division) : (byte)0;
        StageCode[i] = (byte)row.Stage;
        TypeIndex[i] = (short)row.TypeIndex;
        Filed[i] = row.Filed;
        Closed[i] = row.Closed;
        DispositionCode[i] = (byte)(row.Disposition is { } d ? (int)d : 0);
        Deadline[i] = row.Deadline;
        HearingCode[i] = (sbyte)(row.Hearing is { } h ? (h ? 1 : 0) : -1);
        Appeal[i] = row.Appeal;
        Transfer[i] = row.Transfer;
        ClaimedFen[i] = row.ClaimedFen ?? NoAmount;
        RecoveredFen[i] = row.RecoveredFen ?? NoAmount;
        OriginStageCode[i] = (sbyte)(row.OriginStage is { } os ? (int)os : -1);
        OriginTypeIndex[i] = (short)row.OriginTypeIndex;
        OriginCourt[i] = (short)(row.OriginCourt is null ? None : CourtIndex(row.OriginCourt));
        _originHash[i] = row.Origin ?? 0;
    }

    private byte DivisionSlot(int court, string name)
    {
        while (DivisionNames.Count <= court)
        {
            DivisionNames.Add([]);
            _divisionOfCourt.Add(new Dictionary<string, byte>(StringComparer.Ordinal));
        }
        var slots = _divisionOfCourt[court];
        if (slots.TryGetValue(name, out var slot))
        {
            return slot;
        }
        var names = DivisionNames[court];
        if (names.Count >= MaxDivisionsPerCourt)
        {
            name = OtherDivisions;
            if (slots.TryGetValue(name, out slot))
            {
                return slot;
            }
        }
        names.Add(name);
        slot = (byte)names.Count;
        slots[name] = slot;
        return slot;
    }

    /// <summary>The most division slots a court can have: its named divisions, <see cref="OtherDivisions"/>, and 0 for none.</summary>
    internal const int DivisionSlots = MaxDivisionsPerCourt + 2;

    /// <summary>Sizes the columns and the number index for this many cases at once: no doubling, no copies.</summary>
    public void Reserve(int capacity)
    {
        if (capacity > Court.Length)
        {
            Grow(capacity);
            _byNumber.Reserve(capacity);
        }
    }

    private void Grow(int capacity)
    {
        Array.Resize(ref Court, capacity);
        Array.Resize(ref StageCode, capacity);
        Array.Resize(ref TypeIndex, capacity);
        Array.Resize(ref Filed, capacity);
        Array.Resize(ref Closed, capacity);
        Array.Resize(ref DispositionCode, capacity);
        Array.Resize(ref Deadline, capacity);
        Array.Resize(ref HearingCode, capacity);
        Array.Resize(ref Appeal, capacity);
        Array.Resize(ref Transfer, capacity);
        Array.Resize(ref ClaimedFen, capacity);
        Array.Resize(ref RecoveredFen, capacity);
        Array.Resize(ref OriginStageCode, capacity);
        Array.Resize(ref OriginTypeIndex, capacity);
        Array.Resize(ref OriginCourt, capacity);
        Array.Resize(ref NewMatter, capacity);
        Array.Resize(ref Division, capacity);
        Array.Resize(ref _originHash, capacity);
    }

    /// <summary>Resolves links once every case is in: origins, linked appeals and petitions, and each case's root matter.</summary>
    /// <param name="newMatter">What makes a case a 案 (the catalogue's <see cref="IndicatorCatalog.NewMatter"/>); the working definition unless given.</param>
    public void Link(NewMatterRule? newMatter = null)
    {
        var n = _count;
        // Origins first, so that the number index (the largest thing here) is freed before the other link columns exist.
        Origin = new int[n];
        for (var i = 0; i < n; i++)
        {
            Origin[i] = OriginStageCode[i] >= 0 && _byNumber.Find(_originHash[i]) is var o and not None && o != i ? o : None;
        }
        _originHash = [];
        _byNumber.Clear();
        LinkedAppeal = new bool[n];
        LinkedReview = new bool[n];
        Root = new int[n];
        FiledMonth = new int[n];
        ClosedMonth = new int[n];
        TransferMonth = new int[n];
        for (var i = 0; i < n; i++)
        {
            FiledMonth[i] = MonthOf(Filed[i]);
            ClosedMonth[i] = Closed[i] == Open ? Open : MonthOf(Closed[i]);
            TransferMonth[i] = Transfer[i] == None ? None : MonthOf(Transfer[i]);
            if (Origin[i] != None)
            {
                if (Stage(i) == CaseStage.Appeal)
                {
                    LinkedAppeal[Origin[i]] = true;
                }
                else if (Stage(i) == CaseStage.RetrialReview)
                {
                    LinkedReview[Origin[i]] = true;
                }
            }
        }
        MarkNewMatters(newMatter ?? NewMatterRule.Default);
        Array.Fill(Root, int.MinValue);
        var path = new List<int>();
        for (var i = 0; i < n; i++)
        {
            ResolveRoot(i, path);
        }
    }

    /// <summary>Which cases are 案 by the rule, decided per 类型代字 and per origin stage once rather than per case.</summary>
    private void MarkNewMatters(NewMatterRule rule)
    {
        var opensByType = CaseTypes.Table.Select(t => rule.Stages.Contains(t.Stage) || rule.Types.Contains(t.Code)).ToArray();
        var stages = Enum.GetValues<CaseStage>();
        var opensByStage = new bool[stages.Max(s => (int)s) + 1];
        var newAfter = new bool[opensByStage.Length];
        foreach (var stage in stages)
        {
            opensByStage[(int)stage] = rule.Stages.Contains(stage);
            newAfter[(int)stage] = rule.OriginStages.Contains(stage);
        }
        for (var i = 0; i < _count; i++)
        {
            var opens = TypeIndex[i] >= 0 ? opensByType[TypeIndex[i]] : opensByStage[StageCode[i]];
            NewMatter[i] = opens && (OriginStageCode[i] < 0 || newAfter[OriginStageCode[i]]);
        }
    }

    /// <summary>Follows 原审案号 up to a new matter; a chain that leaves the data (or loops) has no root.</summary>
    private void ResolveRoot(int start, List<int> path)
    {
        path.Clear();
        var current = start;
        int root;
        while (true)
        {
            if (Root[current] != int.MinValue)
            {
                root = Root[current];
                break;
            }
            if (NewMatter[current])
            {
                root = current;
                Root[current] = current;
                break;
            }
            path.Add(current);
            var next = Origin[current];
            if (next == None || path.Count > 64 || path.Contains(next))
            {
                root = None;
                break;
            }
            current = next;
        }
        foreach (var i in path)
        {
            Root[i] = root;
        }
    }

    internal static int MonthOf(int dayNumber)
    {
        var day = DateOnly.FromDayNumber(dayNumber);
        return day.Year * 12 + day.Month - 1;
    }

    private static long? Fen(decimal? yuan) => yuan is { } v ? (long)decimal.Round(v * 100) : null;
}
