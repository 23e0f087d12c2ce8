using System.Globalization;
using Reporting.Core.Indicators;
using Reporting.Core.Periods;

namespace Reporting.Core.Reports;

/// <summary>The report's sentences that state numbers, each built from the figures it states.</summary>
public static class ReportSentences
{
    public static string Count(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>The change from <paramref name="before"/> in percent, rounded to one decimal; null when before is 0 (no percentage change exists).</summary>
    private static double? PercentChangeValue(double now, double before) =>
        before == 0 ? null : Math.Round((now - before) / before * 100, 1, MidpointRounding.AwayFromZero);

    /// <summary>"上升5.2%", "下降1.0%", "持平"; null when the earlier figure is 0.</summary>
    public static string? PercentChange(double now, double before) => PercentChangeValue(now, before) switch
    {
        null => null,
        double up and > 0 => $"上升{up.ToString("0.0", CultureInfo.InvariantCulture)}%",
        double down and < 0 => $"下降{(-down).ToString("0.0", CultureInfo.InvariantCulture)}%",
        _ => "持平",
    };

    /// <summary>The change column of the caseload table: "+5.2%", "-1.0%", "0.0%", or "—".</summary>
    public static string PercentChangeCell(double now, double before) => PercentChangeValue(now, before) is { } change
        ? (change > 0 ? "+" : "") + change.ToString("0.0", CultureInfo.InvariantCulture) + "%"
        : "—";

    /// <summary>e.g. 2025年第二季度，全辖区新收案件1,234件，同比上升5.2%；审结1,100件，同比下降1.0%；期末未结345件，同比上升3.0%。</summary>
    public static string Caseload(Period period, string scope, CaseloadLine total, string comparisonWord)
    {
        string Part(string what, double now, double before) =>
            $"{what}{Count(now)}件，" + (PercentChange(now, before) is { } change ? comparisonWord + change : $"{comparisonWord}无可比数据");
        return $"{period.ChineseLabel()}，{scope}" + string.Join("；",
            Part("新收案件", total.Current.Filed, total.Before.Filed),
            Part("审结", total.Current.Closed, total.Before.Closed),
            Part("期末未结", total.Current.Pending, total.Before.Pending)) + "。";
    }

    /// <summary>Why an indicator is listed among 异动与弱势指标, in one sentence.</summary>
    public static string Attention(IndicatorReading reading, string comparisonWord)
    {
        var indicator = reading.Indicator;
        var earlierName = comparisonWord == "同比" ? "去年同期" : "上期";
        var text = $"{indicator.Name}为{reading.Display}";
        if (reading.Previous?.Value is { } before && reading.ShownChange is { } change)
        {
            var direction = IndicatorFormat.Rounded(indicator, change) switch { > 0 => "上升", < 0 => "下降", _ => "持平" };
            var amount = IndicatorFormat.Change(indicator, Math.Abs(change)).TrimStart('+');
            text += $"，{earlierName}为{IndicatorFormat.Display(indicator, before)}，{comparisonWord}{direction}" +
                (direction == "持平" ? "" : amount) + (reading.Trend == Trend.None ? "" : $"（{reading.Trend.ChineseName()}）");
        }
        else
        {
            text += $"，{earlierName}无可比数据";
        }
        var reasons = new List<string>();
        if (reading.InRange == false)
        {
            reasons.Add(reading.AboveRange
                ? $"高于合理区间上限{IndicatorFormat.Display(indicator, indicator.Range!.High!.Value)}"
                : $"低于合理区间下限{IndicatorFormat.Display(indicator, indicator.Range!.Low!.Value)}");
        }
        if (reading.Unusual)
        {
            reasons.Add(reading.LeftRange ? "本期离开合理区间，属异动" : "变动幅度超过异动阈值，属异动");
        }
        if (reading.LowSample)
        {
            reasons.Add($"样本不足（分母{Count(reading.Current.Denominator)}），仅供参考");
        }
        return text + (reasons.Count > 0 ? "；" + string.Join("；", reasons) : "") + "。";
    }

    /// <summary>
    /// The drill-down by 承办部门 in one sentence, e.g. 分承办部门看，涉及4个部门，其中民一庭、行政审判庭处于合理区间之外；民二庭同比趋劣。
    /// Divisions are named in the drill-down's order (by name), never by value; low-sample divisions are not judged.
    /// </summary>
    public static string Divisions(IReadOnlyList<DivisionReading> divisions, string comparisonWord)
    {
        var judged = divisions.Where(d => !d.Reading.LowSample).ToList();
        var outside = judged.Where(d => d.Reading.InRange == false).Select(d => d.Division).ToList();
        var worsening = judged.Where(d => d.Reading.Trend == Trend.Worsening).Select(d => d.Division).ToList();
        var clauses = new List<string>();
        if (outside.Count > 0)
        {
            clauses.Add($"其中{string.Join("、", outside)}处于合理区间之外");
        }
        if (worsening.Count > 0)
        {
            clauses.Add($"{string.Join("、", worsening)}{comparisonWord}趋劣");
        }
        if (clauses.Count == 0)
        {
            clauses.Add(judged.Count == 0 ? "各部门样本均不足，不作判断" : "样本充足的部门均未处于合理区间之外，也无趋劣");
        }
        return $"分承办部门看，涉及{divisions.Count}个部门，" + string.Join("；", clauses) + "。";
    }

    /// <summary>How many subordinate courts have 案-件比 inside its range; the courts are listed by code and never ranked.</summary>
    public static string Subordinates(IReadOnlyList<SubordinateCourt> courts, IndicatorCatalog catalog)
    {
        var text = $"下辖法院{courts.Count}个，下表按法院代字排列，不作排名";
        if (catalog.TryGet(SituationReportComposer.CaseMatterRatio, out var ratio) && ratio.Range is not null)
        {
            var readings = courts.Select(c => c.Readings.FirstOrDefault(r => r.Indicator.Id == ratio.Id)).ToList();
            var inRange = readings.Count(r => r?.InRange == true);
            var outOfRange = readings.Count(r => r?.InRange == false);
            text += $"。{ratio.Name}处于合理区间的{inRange}个";
            if (outOfRange > 0)
            {
                text += $"，未处于合理区间的{outOfRange}个";
            }
            var undefined = courts.Count - inRange - outOfRange;
            if (undefined > 0)
            {
                text += $"，无数据的{undefined}个";
            }
        }
        return text + "。";
    }

    public static IReadOnlyList<string> International(IndicatorReading? clearance, IndicatorReading? disposition, IReadOnlyList<PendingAgeBand> bands,
        IndicatorReading? linked, IndicatorReading? caseMatter, Period period)
    {
        var sentences = new List<string>();
        if (clearance?.Current.Value is { } cr)
        {
            sentences.Add($"按欧洲司法效率委员会（CEPEJ）口径，结案率（CR）为{clearance.Display}，" +
                (cr >= 1 ? "期内结案数不少于收案数，未结案件存量未增加。" : "期内结案数少于收案数，未结案件存量增加。"));
        }
        if (disposition?.Current.Value is not null)
        {
            sentences.Add($"案件处置时间（DT）为{disposition.Display}天。DT＝期间天数（{period.Days.ToString(CultureInfo.InvariantCulture)}天）×期末未结数" +
                $"（{Count(disposition.Current.Numerator)}件）÷期内结案数（{Count(disposition.Current.Denominator)}件），" +
                "是由存量与结案速度推算的模型值，并非实测的审理时长。");
        }
        var old = bands.Where(b => b.Reading.Indicator.Id is "pending-age-366-730" or "pending-age-731-plus").ToList();
        if (old.Count > 0 && old[0].Reading.Current.Denominator > 0)
        {
            var share = old.Sum(b => b.Reading.Current.Numerator) / old[0].Reading.Current.Denominator;
            sentences.Add($"按美国州法院中心 CourTools 第4项（未结案件账龄）口径，期末未结案件{Count(old[0].Reading.Current.Denominator)}件，" +
                $"其中立案已超过365天的{Count(old.Sum(b => b.Reading.Current.Numerator))}件，占{(share * 100).ToString("0.00", CultureInfo.InvariantCulture)}%。");
        }
        if (linked?.Current.Value is not null && caseMatter?.Current.Value is not null)
        {
            sentences.Add($"将派生案件按原审案号追溯计入源头案件所在法院，案-件比为{linked.Display}（本院口径为{caseMatter.Display}）。");
        }
        return sentences;
    }
}
