namespace Reporting.Core.Cases;

/// <summary>结案方式 values of export format v1. Unknown text is an error, never a silent 其他.</summary>
public enum Disposition
{
    判决 = 1,
    调解,
    撤诉,
    驳回起诉,
    维持,
    改判,
    发回重审,
    裁定,
    移送,
    终结本次执行程序,
    执行完毕,
    终结执行,
    不予执行,
    销案,
    调解成功,
    调解不成,
    其他,
}

public static class Dispositions
{
    private static readonly Dictionary<string, Disposition> ByText = BuildTable();

    private static readonly Dictionary<string, Disposition>.AlternateLookup<ReadOnlySpan<char>> BySpan =
        ByText.GetAlternateLookup<ReadOnlySpan<char>>();

    private static Dictionary<string, Disposition> BuildTable()
    {
        var table = new Dictionary<string, Disposition>(StringComparer.Ordinal);
        foreach (var value in Enum.GetValues<Disposition>())
        {
            table[value.ToString()] = value;
        }
        // Aliases from export format v1; punctuation is folded by Clean before lookup.
        table["准予撤诉"] = Disposition.撤诉;
        table["按撤诉处理"] = Disposition.撤诉;
        table["撤回上诉"] = Disposition.撤诉;
        table["准予撤回上诉"] = Disposition.撤诉;
        table["驳回上诉维持原判"] = Disposition.维持;
        table["终本"] = Disposition.终结本次执行程序;
        table["诉前调解成功"] = Disposition.调解成功;
        table["调解成功诉前"] = Disposition.调解成功;
        table["诉前调解不成"] = Disposition.调解不成;
        table["调解不成诉前"] = Disposition.调解不成;
        table["调解不成功"] = Disposition.调解不成;
        return table;
    }

    public static string Name(this Disposition value) => value.ToString();

    /// <summary>Reads a 结案方式 as courts write it: aliases, full- or half-width punctuation and spaces are accepted.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Disposition value)
    {
        Span<char> buffer = stackalloc char[Math.Min(text.Length, 32)];
        var n = 0;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c is '，' or ',' or '（' or '）' or '(' or ')' or '、' or '；' or ';')
            {
                continue;
            }
            if (n == buffer.Length)
            {
                value = default;
                return false;
            }
            buffer[n++] = c;
        }
        return BySpan.TryGetValue(buffer[..n], out value);
    }

    public static Disposition FromName(string name) =>
        Enum.TryParse<Disposition>(name, out var value) && Enum.IsDefined(value)
            ? value
            : throw new ArgumentException($"Unknown 结案方式 '{name}'.", nameof(name));
}
