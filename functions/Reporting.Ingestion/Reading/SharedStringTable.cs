using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Reporting.Ingestion.Reading;

/// <summary>
/// An XLSX workbook's shared strings, looked up by index for every text cell. They are held in memory up to a
/// budget; past it, every further string goes to a temporary file (UTF-8, found through a file of offsets), so a
/// workbook whose shared strings unpack to a gigabyte reads in bounded memory, as the export format requires.
/// </summary>
public sealed class SharedStringTable : IDisposable
{
    /// <summary>What one string held in memory costs beyond its characters: object header, length, list slot.</summary>
    private const long Overhead = 32;

    private readonly long _memoryBudget;
    private readonly List<string> _memory = [];
    private long _memoryBytes;
    private FileStream? _data;
    private FileStream? _offsets;
    private long _dataLength;
    private int _spilled;
    private bool _completed;

    /// <param name="memoryBudget">Bytes of strings to keep in memory before the rest goes to disk.</param>
    public SharedStringTable(long memoryBudget) => _memoryBudget = memoryBudget;

    public int Count => _memory.Count + _spilled;

    /// <summary>Strings that went to the temporary file (0 while everything fits the budget).</summary>
    public int Spilled => _spilled;

    public void Add(string text)
    {
        if (_completed)
        {
            throw new InvalidOperationException("the table is complete");
        }
        var cost = Overhead + 2L * text.Length;
        if (_data is null && _memoryBytes + cost <= _memoryBudget)
        {
            _memory.Add(text);
            _memoryBytes += cost;
            return;
        }
        if (_data is null)
        {
            _data = TempFile();
            _offsets = TempFile();
        }
        Span<byte> offset = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(offset, _dataLength);
        _offsets!.Write(offset);
        var length = Encoding.UTF8.GetByteCount(text);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Encoding.UTF8.GetBytes(text, buffer);
            _data.Write(buffer, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        _dataLength += length;
        _spilled++;
    }

    /// <summary>Ends loading: what went to disk is flushed so that lookups can read it.</summary>
    public void Complete()
    {
        _completed = true;
        _data?.Flush();
        _offsets?.Flush();
    }

    public string this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }
            if (index < _memory.Count)
            {
                return _memory[index];
            }
            if (!_completed)
            {
                Complete();
            }
            var i = index - _memory.Count;
            var start = OffsetAt(i);
            var length = checked((int)(OffsetAt(i + 1) - start));
            return StringAt(start, length);
        }
    }

    // Cells refer to shared strings roughly in the order they were stored (Excel numbers them by first use), so one
    // cached block of each file answers most look-ups without a read.
    private readonly byte[] _offsetBlock = new byte[64 * 1024];
    private long _offsetBlockStart = -1;
    private int _offsetBlockLength;
    private readonly byte[] _dataBlock = new byte[256 * 1024];
    private long _dataBlockStart = -1;
    private int _dataBlockLength;

    /// <summary>Where spilled string <paramref name="i"/> starts in the data file; the end of the data for i = count.</summary>
    private long OffsetAt(int i)
    {
        if (i == _spilled)
        {
            return _dataLength;
        }
        var position = 8L * i;
        if (position < _offsetBlockStart || position + 8 > _offsetBlockStart + _offsetBlockLength)
        {
            _offsetBlockStart = position;
            _offsetBlockLength = RandomAccess.Read(_offsets!.SafeFileHandle, _offsetBlock, position);
            if (_offsetBlockLength < 8)
            {
                throw new IOException("the shared-string offsets ended early");
            }
        }
        return BinaryPrimitives.ReadInt64LittleEndian(_offsetBlock.AsSpan((int)(position - _offsetBlockStart), 8));
    }

    private string StringAt(long start, int length)
    {
        if (length > _dataBlock.Length)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                ReadExactly(_data!.SafeFileHandle, buffer.AsSpan(0, length), start);
                return Encoding.UTF8.GetString(buffer, 0, length);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        if (start < _dataBlockStart || start + length > _dataBlockStart + _dataBlockLength)
        {
            _dataBlockStart = start;
            _dataBlockLength = RandomAccess.Read(_data!.SafeFileHandle, _dataBlock, start);
            if (_dataBlockLength < length)
            {
                throw new IOException("the shared strings ended early");
            }
        }
        return Encoding.UTF8.GetString(_dataBlock, (int)(start - _dataBlockStart), length);
    }

    private static void ReadExactly(Microsoft.Win32.SafeHandles.SafeFileHandle file, Span<byte> into, long offset)
    {
        while (!into.IsEmpty)
        {
            var read = RandomAccess.Read(file, into, offset);
            if (read == 0)
            {
                throw new IOException("the shared strings ended early");
            }
            into = into[read..];
            offset += read;
        }
    }

    private static FileStream TempFile() => new(Path.Combine(Path.GetTempPath(), $"reporting-sst-{Guid.NewGuid():N}.tmp"), FileMode.CreateNew,
        FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);

    public void Dispose()
    {
        _data?.Dispose();
        _offsets?.Dispose();
    }
}
