namespace Reporting.Core.Indicators;

/// <summary>
/// Case positions by 案号 hash, for linking 原审案号 while a province loads: an open-addressing table of positions
/// whose keys live in one array beside it. About 14 bytes a case where a <c>Dictionary&lt;ulong, int&gt;</c> takes 28,
/// which at 5M cases is the difference between fitting the 1 GB budget and not.
/// </summary>
internal sealed class CaseNumberIndex
{
    private const int Empty = -1;

    private ulong[] _numbers = [];
    private int[] _slots = [];
    private int _count;
    private int _mask;

    public int Count => _count;

    /// <summary>Makes room for this many numbers without rehashing.</summary>
    public void Reserve(int capacity)
    {
        if (capacity > _numbers.Length)
        {
            Array.Resize(ref _numbers, capacity);
        }
        // Linear probing stays short below a load of about 0.7.
        var slots = (int)Math.Min(1 << 30, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity + capacity / 2)));
        if (slots > _slots.Length)
        {
            Rehash(slots);
        }
    }

    /// <summary>The position added with this number, or <c>-1</c>.</summary>
    public int Find(ulong number)
    {
        if (_count == 0)
        {
            return Empty;
        }
        for (var s = Slot(number); ; s = (s + 1) & _mask)
        {
            var position = _slots[s];
            if (position == Empty || _numbers[position] == number)
            {
                return position;
            }
        }
    }

    /// <summary>
    /// Adds a number at the next position (<see cref="Count"/> before the call) and returns true; or, when the number
    /// is already held, returns false with its position. One probe either way.
    /// </summary>
    public bool TryAdd(ulong number, out int held)
    {
        if (_count == _numbers.Length || (_count + 1) * 10L > _slots.Length * 7L)
        {
            Reserve(Math.Max(1024, _count * 2));
        }
        var s = Slot(number);
        for (; _slots[s] != Empty; s = (s + 1) & _mask)
        {
            if (_numbers[_slots[s]] == number)
            {
                held = _slots[s];
                return false;
            }
        }
        _numbers[_count] = number;
        _slots[s] = held = _count++;
        return true;
    }

    public void Clear()
    {
        _numbers = [];
        _slots = [];
        _count = 0;
        _mask = 0;
    }

    // The hashes are XxHash64 values already: their low bits are as good as any.
    private int Slot(ulong number) => (int)(number & (ulong)(uint)_mask);

    private void Rehash(int slots)
    {
        _slots = new int[slots];
        Array.Fill(_slots, Empty);
        _mask = slots - 1;
        for (var position = 0; position < _count; position++)
        {
            var s = Slot(_numbers[position]);
            while (_slots[s] != Empty)
            {
                s = (s + 1) & _mask;
            }
            _slots[s] = position;
        }
    }
}
