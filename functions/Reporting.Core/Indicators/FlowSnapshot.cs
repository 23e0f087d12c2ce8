
namespace Reporting.Core.Indicators;

/// <summary>Serializable form of <see cref="FlowTotals"/>.</summary>
public sealed record FlowSnapshot(int BaseMonth, int Months, int Terms, IReadOnlyList<CourtFlows> Courts, int[]? Coverage);
