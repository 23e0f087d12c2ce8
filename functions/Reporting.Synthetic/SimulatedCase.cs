using Reporting.Core.Cases;

namespace Reporting.Synthetic;

/// <summary>A case's whole life as simulated: what an export shows of it depends on the export window's end.</summary>
public sealed class SimulatedCase
{
    public required string Court { get; init; }
    public required CaseNumber Number { get; init; }
    public required DateOnly Filed { get; init; }
    public DateOnly? Closed { get; set; }
    public Disposition? Disposition { get; set; }
    public DateOnly? Deadline { get; init; }
    public CaseNumber? Origin { get; init; }
    public bool? Hearing { get; set; }
    public DateOnly? Appealed { get; set; }
    public DateOnly? Transferred { get; set; }
    public decimal? Claimed { get; init; }
    public decimal? Recovered { get; set; }
    public required string Cause { get; init; }
    public required string Division { get; init; }
    public required string Judge { get; init; }
}
