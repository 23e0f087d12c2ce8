using Parquet;
using Reporting.Core.Cases;
using Reporting.Core.Indicators;
using Reporting.Pipeline.Curated;

namespace Reporting.Storage.Parquet;

/// <summary>Buffers cases column by column and writes a row group each time the buffer fills: memory stays flat.</summary>
public sealed class CaseParquetWriter : ICaseFileWriter
{
    private readonly Stream _output;
    private ParquetWriter? _writer;
    private readonly int _capacity;
    private int _count;

    private readonly string[] _caseNumber;
    private readonly string[] _court;
    private readonly long[] _numberHash;
    private readonly long?[] _originHash;
    private readonly string[] _typeCode;
    private readonly string[] _stage;
    private readonly DateOnly[] _filing;
    private readonly DateOnly?[] _closing;
    private readonly string?[] _disposition;
    private readonly DateOnly?[] _deadline;
    private readonly string?[] _origin;
    private readonly string?[] _originCourt;
    private readonly string?[] _originStage;
    private readonly string?[] _originType;
    private readonly bool?[] _hearing;
    private readonly DateOnly?[] _appeal;
    private readonly DateOnly?[] _transfer;
    private readonly long?[] _claimed;
    private readonly long?[] _recovered;
    private readonly string?[] _cause;
    private readonly string?[] _division;
    private readonly string?[] _judge;

    public CaseParquetWriter(Stream output, int rowGroupSize = CaseParquet.RowGroupSize)
    {
        _output = output;
        _capacity = rowGroupSize;
        _caseNumber = new string[rowGroupSize];
        _court = new string[rowGroupSize];
        _numberHash = new long[rowGroupSize];
        _originHash = new long?[rowGroupSize];
        _typeCode = new string[rowGroupSize];
        _stage = new string[rowGroupSize];
        _filing = new DateOnly[rowGroupSize];
        _closing = new DateOnly?[rowGroupSize];
        _disposition = new string?[rowGroupSize];
        _deadline = new DateOnly?[rowGroupSize];
        _origin = new string?[rowGroupSize];
        _originCourt = new string?[rowGroupSize];
        _originStage = new string?[rowGroupSize];
        _originType = new string?[rowGroupSize];
        _hearing = new bool?[rowGroupSize];
        _appeal = new DateOnly?[rowGroupSize];
        _transfer = new DateOnly?[rowGroupSize];
        _claimed = new long?[rowGroupSize];
        _recovered = new long?[rowGroupSize];
        _cause = new string?[rowGroupSize];
        _division = new string?[rowGroupSize];
        _judge = new string?[rowGroupSize];
    }

    public long Written { get; private set; }

    public ValueTask AddAsync(CaseRecord record, CancellationToken cancellationToken = default) =>
        AddAsync(record, record.CaseNumber.ToString(), cancellationToken);

    /// <summary>Adds a case whose normal-form 案号 the caller already has.</summary>
    public async ValueTask AddAsync(CaseRecord record, string caseNumber, CancellationToken cancellationToken = default)
    {
        var i = _count;
        _caseNumber[i] = caseNumber;
        _numberHash[i] = (long)CaseRow.Hash(caseNumber);
        _court[i] = record.Court;
        _typeCode[i] = record.CaseNumber.TypeCode;
        _stage[i] = record.Stage.Id();
        _filing[i] = record.FilingDate;
        _closing[i] = record.ClosingDate;
        _disposition[i] = record.Disposition?.Name();
        _deadline[i] = record.DeadlineDate;
        _origin[i] = record.OriginCaseNumber?.ToString();
        _originHash[i] = _origin[i] is { } origin ? (long)CaseRow.Hash(origin) : null;
        _originCourt[i] = record.OriginCaseNumber?.CourtCode;
        _originStage[i] = record.OriginCaseNumber?.Stage.Id();
        _originType[i] = record.OriginCaseNumber?.TypeCode;
        _hearing[i] = record.HearingHeld;
        _appeal[i] = record.AppealDate;
        _transfer[i] = record.TransferDate;
        _claimed[i] = CaseParquet.ToFen(record.ClaimedAmount);
        _recovered[i] = CaseParquet.ToFen(record.RecoveredAmount);
        _cause[i] = record.Cause;
        _division[i] = record.Division;
        _judge[i] = record.Judge;
        _count++;
        Written++;
        if (_count == _capacity)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        _writer ??= await ParquetWriter.CreateAsync(CaseParquet.Schema, _output, CaseParquet.Options, append: false, ct).ConfigureAwait(false);
        if (_count == 0)
        {
            return;
        }
        var n = _count;
        using (var group = _writer.CreateRowGroup())
        {
            await group.WriteAsync(CaseParquet.CaseNumber, new ArraySegment<string>(_caseNumber, 0, n)).ConfigureAwait(false);
            await group.WriteAsync<long>(CaseParquet.NumberHash, (ReadOnlyMemory<long>)_numberHash.AsMemory(0, n), null, null, ct).ConfigureAwait(false);
            await group.WriteAsync<long>(CaseParquet.OriginHash, (ReadOnlyMemory<long?>)_originHash.AsMemory(0, n), null, null, ct).ConfigureAwait(false);
            await group.WriteAsync(CaseParquet.Court, new ArraySegment<string>(_court, 0, n)).ConfigureAwait(false);
            await group.WriteAsync(CaseParquet.TypeCode, new ArraySegment<string>(_typeCode, 0, n)).ConfigureAwait(false);
            await group.WriteAsync(CaseParquet.Stage, new ArraySegment<string>(_stage, 0, n)).ConfigureAwait(false);
            await group.WriteAsync<DateOnly>(CaseParquet.FilingDate, (ReadOnlyMemory<DateOnly>)_filing.AsMemory(0, n), null, null, ct).ConfigureAwait(false);
            await group.WriteAsync<DateOnly>(CaseParquet.ClosingDate, (ReadOnlyMemory<DateOnly?>)_closing.AsMemory(0, n), null, null, ct).ConfigureAwait(false);
            await group.WriteAsync(CaseParquet.Disposition, new ArraySegment<string>(_disposition!, 0, n)).ConfigureAwait(false);
            await group.WriteAsync<DateOnly>(CaseParquet.DeadlineDate, (ReadOnlyMemory<DateOnly?>)_deadline.AsMemory(0, n), null, null, ct).ConfigureAwait(false);
            await group.WriteAsync(CaseParquet.OriginCaseNumber, new ArraySegment<string>(_origin!, 0, n)).ConfigureAwait(false);
            await group.WriteAsync(CaseParquet.OriginCourt, new ArraySegment<string>(_originCourt!, 0, n)).ConfigureAwait(false);
            await group.WriteAsync(CaseParquet.OriginStage, new ArraySegment<string>(_originStage!, 0, n)).ConfigureAwait(false);
            await group.WriteAsync(CaseParquet.OriginType, new ArraySegment<string>(_originType!, 0, n)).ConfigureAwait(false);
            await group.WriteAsync<bool>(CaseParquet.HearingHeld, (ReadOnlyMemory<bool?>)_hearing.AsMemory(0, n), null, null, ct).ConfigureAwait(false);
            await group.WriteAsync<DateOnly>(CaseParquet.AppealDate, (ReadOnlyMemory<DateOnly?>)_appeal.AsMemory(0, n), null, null, ct).ConfigureAwait(false);
            await group.WriteAsync<DateOnly>(CaseParquet.TransferDate, (ReadOnlyMemory<DateOnly?>)_transfer.AsMemory(0, n), null, null, ct).ConfigureAwait(false);
            await group.WriteAsync<long>(CaseParquet.ClaimedFen, (ReadOnlyMemory<long?>)_claimed.AsMemory(0, n), null, null, ct).ConfigureAwait(false);
            await group.WriteAsync<long>(CaseParquet.RecoveredFen, (ReadOnlyMemory<long?>)_recovered.AsMemory(0, n), null, null, ct).ConfigureAwait(false);
            await group.WriteAsync(CaseParquet.Cause, new ArraySegment<string>(_cause!, 0, n)).ConfigureAwait(false);
            await group.WriteAsync(CaseParquet.Division, new ArraySegment<string>(_division!, 0, n)).ConfigureAwait(false);
            await group.WriteAsync(CaseParquet.Judge, new ArraySegment<string>(_judge!, 0, n)).ConfigureAwait(false);
        }
        Array.Clear(_caseNumber);
        Array.Clear(_origin);
        Array.Clear(_cause);
        _count = 0;
    }

    /// <summary>Writes what is buffered and the file footer. A file with no cases is still a valid, empty Parquet file.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
            _writer = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }
    }
}
