using System.Reflection;
using System.Text;

namespace Reporting.Core.Courts;

public sealed class CourtRegistryException(string source, IReadOnlyList<string> problems)
    : Exception($"法院名录“{source}”有误 / court registry '{source}' is invalid:{Environment.NewLine}" + string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// The court hierarchy, loaded from a CSV <c>code,name,level,parent</c>. Parents are always read from the file:
/// basic-court codes follow administrative divisions, which do not say which intermediate court hears appeals.
/// </summary>
public sealed class CourtRegistry
{
    private readonly Dictionary<string, Court> _byCode;
    private readonly Dictionary<string, List<Court>> _children;

    private CourtRegistry(IReadOnlyList<Court> courts)
    {
        Courts = courts;
        _byCode = courts.ToDictionary(c => c.Code, StringComparer.Ordinal);
        _children = courts.Where(c => c.Parent is not null)
            .GroupBy(c => c.Parent!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.Code, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
    }

    /// <summary>Every court, in file order.</summary>
    public IReadOnlyList<Court> Courts { get; }

    public IEnumerable<Court> Roots => Courts.Where(c => c.Parent is null);

    public bool Contains(string code) => _byCode.ContainsKey(code);

    public bool TryGet(string code, out Court court) => _byCode.TryGetValue(code, out court!);

    public Court Get(string code) => _byCode.TryGetValue(code, out var court)
        ? court
        : throw new KeyNotFoundException(NotRegistered(code));

    /// <summary>What every refusal of a court the registry does not hold says.</summary>
    public static string NotRegistered(string code) => $"法院“{code}”不在法院名录中 / court '{code}' is not in the registry";

    /// <summary>Direct subordinates, ordered by code (never by any value).</summary>
    public IReadOnlyList<Court> ChildrenOf(string code)
    {
        Get(code);
        return _children.TryGetValue(code, out var list) ? list : [];
    }

    /// <summary>Parent, grandparent, … up to the root.</summary>
    public IReadOnlyList<Court> AncestorsOf(string code)
    {
        var result = new List<Court>();
        var current = Get(code);
        while (current.Parent is { } parent)
        {
            current = Get(parent);
            result.Add(current);
        }
        return result;
    }

    /// <summary>
    /// The top of the tree a court's figures roll up into: the root above it in the registry (a high court, or the
    /// national court where the registry has one). A court missing from the registry belongs to its province's tree
    /// when the registry holds that high court, else to a tree named by its province character ("" without one).
    /// Aggregation recounts whole trees: nothing outside a court's tree depends on its cases.
    /// </summary>
    public string TreeOf(string code)
    {
        if (_byCode.ContainsKey(code))
        {
            return AncestorsOf(code) is [.., var top] ? top.Code : code;
        }
        var province = CourtCode.ProvinceOf(code);
        return province == '\0' ? "" : _byCode.ContainsKey(province.ToString()) ? TreeOf(province.ToString()) : province.ToString();
    }

    /// <summary>The court and every court below it, depth first, children by code.</summary>
    public IReadOnlyList<Court> ScopeOf(string code)
    {
        var result = new List<Court>();
        var stack = new Stack<Court>();
        stack.Push(Get(code));
        while (stack.Count > 0)
        {
            var court = stack.Pop();
            result.Add(court);
            if (_children.TryGetValue(court.Code, out var kids))
            {
                for (var i = kids.Count - 1; i >= 0; i--)
                {
                    stack.Push(kids[i]);
                }
            }
        }
        return result;
    }

    /// <summary>The registry shipped for demos: 示例 courts only, so synthetic figures are never attributed to real courts.</summary>
    public static CourtRegistry Demo() => Load(new StringReader(DemoCsv()), "demo-registry.csv");

    /// <summary>The shipped demo registry as text, for writing beside generated data.</summary>
    public static string DemoCsv()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Reporting.Core.Courts.demo-registry.csv")
            ?? throw new InvalidOperationException("The demo registry resource is missing from Reporting.Core.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public static CourtRegistry Load(TextReader reader, string source)
    {
        var problems = new List<string>();
        var courts = new List<Court>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var header = reader.ReadLine()?.TrimStart('\uFEFF');
        if (header is null || !HeaderMatches(header))
        {
            throw new CourtRegistryException(source, ["第1行：表头应为 code,name,level,parent / line 1: the header must be code,name,level,parent"]);
        }
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var fields = SplitCsvLine(line);
            if (fields.Count != 4)
            {
                problems.Add($"第{lineNumber}行：应有4列，实有{fields.Count}列 / line {lineNumber}: expected 4 fields, found {fields.Count}");
                continue;
            }
            var (code, name, levelText, parentText) = (fields[0].Trim(), fields[1].Trim(), fields[2].Trim(), fields[3].Trim());
            var parent = parentText.Length == 0 ? null : parentText;
            if (!CourtCode.IsWellFormed(code))
            {
                problems.Add($"第{lineNumber}行：法院代字“{code}”格式无效 / line {lineNumber}: court code '{code}' is not well formed");
                continue;
            }
            if (name.Length == 0)
            {
                problems.Add($"第{lineNumber}行：法院“{code}”缺少名称 / line {lineNumber}: court '{code}' has no name");
            }
            if (!CourtLevels.TryParse(levelText, out var level))
            {
                problems.Add($"第{lineNumber}行：级别“{levelText}”无法识别 / line {lineNumber}: level '{levelText}' is not recognised");
                continue;
            }
            var implied = CourtCode.LevelOf(code);
            if (implied != level)
            {
                problems.Add($"第{lineNumber}行：法院代字“{code}”表示{implied.ChineseName()}法院，与级别“{levelText}”矛盾 / line {lineNumber}: code '{code}' is a {implied.Id()} court code but the level says '{levelText}'");
            }
            if (lines.TryGetValue(code, out var first))
            {
                problems.Add($"第{lineNumber}行：法院代字“{code}”与第{first}行重复 / line {lineNumber}: court code '{code}' duplicates line {first}");
                continue;
            }
            lines[code] = lineNumber;
            courts.Add(new Court(code, name, level, parent));
        }

        var byCode = courts.ToDictionary(c => c.Code, StringComparer.Ordinal);
        foreach (var court in courts)
        {
            if (court.Parent is null)
            {
                continue;
            }
            if (!byCode.TryGetValue(court.Parent, out var parent))
            {
                problems.Add($"第{lines[court.Code]}行：上级法院“{court.Parent}”不在名录中 / line {lines[court.Code]}: parent '{court.Parent}' of '{court.Code}' is not in the registry");
            }
            else if (parent.Level >= court.Level && parent.Code != court.Code)
            {
                problems.Add($"第{lines[court.Code]}行：上级法院“{parent.Code}”的级别不高于“{court.Code}” / line {lines[court.Code]}: parent '{parent.Code}' is not above '{court.Code}' in level");
            }
        }
        foreach (var court in courts)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal) { court.Code };
            var current = court;
            while (current.Parent is { } p && byCode.TryGetValue(p, out var next))
            {
                if (!seen.Add(next.Code))
                {
                    problems.Add($"第{lines[court.Code]}行：上级关系成环（{string.Join("→", seen)}→{next.Code}） / line {lines[court.Code]}: the parent chain of '{court.Code}' is a cycle");
                    break;
                }
                current = next;
            }
        }
        if (courts.Count == 0)
        {
            problems.Add("名录为空 / the registry has no courts");
        }
        if (problems.Count > 0)
        {
            throw new CourtRegistryException(source, problems);
        }
        return new CourtRegistry(courts);
    }

    private static bool HeaderMatches(string header)
    {
        var fields = SplitCsvLine(header).Select(f => f.Trim().ToLowerInvariant()).ToList();
        return fields is ["code", "name", "level", "parent"];
    }

    private static List<string> SplitCsvLine(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    sb.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    sb.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(sb.ToString());
                sb.Clear();
            }
            else
            {
                sb.Append(c);
            }
        }
        fields.Add(sb.ToString());
        return fields;
    }
}
