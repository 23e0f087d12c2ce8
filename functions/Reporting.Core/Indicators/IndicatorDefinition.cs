using Reporting.Core.Cases;

namespace Reporting.Core.Indicators;

public enum IndicatorUnit
{
    /// <summary>A fraction shown as a percentage with the catalogue's precision.</summary>
    Percent,
    Days,
    Ratio,
    /// <summary>Shown "1:x" (案-件比).</summary>
    RatioOneTo,
}

/// <summary>Which date puts a case into a period, or the state it must be in at a period's edge.</summary>
public enum CaseEvent
{
    Filed,
    Closed,
    Transferred,
    /// <summary>Filed on or before the period's last day and not closed by then.</summary>
    PendingAtEnd,
    /// <summary>Filed before the period's first day and not closed before it.</summary>
    PendingAtStart,
    /// <summary>The filing date of the case's root matter (the linked 案-件比).</summary>
    RootFiled,
}

/// <summary>Which court a case counts toward.</summary>
public enum Attribution
{
    /// <summary>The court in its own 案号.</summary>
    Own,
    /// <summary>The court of the case it derives from (its 原审案号).</summary>
    Origin,
    /// <summary>The court of the new matter at the root of its 原审案号 chain.</summary>
    Root,
}

public enum Measure
{
    Count,
    /// <summary>结案日期 − 立案日期 in days.</summary>
    ClosureDays,
    /// <summary>移送日期 − 上诉日期 in days.</summary>
    TransferDays,
    /// <summary>执行到位金额 in yuan (missing = 0).</summary>
    RecoveredAmount,
    ClaimedAmount,
}

public enum CaseCondition
{
    /// <summary>上诉日期 is set, or a 二审 case in the data names this case as its origin.</summary>
    Appealed,
    /// <summary>No 上诉日期, and no 二审 or 再审审查 case in the data names this case as its origin.</summary>
    NotAppealedOrPetitioned,
    HearingHeld,
    HasDeadline,
    ClosedWithinDeadline,
    HasClaimedAmount,
    HasAppealAndTransferDates,
}

/// <summary>Conditions on the case a case derives from, read from its 原审案号 (so known even when that case is not in the data).</summary>
public sealed record OriginFilter(IReadOnlySet<CaseStage>? Stages, IReadOnlySet<string>? Types, IReadOnlySet<CaseStage>? NotStages)
{
    /// <param name="stage">The origin's stage, null when the case has no 原审案号.</param>
    /// <param name="type">The origin's 类型代字, null when the case has no 原审案号.</param>
    public bool Matches(CaseStage? stage, string? type)
    {
        if (NotStages is not null && stage is { } s && NotStages.Contains(s))
        {
            return false;
        }
        if (Stages is null && Types is null)
        {
            return true;
        }
        return stage is { } st && (Stages is null || Stages.Contains(st)) && (Types is null || Types.Contains(type!));
    }
}

/// <summary>One summand of a numerator or denominator: which cases, placed in a period by which event, measuring what.</summary>
public sealed record CaseTerm
{
    /// <summary>Stages that qualify (null: any); the catalogue's "counted" expands to every counted stage.</summary>
    public IReadOnlySet<CaseStage>? Stages { get; init; }
    /// <summary>类型代字 that qualify (null: any).</summary>
    public IReadOnlySet<string>? Types { get; init; }
    public bool NewMatterOnly { get; init; }
    public CaseEvent Event { get; init; }
    public IReadOnlySet<Disposition>? Dispositions { get; init; }
    public IReadOnlyList<CaseCondition> Conditions { get; init; } = [];
    public OriginFilter? Origin { get; init; }
    public Attribution Attribution { get; init; }
    public Measure Measure { get; init; }
    /// <summary>With PendingAtEnd: only cases pending more than this many days at the period's end.</summary>
    public int? OlderThanDays { get; init; }
    /// <summary>With PendingAtEnd: only cases pending at most this many days.</summary>
    public int? AtMostDays { get; init; }
}

public sealed record ReferenceRange(double? Low, double? High)
{
    public bool Contains(double value) => (Low is not { } low || value >= low) && (High is not { } high || value <= high);
}

/// <summary>An 异动 threshold: an absolute change (percentage points as a fraction, or ratio units) or a share of the earlier value.</summary>
public sealed record UnusualMove(bool Relative, double Value);

/// <summary>One indicator of the catalogue: names, group, unit, direction, counting terms, range and thresholds.</summary>
public sealed record IndicatorDefinition
{
    public required int Number { get; init; }
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string EnglishName { get; init; }
    /// <summary>质量, 效率, 效果, or 国际口径 for the extra measures.</summary>
    public required string Group { get; init; }
    public required IndicatorUnit Unit { get; init; }
    public required bool HigherIsBetter { get; init; }
    public required int Precision { get; init; }
    public ReferenceRange? Range { get; init; }
    public required UnusualMove Unusual { get; init; }
    public required int MinSample { get; init; }
    public required IReadOnlyList<CaseTerm> Numerator { get; init; }
    public required IReadOnlyList<CaseTerm> Denominator { get; init; }
    /// <summary>Not one of the 18: shown in the international comparison only.</summary>
    public bool Extra { get; init; }
    /// <summary>The value is multiplied by the period's days (CEPEJ disposition time).</summary>
    public bool ScaleByPeriodDays { get; init; }
}
