namespace Reporting.Core.Cases;

/// <summary>Procedure stage of a case, derived from its 类型代字 (see docs/domain/indicators.md, "Case stages").</summary>
public enum CaseStage
{
    /// <summary>其他: not counted as a 件 (jurisdiction, judicial aid, review/approval, …).</summary>
    Other = 0,
    /// <summary>一审.</summary>
    First,
    /// <summary>二审.</summary>
    Appeal,
    /// <summary>再审审查.</summary>
    RetrialReview,
    /// <summary>再审.</summary>
    Retrial,
    /// <summary>执行实施.</summary>
    Enforcement,
    /// <summary>执行审查.</summary>
    EnforcementReview,
    /// <summary>非诉.</summary>
    NonContentious,
    /// <summary>破产.</summary>
    Insolvency,
    /// <summary>诉前 (outside litigation statistics).</summary>
    PreLitigation,
}

public static class CaseStages
{
    public static string ChineseName(this CaseStage stage) => stage switch
    {
        CaseStage.First => "一审",
        CaseStage.Appeal => "二审",
        CaseStage.RetrialReview => "再审审查",
        CaseStage.Retrial => "再审",
        CaseStage.Enforcement => "执行实施",
        CaseStage.EnforcementReview => "执行审查",
        CaseStage.NonContentious => "非诉",
        CaseStage.Insolvency => "破产",
        CaseStage.PreLitigation => "诉前",
        CaseStage.Other => "其他",
    };

    /// <summary>Stable identifier used in stored data.</summary>
    public static string Id(this CaseStage stage) => stage switch
    {
        CaseStage.First => "first",
        CaseStage.Appeal => "appeal",
        CaseStage.RetrialReview => "retrial-review",
        CaseStage.Retrial => "retrial",
        CaseStage.Enforcement => "enforcement",
        CaseStage.EnforcementReview => "enforcement-review",
        CaseStage.NonContentious => "non-contentious",
        CaseStage.Insolvency => "insolvency",
        CaseStage.PreLitigation => "pre-litigation",
        CaseStage.Other => "other",
    };

    public static CaseStage FromId(string id) => id switch
    {
        "first" => CaseStage.First,
        "appeal" => CaseStage.Appeal,
        "retrial-review" => CaseStage.RetrialReview,
        "retrial" => CaseStage.Retrial,
        "enforcement" => CaseStage.Enforcement,
        "enforcement-review" => CaseStage.EnforcementReview,
        "non-contentious" => CaseStage.NonContentious,
        "insolvency" => CaseStage.Insolvency,
        "pre-litigation" => CaseStage.PreLitigation,
        "other" => CaseStage.Other,
        _ => throw new ArgumentException($"Unknown case stage id '{id}'.", nameof(id)),
    };

    /// <summary>Stages whose cases count as 件 (docs/domain/indicators.md).</summary>
    public static bool IsCounted(this CaseStage stage) => stage is CaseStage.First or CaseStage.Appeal
        or CaseStage.RetrialReview or CaseStage.Retrial or CaseStage.Enforcement or CaseStage.EnforcementReview
        or CaseStage.NonContentious or CaseStage.Insolvency;
}
