using System.IO.Hashing;
using System.Runtime.InteropServices;
using Reporting.Core.Cases;

namespace Reporting.Core.Indicators;

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

    /// <summary>Adds a case. A 案号 seen before replaces nothing: callers pass each case once (latest window first wins upstream).</summary>
    public void Add(CaseRecord record)
    {
        var number = record.CaseNumber.ToString();
        var hash = Hash(number);
        if (!_byNumber.TryAdd(hash, Count))
        {
            return;
        }
        Court.Add(CourtIndex(record.Court));
        Stage.Add(record.Stage);
        Type.Add(record.CaseNumber.TypeCode);
        Filed.Add(record.FilingDate.DayNumber);
        Closed.Add(record.ClosingDate?.DayNumber ?? Open);
        Disposition.Add(record.Disposition);
        Deadline.Add(record.DeadlineDate?.DayNumber ?? None);
        Hearing.Add(record.HearingHeld);
        Appeal.Add(record.AppealDate?.DayNumber ?? None);
        Transfer.Add(record.TransferDate?.DayNumber ?? None);
        Claimed.Add(record.ClaimedAmount);
        Recovered.Add(record.RecoveredAmount);
        var origin = record.OriginCaseNumber;
        OriginStage.Add(origin?.Stage);
        OriginType.Add(origin?.TypeCode);
        OriginCourt.Add(origin is null || origin.IsLegacy ? None : CourtIndex(origin.CourtCode));
        _originHash.Add(origin is null ? 0 : Hash(origin.ToString()));
        NewMatter.Add(IsNewMatter(record.CaseNumber, origin));
    }

    /// <summary>
    /// 案 (new matter): a counted case of stage 一审, 执 (首次执行), 非诉 or 破产 whose 原审案号 is empty or a 诉前 case.
    /// </summary>
    public static bool IsNewMatter(CaseNumber number, CaseNumber? origin)
    {
        var stage = number.Stage;
        var firstEntry = stage is CaseStage.First or CaseStage.NonContentious or CaseStage.Insolvency
            || (stage == CaseStage.Enforcement && number.TypeCode == "执");
        return firstEntry && (origin is null || origin.Stage == CaseStage.PreLitigation);
    }

    /// <summary>Resolves links once every case is in: origins, linked appeals and petitions, and each case's root matter.</summary>
    public void Link()
    {
        var n = Count;
        Origin = new int[n];
        LinkedAppeal = new bool[n];
        LinkedReview = new bool[n];
        Root = new int[n];
        for (var i = 0; i < n; i++)
        {
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

    private static ulong Hash(string number) => XxHash64.HashToUInt64(MemoryMarshal.AsBytes(number.AsSpan()));
}
