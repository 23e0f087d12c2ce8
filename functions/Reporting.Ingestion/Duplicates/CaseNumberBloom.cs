using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Reporting.Ingestion.Duplicates;

/// <summary>
/// A fixed-size Bloom filter over normalised 案号: the first pass of duplicate detection. It answers "maybe seen"
/// for every repeat (and, rarely, for a new number), so only those numbers need a second look, and memory is the
/// same for a 1M-row file as for a 5M-row one.
/// </summary>
public sealed class CaseNumberBloom
{
    private const int Hashes = 6;
    private readonly ulong[] _bits;
    private readonly ulong _mask;

    /// <param name="log2Bits">2^log2Bits bits; the default 2^27 (16 MiB) keeps false positives near 1 in 20,000 at 5M numbers.</param>
    public CaseNumberBloom(int log2Bits = 27)
    {
        _bits = new ulong[1L << (log2Bits - 6)];
        _mask = (1UL << log2Bits) - 1;
    }

    /// <summary>
    /// Filter size for a file: about 32 bits per row it may hold (rows estimated at one per 50 bytes), between 2^16
    /// and 2^27 bits. Every file above ~200 MB gets the same 16 MiB, so memory stays flat however large the file.
    /// </summary>
    public static int BitsFor(long fileBytes)
    {
        var wanted = Math.Max(1, fileBytes / 50) * 32;
        var log2 = 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)wanted - 1);
        return Math.Clamp(log2, 16, 27);
    }

    /// <summary>Adds the number; true when it may have been added before.</summary>
    public bool AddAndCheck(string caseNumber)
    {
        var hash = XxHash128.HashToUInt128(MemoryMarshal.AsBytes(caseNumber.AsSpan()));
        var h1 = (ulong)(hash >> 64);
        var h2 = (ulong)hash | 1;
        var seen = true;
        for (var i = 0; i < Hashes; i++)
        {
            var bit = (h1 + (ulong)i * h2) & _mask;
            ref var word = ref _bits[bit >> 6];
            var flag = 1UL << (int)(bit & 63);
            if ((word & flag) == 0)
            {
                seen = false;
                word |= flag;
            }
        }
        return seen;
    }
}
