using System.Globalization;
using Reporting.Core.Cases;

namespace Reporting.Core.Indicators;

/// <summary>
/// An indicator's definition in words, generated from its catalogue entry (the counting terms the engine runs), so the
/// appendix of a report says exactly what was counted, also for a catalogue a high court replaced.
/// </summary>
public sealed record IndicatorDescription(IndicatorDefinition Indicator, string Numerator, string Denominator, string Direction, string Range, string Unusual)
{
    private static readonly int CountedStages = Enum.GetValues<CaseStage>().Count(s => s.IsCounted());

    public static IndicatorDescription Of(IndicatorDefinition indicator) => new(
        indicator,
        Terms(indicator.Numerator),
        Terms(indicator.Denominator),
        indicator.HigherIsBetter ? "越高越好" : "越低越好",
        RangeText(indicator),
        UnusualText(indicator));

    private static string Terms(IReadOnlyList<CaseTerm> terms) => terms.Count == 0 ? "—" : string.Join(" ＋ ", terms.Select(Term));

    /// <summary>One term: when it is placed in the period, which cases, which further conditions, what is measured, where it counts.</summary>
    public static string Term(CaseTerm term)
    {
        var cases = Subject(term);
        var conditions = new List<string>();
        if (term.Dispositions is { Count: > 0 } dispositions)
        {
            conditions.Add("结案方式为" + string.Join("、", dispositions.OrderBy(d => d).Select(d => d.ToString())));
        }
        conditions.AddRange(term.Conditions.Select(Condition));
        if (term.Origin is { } origin)
        {
            if (origin.Stages is { Count: > 0 } stages)
            {
                conditions.Add("原审为" + string.Join("、", stages.OrderBy(s => s).Select(s => s.ChineseName())) + "案件");
            }
            if (origin.Types is { Count: > 0 } types)
            {
                conditions.Add("原审为" + string.Join("、", types.Order(StringComparer.Ordinal)) + "案件");
            }
            if (origin.NotStages is { Count: > 0 } notStages)
            {
                conditions.Add("原审不是" + string.Join("、", notStages.OrderBy(s => s).Select(s => s.ChineseName())) + "案件");
            }
        }
        if (term.OlderThanDays is { } older)
        {
            conditions.Add($"至期末已立案超过{older.ToString(CultureInfo.InvariantCulture)}天");
        }
        if (term.AtMostDays is { } atMost)
        {
            conditions.Add($"至期末立案不超过{atMost.ToString(CultureInfo.InvariantCulture)}天");
        }
        var text = Event(term.Event) + "的" + cases + (conditions.Count > 0 ? "（" + string.Join("，", conditions) + "）" : "") + Measure(term.Measure);
        return term.Attribution switch
        {
            Attribution.Origin => text + "，计入原审案件所在法院",
            Attribution.Root => text + "，计入源头案件所在法院",
            _ => text,
        };
    }

    private static string Subject(CaseTerm term)
    {
        var stages = term.Stages switch
        {
            null => "全部",
            var s when s.Count == CountedStages && s.All(x => x.IsCounted()) => "计入统计的",
            var s => string.Join("、", s.OrderBy(x => x).Select(x => x.ChineseName())),
        };
        var subject = term.Types is { Count: > 0 } types ? string.Join("、", types.Order(StringComparer.Ordinal)) + "案件" : stages + "案件";
        return term.NewMatterOnly ? subject + "中的新收案（“案”）" : subject;
    }

    private static string Event(CaseEvent e) => e switch
    {
        CaseEvent.Filed => "期内立案",
        CaseEvent.Closed => "期内结案",
        CaseEvent.Transferred => "期内移送上级法院",
        CaseEvent.PendingAtEnd => "期末未结",
        CaseEvent.PendingAtStart => "期初未结",
        CaseEvent.RootFiled => "源头案件期内立案",
    };

    private static string Condition(CaseCondition condition) => condition switch
    {
        CaseCondition.Appealed => "已上诉或有关联二审案件",
        CaseCondition.NotAppealedOrPetitioned => "未上诉且无关联二审、再审审查案件",
        CaseCondition.HearingHeld => "开庭审理",
        CaseCondition.HasDeadline => "有审限届满日期",
        CaseCondition.ClosedWithinDeadline => "在审限届满日期前结案",
        CaseCondition.HasClaimedAmount => "有申请执行标的额",
        CaseCondition.HasAppealAndTransferDates => "有上诉日期和移送日期",
    };

    private static string Measure(Measure measure) => measure switch
    {
        Indicators.Measure.Count => "件数",
        Indicators.Measure.ClosureDays => "的结案天数（结案日期−立案日期）之和",
        Indicators.Measure.TransferDays => "的移送天数（移送日期−上诉日期）之和",
        Indicators.Measure.RecoveredAmount => "的执行到位金额之和",
        Indicators.Measure.ClaimedAmount => "的申请执行标的额之和",
    };

    /// <summary>The reference range as a report prints it: "95.00%～99.50%", "不低于90.00%", "不高于1:1.60", "未设定".</summary>
    public static string RangeText(IndicatorDefinition indicator)
    {
        if (indicator.Range is not { } range || (range.Low is null && range.High is null))
        {
            return "未设定";
        }
        var low = range.Low is { } l ? IndicatorFormat.Display(indicator, l) : null;
        var high = range.High is { } h ? IndicatorFormat.Display(indicator, h) : null;
        return (low, high) switch
        {
            (not null, not null) => $"{low}～{high}",
            (not null, null) => $"不低于{low}",
            _ => $"不高于{high}",
        };
    }

    private static string UnusualText(IndicatorDefinition indicator)
    {
        var threshold = indicator.Unusual.Relative
            ? (indicator.Unusual.Value * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%（相对上期值）"
            : IndicatorFormat.Change(indicator, indicator.Unusual.Value).TrimStart('+');
        return $"变动超过{threshold}或离开合理区间";
    }
}
