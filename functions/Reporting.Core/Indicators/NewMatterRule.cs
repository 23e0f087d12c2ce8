using Reporting.Core.Cases;

namespace Reporting.Core.Indicators;

/// <summary>
/// What makes a case a 案 (a new matter) rather than only a 件: its stage or its 类型代字 opens a matter, and its
/// 原审案号 is empty or of a stage that does not (a 诉前 mediation). The catalogue's <c>newMatter</c> entry states it
/// (docs/domain/indicators.md, "New matter"); terms with <c>newMatter: true</c> count only such cases, and the linked
/// 案-件比 follows 原审案号 up to one.
/// </summary>
/// <param name="Stages">Stages whose every case opens a matter (一审, 非诉, 破产).</param>
/// <param name="Types">类型代字 that open a matter though their stage does not (执: 首次执行 of the 执行实施 stage).</param>
/// <param name="OriginStages">Stages a matter-opening case's 原审案号 may have and still be new (诉前).</param>
public sealed record NewMatterRule(IReadOnlySet<CaseStage> Stages, IReadOnlySet<string> Types, IReadOnlySet<CaseStage> OriginStages)
{
    /// <summary>The working definition, for a catalogue that states none.</summary>
    public static NewMatterRule Default { get; } = new(
        new HashSet<CaseStage> { CaseStage.First, CaseStage.NonContentious, CaseStage.Insolvency },
        new HashSet<string>(StringComparer.Ordinal) { "执" },
        new HashSet<CaseStage> { CaseStage.PreLitigation });

    public bool Holds(CaseStage stage, string? typeCode, CaseStage? originStage) =>
        (Stages.Contains(stage) || (typeCode is not null && Types.Contains(typeCode)))
        && (originStage is null || OriginStages.Contains(originStage.Value));
}
