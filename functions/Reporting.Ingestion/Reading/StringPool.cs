namespace Reporting.Ingestion.Reading;

/// <summary>
/// Shares one string per distinct short value (dates, dispositions, causes, divisions, judges repeat on every row),
/// so a million-row file does not allocate ten million strings. One pool per column of repeating values; bounded:
/// once full it stops adding.
/// </summary>
public sealed class StringPool
{
    private const int MaxLength = 40;
    private const int MaxEntries = 16_384;
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return "";
        }
        if (value.Length > MaxLength)
        {
            return new string(value);
        }
        if (_lookup.TryGetValue(value, out var shared))
        {
            return shared;
        }
        var created = new string(value);
        if (_strings.Count < MaxEntries)
        {
            _strings.Add(created);
        }
        return created;
    }
}
