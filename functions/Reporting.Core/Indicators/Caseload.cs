using Reporting.Core.Cases;

namespace Reporting.Core.Indicators;

/// <summary>The five case categories of a situation report's 总体情况.</summary>
public enum CaseCategory
{
    Criminal,
    Civil,
    Administrative,
    Enforcement,
    Other,
}

/// <summary>
/// Which category a 类型代字 belongs to. Our working rule (the SPC publishes no mapping for these reports): by the
/// code's first character, 刑 → 刑事, 民 → 民事, 行 → 行政, 执 → 执行, anything else (破产, 强制清算, 非诉保全 …) → 其他.
/// Only counted cases (件) are counted, so 诉前 and 管辖 numbers stay out as they do in 案-件比.
/// </summary>
public static class CaseCategories
{
    public static IReadOnlyList<CaseCategory> All { get; } = Enum.GetValues<CaseCategory>();

    public static CaseCategory Of(string typeCode) => typeCode[0] switch
    {
        '刑' => CaseCategory.Criminal,
        '民' => CaseCategory.Civil,
        '行' => CaseCategory.Administrative,
        '执' => CaseCategory.Enforcement,
        _ => CaseCategory.Other,
    };

    public static string ChineseName(this CaseCategory category) => category switch
    {
        CaseCategory.Criminal => "刑事",
        CaseCategory.Civil => "民事",
        CaseCategory.Administrative => "行政",
        CaseCategory.Enforcement => "执行",
        CaseCategory.Other => "其他",
    };

    public static string Id(this CaseCategory category) => category switch
    {
        CaseCategory.Criminal => "criminal",
        CaseCategory.Civil => "civil",
        CaseCategory.Administrative => "administrative",
        CaseCategory.Enforcement => "enforcement",
        CaseCategory.Other => "other",
    };

    public static bool TryParseId(string id, out CaseCategory category)
    {
        foreach (var c in All)
        {
            if (c.Id() == id)
            {
                category = c;
                return true;
            }
        }
        category = default;
        return false;
    }

    /// <summary>The counting terms of one category: counted cases filed in, closed in, and pending at the end of a period.</summary>
    internal static (CaseTerm Filed, CaseTerm Closed, CaseTerm Pending) Terms(CaseCategory category)
    {
        var counted = CaseTypes.Table.Where(t => t.Stage.IsCounted() && Of(t.Code) == category).ToList();
        var stages = counted.Select(t => t.Stage).ToHashSet();
        var types = counted.Select(t => t.Code).ToHashSet(StringComparer.Ordinal);
        CaseTerm Term(CaseEvent e) => new() { Stages = stages, Types = types, Event = e };
        return (Term(CaseEvent.Filed), Term(CaseEvent.Closed), Term(CaseEvent.PendingAtEnd));
    }
}

/// <summary>Cases for one court's scope and period: filed (新收), closed (结案), pending at the end (未结).</summary>
public sealed record CaseloadCount(double Filed, double Closed, double Pending)
{
    public static CaseloadCount Sum(IEnumerable<CaseloadCount> counts) =>
        counts.Aggregate(new CaseloadCount(0, 0, 0), (sum, c) => new CaseloadCount(sum.Filed + c.Filed, sum.Closed + c.Closed, sum.Pending + c.Pending));
}
