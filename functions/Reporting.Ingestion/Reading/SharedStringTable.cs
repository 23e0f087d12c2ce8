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
            Span<byte> pair = stackalloc byte[16];
            var bounds = i + 1 < _spilled ? pair : pair[..8];
            RandomAccess.Read(_offsets!.SafeFileHandle, bounds, 8L * i);
            var start = BinaryPrimitives.ReadInt64LittleEndian(pair);
            var end = i + 1 < _spilled ? BinaryPrimitives.ReadInt64LittleEndian(pair[8..]) : _dataLength;
            var length = checked((int)(end - start));
            var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
            try
            {
                RandomAccess.Read(_data!.SafeFileHandle, buffer.AsSpan(0, length), start);
                return Encoding.UTF8.GetString(buffer, 0, length);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
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
