using Reporting.Synthetic.Writers;

namespace Reporting.Synthetic;

/// <summary>Options of <c>reporting generate</c>. Defaults give the demo province: 24 months ending 2025-12.</summary>
public sealed record GeneratorOptions
{
    public int Months { get; init; } = 24;
    public int Seed { get; init; } = 2024;
    public double Scale { get; init; } = 1;
    /// <summary>The last month simulated (fixed, so that the same seed gives the same files whatever the date).</summary>
    public DateOnly EndMonth { get; init; } = new(2025, 12, 1);
    public ExportFileFormat Format { get; init; } = ExportFileFormat.Csv;
    /// <summary>Alias headers, mixed date and amount forms, personal and unknown columns, and a share of bad rows.</summary>
    public bool Messy { get; init; }
    /// <summary>Only this court's files.</summary>
    public string? Court { get; init; }
    /// <summary>One file per court holding every case as of the end month, instead of one file per court and month.</summary>
    public bool Snapshot { get; init; }
    /// <summary>Stop after this many data rows in all (the scale is raised to reach it).</summary>
    public long? Rows { get; init; }
}

public sealed record GeneratedFile(string Path, string Court, string Window, long Rows);
