using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Reporting.Core.Cases;

namespace Reporting.Ingestion.Duplicates;

/// <summary>A hash of everything stored about a case, to tell a repeated row from a conflicting one.</summary>
public static class CaseFingerprint
{
    public static ulong Of(CaseRecord record)
    {
        var hash = new XxHash64();
        Text(hash, record.CaseNumber.ToString());
        Date(hash, record.FilingDate);
        Date(hash, record.ClosingDate);
        Number(hash, (long?)record.Disposition);
        Date(hash, record.DeadlineDate);
        Text(hash, record.OriginCaseNumber?.ToString());
        Number(hash, record.HearingHeld is { } h ? (h ? 1 : 0) : null);
        Date(hash, record.AppealDate);
        Date(hash, record.TransferDate);
        Money(hash, record.ClaimedAmount);
        Money(hash, record.RecoveredAmount);
        Text(hash, record.Cause);
        Text(hash, record.Division);
        Text(hash, record.Judge);
        return hash.GetCurrentHashAsUInt64();
    }

    private static void Text(XxHash64 hash, string? value)
    {
        Number(hash, value?.Length ?? -1);
        if (value is not null)
        {
            hash.Append(MemoryMarshal.AsBytes(value.AsSpan()));
        }
    }

    private static void Date(XxHash64 hash, DateOnly? value) => Number(hash, value?.DayNumber ?? -1);

    private static void Money(XxHash64 hash, decimal? value) => Number(hash, value is { } v ? (long)(v * 100) : long.MinValue);

    private static void Number(XxHash64 hash, long? value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value ?? long.MinValue + 1);
        hash.Append(bytes);
    }
}
