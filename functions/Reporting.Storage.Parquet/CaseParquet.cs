using Parquet;
using Parquet.Schema;
using Reporting.Core.Cases;
using Reporting.Core.Indicators;

namespace Reporting.Storage.Parquet;

/// <summary>
/// The curated zone's file format: normalised cases as Parquet, one row group per <see cref="RowGroupSize"/> cases.
/// Derived columns (court, stage, type, origin court and stage) are stored so that readers need not re-parse 案号.
/// </summary>
public static class CaseParquet
{
    public const int RowGroupSize = 16384;

    internal static readonly DataField<string> CaseNumber = new("case_number");
    internal static readonly DataField<string> Court = new("court");
    // 64-bit hashes of the normal-form 案号 and 原审案号 (CaseRow.Hash): the indicator engine links cases by these and
    // never has to decode the text columns, the costliest part of a file.
    internal static readonly DataField<long> NumberHash = new("case_number_hash");
    internal static readonly DataField<long?> OriginHash = new("origin_hash");
    internal static readonly DataField<string> TypeCode = new("type_code");
    internal static readonly DataField<string> Stage = new("stage");
    internal static readonly DataField<DateOnly> FilingDate = new("filing_date");
    internal static readonly DataField<DateOnly?> ClosingDate = new("closing_date");
    internal static readonly DataField<string> Disposition = new("disposition", true);
    internal static readonly DataField<DateOnly?> DeadlineDate = new("deadline_date");
    internal static readonly DataField<string> OriginCaseNumber = new("origin_case_number", true);
    internal static readonly DataField<string> OriginCourt = new("origin_court", true);
    internal static readonly DataField<string> OriginStage = new("origin_stage", true);
    internal static readonly DataField<string> OriginType = new("origin_type", true);
    internal static readonly DataField<bool?> HearingHeld = new("hearing_held");
    internal static readonly DataField<DateOnly?> AppealDate = new("appeal_date");
    internal static readonly DataField<DateOnly?> TransferDate = new("transfer_date");
    // Amounts in fen (分): exact, and clear of a Parquet.Net defect that garbles all-null decimal columns.
    internal static readonly DataField<long?> ClaimedFen = new("claimed_amount_fen");
    internal static readonly DataField<long?> RecoveredFen = new("recovered_amount_fen");
    internal static readonly DataField<string> Cause = new("cause", true);
    internal static readonly DataField<string> Division = new("division", true);
    internal static readonly DataField<string> Judge = new("judge", true);

    public static ParquetSchema Schema { get; } = new(
        CaseNumber, NumberHash, OriginHash, Court, TypeCode, Stage, FilingDate, ClosingDate, Disposition, DeadlineDate,
        OriginCaseNumber, OriginCourt, OriginStage, OriginType, HearingHeld, AppealDate, TransferDate,
        ClaimedFen, RecoveredFen, Cause, Division, Judge);

    internal static ParquetOptions Options => new() { CompressionMethod = CompressionMethod.Snappy, UseDateOnlyTypeForDates = true, DictionaryEncodingSampleSize = 4096 };

    /// <summary>Reads every case of a curated file, row group by row group.</summary>
    public static async IAsyncEnumerable<CaseRecord> ReadAsync(Stream stream, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var reader = await ParquetReader.CreateAsync(stream, Options, leaveStreamOpen: true, cancellationToken).ConfigureAwait(false);
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var n = checked((int)group.RowCount);
            var caseNumbers = await Strings(group, CaseNumber, n, cancellationToken).ConfigureAwait(false);
            var courts = await Strings(group, Court, n, cancellationToken).ConfigureAwait(false);
            var (filing, closing, disposition, deadline, hearing, appeal, transfer, claimed, recovered) =
                await EventColumnsAsync(group, n, cancellationToken).ConfigureAwait(false);
            var origin = await Strings(group, OriginCaseNumber, n, cancellationToken).ConfigureAwait(false);
            var cause = await Strings(group, Cause, n, cancellationToken).ConfigureAwait(false);
            var division = await Strings(group, Division, n, cancellationToken).ConfigureAwait(false);
            var judge = await Strings(group, Judge, n, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < n; i++)
            {
                yield return new CaseRecord
                {
                    CaseNumber = Core.Cases.CaseNumber.Parse(caseNumbers[i]!),
                    Court = courts[i]!,
                    FilingDate = filing[i],
                    ClosingDate = closing[i],
                    Disposition = disposition[i] is { } d ? Dispositions.FromName(d) : null,
                    DeadlineDate = deadline[i],
                    OriginCaseNumber = origin[i] is { } o ? Core.Cases.CaseNumber.Parse(o) : null,
                    HearingHeld = hearing[i],
                    AppealDate = appeal[i],
                    TransferDate = transfer[i],
                    ClaimedAmount = FromFen(claimed[i]),
                    RecoveredAmount = FromFen(recovered[i]),
                    Cause = cause[i],
                    Division = division[i],
                    Judge = judge[i],
                };
            }
        }
    }

    /// <summary>
    /// Decodes a curated file into engine rows (no 案号 is parsed; the 承办部门 is, for the report's drill-down), one row group at a time in file order: each group is
    /// handed to <paramref name="onRowGroup"/> and its list reused for the next, so no more than a group is held.
    /// </summary>
    /// <param name="court">The court whose file this is: every row of a curated file belongs to it, so the column is not decoded.</param>
    public static async Task ReadRowsAsync(Stream stream, string court, Action<List<CaseRow>> onRowGroup, CancellationToken cancellationToken = default)
    {
        var rows = new List<CaseRow>();
        await using var reader = await ParquetReader.CreateAsync(stream, Options, leaveStreamOpen: true, cancellationToken).ConfigureAwait(false);
        var b = new RowGroupBuffers();
        var courtOf = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Shared(string? code) => code is null ? null : courtOf.TryGetValue(code, out var known) ? known : courtOf[code] = code;
        var dispositionOf = new Dictionary<string, Disposition>(StringComparer.Ordinal);
        Disposition DispositionOf(string name) => dispositionOf.TryGetValue(name, out var d) ? d : dispositionOf[name] = Dispositions.FromName(name);
        static CaseStage StageOf(int typeIndex) => typeIndex >= 0 ? CaseTypes.Table[typeIndex].Stage : CaseStage.Other;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var n = checked((int)group.RowCount);
            if (!group.ColumnExists(NumberHash) || !group.ColumnExists(OriginType))
            {
                throw new InvalidDataException("规范化文件由旧版本写入，请重新导入 / a curated file was written by an older version without the hash columns: ingest the exports again");
            }
            b.Ensure(n);
            rows.Clear();
            // Stages are not decoded: a 案号's stage is its 类型代字's (CaseNumber.Stage), so the type gives it.
            await group.ReadAsync(NumberHash, b.NumberHash.AsMemory(0, n), null, cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(OriginHash, b.OriginHash.AsMemory(0, n), null, cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(TypeCode, b.Type.AsMemory(0, n), null, cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(FilingDate, b.Filing.AsMemory(0, n), null, cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(ClosingDate, b.Closing.AsMemory(0, n), null, cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(Disposition, b.Disposition.AsMemory(0, n), null, cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(DeadlineDate, b.Deadline.AsMemory(0, n), null, cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(OriginCourt, b.OriginCourt.AsMemory(0, n), null, cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(OriginType, b.OriginType.AsMemory(0, n), null, cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(HearingHeld, b.Hearing.AsMemory(0, n), null, cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(AppealDate, b.Appeal.AsMemory(0, n), null, cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(TransferDate, b.Transfer.AsMemory(0, n), null, cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(ClaimedFen, b.Claimed.AsMemory(0, n), null, cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(RecoveredFen, b.Recovered.AsMemory(0, n), null, cancellationToken).ConfigureAwait(false);
            await group.ReadAsync(Division, b.Division.AsMemory(0, n), null, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < n; i++)
            {
                var typeIndex = CaseTypes.IndexOf(b.Type[i]!);
                var originTypeIndex = b.OriginType[i] is { } ot ? CaseTypes.IndexOf(ot) : -1;
                rows.Add(new CaseRow((ulong)b.NumberHash[i], court, typeIndex, StageOf(typeIndex), b.Filing[i].DayNumber,
                    b.Closing[i]?.DayNumber ?? CaseTable.Open, b.Disposition[i] is { } d ? DispositionOf(d) : null, b.Deadline[i]?.DayNumber ?? CaseTable.None,
                    b.Hearing[i], b.Appeal[i]?.DayNumber ?? CaseTable.None, b.Transfer[i]?.DayNumber ?? CaseTable.None, b.Claimed[i], b.Recovered[i],
                    b.OriginHash[i] is { } oh ? (ulong)oh : null, Shared(b.OriginCourt[i]), b.OriginType[i] is null ? null : StageOf(originTypeIndex),
                    originTypeIndex, b.Division[i]));
            }
            onRowGroup(rows);
        }
    }

    /// <summary>
    /// Column buffers reused from one row group to the next: each is larger than 85 KB, so allocating them per group
    /// would fill the large-object heap with garbage that only a full collection frees.
    /// </summary>
    private sealed class RowGroupBuffers
    {
        public long[] NumberHash = [];
        public long?[] OriginHash = [];
        public string?[] Type = [];
        public DateOnly[] Filing = [];
        public DateOnly?[] Closing = [];
        public string?[] Disposition = [];
        public DateOnly?[] Deadline = [];
        public string?[] OriginCourt = [];
        public string?[] OriginType = [];
        public bool?[] Hearing = [];
        public DateOnly?[] Appeal = [];
        public DateOnly?[] Transfer = [];
        public long?[] Claimed = [];
        public long?[] Recovered = [];
        public string?[] Division = [];

        public void Ensure(int n)
        {
            if (NumberHash.Length >= n)
            {
                return;
            }
            NumberHash = new long[n];
            OriginHash = new long?[n];
            Type = new string?[n];
            Filing = new DateOnly[n];
            Closing = new DateOnly?[n];
            Disposition = new string?[n];
            Deadline = new DateOnly?[n];
            OriginCourt = new string?[n];
            OriginType = new string?[n];
            Hearing = new bool?[n];
            Appeal = new DateOnly?[n];
            Transfer = new DateOnly?[n];
            Claimed = new long?[n];
            Recovered = new long?[n];
            Division = new string?[n];
        }
    }

    /// <summary>The dates, disposition, hearing and amounts of a row group: what every reader of a curated file needs.</summary>
    private static async Task<(DateOnly[] Filing, DateOnly?[] Closing, string?[] Disposition, DateOnly?[] Deadline, bool?[] Hearing,
        DateOnly?[] Appeal, DateOnly?[] Transfer, long?[] Claimed, long?[] Recovered)> EventColumnsAsync(ParquetRowGroupReader group, int n, CancellationToken ct)
    {
        var filing = new DateOnly[n];
        await group.ReadAsync(FilingDate, filing.AsMemory(), null, ct).ConfigureAwait(false);
        var closing = await Dates(group, ClosingDate, n, ct).ConfigureAwait(false);
        var disposition = await Strings(group, Disposition, n, ct).ConfigureAwait(false);
        var deadline = await Dates(group, DeadlineDate, n, ct).ConfigureAwait(false);
        var hearing = new bool?[n];
        await group.ReadAsync(HearingHeld, hearing.AsMemory(), null, ct).ConfigureAwait(false);
        var appeal = await Dates(group, AppealDate, n, ct).ConfigureAwait(false);
        var transfer = await Dates(group, TransferDate, n, ct).ConfigureAwait(false);
        var claimed = new long?[n];
        await group.ReadAsync(ClaimedFen, claimed.AsMemory(), null, ct).ConfigureAwait(false);
        var recovered = new long?[n];
        await group.ReadAsync(RecoveredFen, recovered.AsMemory(), null, ct).ConfigureAwait(false);
        return (filing, closing, disposition, deadline, hearing, appeal, transfer, claimed, recovered);
    }

    internal static long? ToFen(decimal? yuan) => yuan is { } v ? (long)decimal.Round(v * 100) : null;

    private static decimal? FromFen(long? fen) => fen is { } v ? v / 100m : null;

    private static async Task<string?[]> Strings(ParquetRowGroupReader group, DataField<string> field, int n, CancellationToken ct)
    {
        var values = new string?[n];
        await group.ReadAsync(field, values.AsMemory(), null, ct).ConfigureAwait(false);
        return values;
    }

    private static async Task<DateOnly?[]> Dates(ParquetRowGroupReader group, DataField<DateOnly?> field, int n, CancellationToken ct)
    {
        var values = new DateOnly?[n];
        await group.ReadAsync(field, values.AsMemory(), null, ct).ConfigureAwait(false);
        return values;
    }
}
