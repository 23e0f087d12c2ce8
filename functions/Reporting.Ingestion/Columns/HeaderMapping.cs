using System.Buffers;
using System.Text;

namespace Reporting.Ingestion.Columns;

/// <summary>What each column of a file's header is: one of the format's columns, personal data, or unknown.</summary>
public sealed class HeaderMapping
{
    // Declared before the tables built from it: static fields are initialised in order.
    private static readonly SearchValues<char> Separators = SearchValues.Create("_\r\n\t\u00A0");

    private static readonly Dictionary<string, ExportColumn> Names = BuildNames();

    /// <summary>The format's own names (Chinese name and alias, folded), as against the extra names we also accept.</summary>
    private static readonly HashSet<string> FormatNames = ExportColumns.All
        .SelectMany(c => new[] { Key(c.ChineseName), Key(c.Alias) })
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>Header substrings that make a column personal (export format v1); matched after folding case.</summary>
    private static readonly string[] PersonalMarkers =
    [
        "当事人", "原告", "被告", "第三人", "申请人", "被申请人", "申请执行人", "被执行人", "上诉人", "被上诉人", "姓名",
        "身份证", "证件", "电话", "手机", "住址", "地址", "联系", "邮箱",
        "party", "plaintiff", "defendant", "name", "id_number", "phone", "mobile", "address", "email",
    ];

    private HeaderMapping(IReadOnlyList<string> headers, ExportColumn?[] slots, List<string> personal, List<string> unknown, List<string> duplicates)
    {
        Headers = headers;
        Slots = slots;
        PersonalColumns = personal;
        UnknownColumns = unknown;
        DuplicateColumns = duplicates;
        var present = new HashSet<ExportColumn>(slots.Where(s => s is not null).Select(s => s!.Value));
        MissingRequired = ExportColumns.All.Where(c => c.Required && !present.Contains(c.Column)).Select(c => c.Column).ToList();
    }

    public IReadOnlyList<string> Headers { get; }

    /// <summary>For each physical column, the format column it holds, or null when it is dropped.</summary>
    public ExportColumn?[] Slots { get; }

    public IReadOnlyList<string> PersonalColumns { get; }
    public IReadOnlyList<string> UnknownColumns { get; }
    /// <summary>Headers naming a format column that an earlier header already named.</summary>
    public IReadOnlyList<string> DuplicateColumns { get; }
    public IReadOnlyList<ExportColumn> MissingRequired { get; }

    /// <summary>Every column that is not stored: personal first, then unknown.</summary>
    public IReadOnlyList<string> DroppedColumns => [.. PersonalColumns, .. UnknownColumns];

    /// <summary>
    /// Maps a header row. A column named by the format (its Chinese name or alias) takes precedence over one we only
    /// accept as an extra name: an export with both 立案日期 and 收案日期 reads 立案日期 and drops 收案日期 as unknown.
    /// Two headers of equal standing for one column (案号 twice, or 收案日期 and 立案时间 without 立案日期) are ambiguous.
    /// </summary>
    public static HeaderMapping Map(IReadOnlyList<string> headers)
    {
        var slots = new ExportColumn?[headers.Count];
        var personal = new List<string>();
        var unknown = new List<string>();
        var duplicates = new List<string>();
        var resolved = new (ExportColumn Column, bool FormatName)?[headers.Count];
        for (var i = 0; i < headers.Count; i++)
        {
            if (TryResolve(headers[i], out var column))
            {
                resolved[i] = (column, IsFormatName(headers[i]));
            }
        }
        var formatNamed = resolved.Where(r => r is { FormatName: true }).Select(r => r!.Value.Column).ToHashSet();
        var seen = new HashSet<ExportColumn>();
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i];
            if (resolved[i] is var (column, formatName))
            {
                if (!formatName && formatNamed.Contains(column))
                {
                    unknown.Add(header);
                }
                else if (seen.Add(column))
                {
                    slots[i] = column;
                }
                else
                {
                    duplicates.Add(header);
                }
            }
            else if (IsPersonal(header))
            {
                personal.Add(header);
            }
            else if (header.Trim().Length > 0)
            {
                unknown.Add(header);
            }
        }
        return new HeaderMapping(headers, slots, personal, unknown, duplicates);
    }

    public static bool TryResolve(string header, out ExportColumn column) => Names.TryGetValue(Key(header), out column);

    /// <summary>The header is one of the format's own names (Chinese or alias), not an extra name we also accept.</summary>
    public static bool IsFormatName(string header) => FormatNames.Contains(Key(header));

    /// <summary>
    /// A header as a column name is looked up: folded, with every space, line break, hyphen and underscore removed, so
    /// that a header Excel wrapped onto two lines (立案⏎日期) or spaced out (案 号, case number) still names its column.
    /// </summary>
    private static string Key(string header)
    {
        var folded = Fold(header);
        return folded.AsSpan().IndexOfAny(Separators) < 0 ? folded : string.Concat(folded.Where(c => !Separators.Contains(c)));
    }

    public static bool IsPersonal(string header)
    {
        var folded = Fold(header);
        foreach (var marker in PersonalMarkers)
        {
            if (folded.Contains(marker, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Case-folded, full-width ASCII to half-width, spaces and hyphens read as underscores, BOM and quotes trimmed.</summary>
    private static string Fold(string header)
    {
        var sb = new StringBuilder(header.Length);
        foreach (var raw in header.Trim().Trim('\uFEFF', '"', '\'', '*'))
        {
            var c = raw is >= '！' and <= '～' ? (char)(raw - 0xFEE0) : raw;
            if (c == '\u3000')
            {
                c = ' ';
            }
            sb.Append(c is ' ' or '-' ? '_' : char.ToLowerInvariant(c));
        }
        return sb.ToString().Trim('_');
    }

    private static Dictionary<string, ExportColumn> BuildNames()
    {
        var names = new Dictionary<string, ExportColumn>(StringComparer.Ordinal);
        foreach (var info in ExportColumns.All)
        {
            names[Key(info.ChineseName)] = info.Column;
            names[Key(info.Alias)] = info.Column;
            foreach (var extra in info.ExtraNames)
            {
                names[Key(extra)] = info.Column;
            }
        }
        return names;
    }
}
