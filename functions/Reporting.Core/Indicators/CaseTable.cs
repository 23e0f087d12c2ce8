using System.IO.Hashing;
using System.Runtime.InteropServices;
using Reporting.Core.Cases;

namespace Reporting.Core.Indicators;

/// <summary>One case as the indicator engine needs it: dates as day numbers (<see cref="CaseTable.Open"/> and
/// <see cref="CaseTable.None"/> for missing ones) and what is derived from its 案号 and 原审案号.</summary>
public readonly record struct CaseRow(
    string CaseNumber, string Court, string TypeCode, CaseStage Stage, int Filed, int Closed, Disposition? Disposition, int Deadline,
    bool? Hearing, int Appeal, int Transfer, decimal? Claimed, decimal? Recovered,
    string? OriginNumber, string? OriginCourt, CaseStage? OriginStage, string? OriginType);

/// <summary>
/// A province's cases in columns, with their 原审案号 links resolved across courts: what the indicator engine counts.
/// Cases are identified by a 64-bit hash of their normal-form 案号 (a collision among millions of numbers has a
/// probability below one in a million), so the table holds no strings per case.
/// </summary>
public sealed class CaseTable
{
    public const int None = -1;
    public const int Open = int.MaxValue;

    internal readonly List<string> CourtCodes = [];
    private readonly Dictionary<string, int> _courtIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, int> _byNumber = [];
    private readonly List<ulong> _originHash = [];

    internal readonly List<int> Court = [];
    internal readonly List<CaseStage> Stage = [];
    internal readonly List<string> Type = [];
    /// <summary>Position of the 类型代字 in <see cref="CaseTypes.Table"/>, −1 for a legacy or unknown code.</summary>
    internal readonly List<int> TypeIndex = [];
    internal readonly List<int> Filed = [];
    internal readonly List<int> Closed = [];
    internal readonly List<Disposition?> Disposition = [];
    internal readonly List<int> Deadline = [];
    internal readonly List<bool?> Hearing = [];
    internal readonly List<int> Appeal = [];
    internal readonly List<int> Transfer = [];
    internal readonly List<decimal?> Claimed = [];
    internal readonly List<decimal?> Recovered = [];
    internal readonly List<CaseStage?> OriginStage = [];
    internal readonly List<string?> OriginType = [];
    internal readonly List<int> OriginCourt = [];
    internal readonly List<bool> NewMatter = [];

    internal int[] Origin = [];
    internal int[] FiledMonth = [];
    internal int[] ClosedMonth = [];
    internal int[] TransferMonth = [];
    internal bool[] LinkedAppeal = [];
    internal bool[] LinkedReview = [];
    internal int[] Root = [];

    public int Count => Court.Count;

    public IReadOnlyList<string> Courts => CourtCodes;

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
        Add(new CaseRow(record.CaseNumber.ToString(), record.Court, record.CaseNumber.TypeCode, record.Stage, record.FilingDate.DayNumber,
            record.ClosingDate?.DayNumber ?? Open, record.Disposition, record.DeadlineDate?.DayNumber ?? None, record.HearingHeld,
            record.AppealDate?.DayNumber ?? None, record.TransferDate?.DayNumber ?? None, record.ClaimedAmount, record.RecoveredAmount,
            origin?.ToString(), origin is null || origin.IsLegacy ? null : origin.CourtCode, origin?.Stage, origin?.TypeCode));
    }

    /// <summary>Adds a case from stored columns, without parsing any 案号 (the curated zone stores what is derived from them).</summary>
    public void Add(in CaseRow row)
    {
        var hash = Hash(row.CaseNumber);
        if (!_byNumber.TryAdd(hash, Count))
        {
            return;
        }
        Court.Add(CourtIndex(row.Court));
        Stage.Add(row.Stage);
        Type.Add(row.TypeCode);
        TypeIndex.Add(CaseTypes.IndexOf(row.TypeCode));
        Filed.Add(row.Filed);
        Closed.Add(row.Closed);
        Disposition.Add(row.Disposition);
        Deadline.Add(row.Deadline);
        Hearing.Add(row.Hearing);
        Appeal.Add(row.Appeal);
        Transfer.Add(row.Transfer);
        Claimed.Add(row.Claimed);
        Recovered.Add(row.Recovered);
        OriginStage.Add(row.OriginStage);
        OriginType.Add(row.OriginType);
        OriginCourt.Add(row.OriginCourt is null ? None : CourtIndex(row.OriginCourt));
        _originHash.Add(row.OriginNumber is null ? 0 : Hash(row.OriginNumber));
        // 案 (new matter): a counted case of stage 一审, 执 (首次执行), 非诉 or 破产 whose 原审案号 is empty or a 诉前 case.
        var firstEntry = row.Stage is CaseStage.First or CaseStage.NonContentious or CaseStage.Insolvency
            || (row.Stage == CaseStage.Enforcement && row.TypeCode == "执");
        NewMatter.Add(firstEntry && (row.OriginStage is null || row.OriginStage == CaseStage.PreLitigation));
    }

    /// <summary>Resolves links once every case is in: origins, linked appeals and petitions, and each case's root matter.</summary>
    public void Link()
    {
        var n = Count;
        Origin = new int[n];
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
            Origin[i] = OriginType[i] is not null && _byNumber.TryGetValue(_originHash[i], out var o) && o != i ? o : None;
            if (Origin[i] != None)
            {
                if (Stage[i] == CaseStage.Appeal)
                {
                    LinkedAppeal[Origin[i]] = true;
                }
                else if (Stage[i] == CaseStage.RetrialReview)
                {
                    LinkedReview[Origin[i]] = true;
                }
            }
        }
        Array.Fill(Root, int.MinValue);
        for (var i = 0; i < n; i++)
        {
            ResolveRoot(i);
        }
    }

    /// <summary>Follows 原审案号 up to a new matter; a chain that leaves the data (or loops) has no root.</summary>
    private void ResolveRoot(int start)
    {
        var path = new List<int>();
        var current = start;
        var root = None;
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
        if (NewMatter[current] && Root[current] == int.MinValue)
        {
            Root[current] = current;
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

    private static ulong Hash(string number) => XxHash64.HashToUInt64(MemoryMarshal.AsBytes(number.AsSpan()));
}
