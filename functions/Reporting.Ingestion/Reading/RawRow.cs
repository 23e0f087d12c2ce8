using Reporting.Ingestion.Columns;

namespace Reporting.Ingestion.Reading;

/// <summary>
/// One record as the court sent it, holding only the format's columns (dropped columns are never read into it).
/// Readers reuse one instance per file; copy what you keep.
/// </summary>
public sealed class RawRow
{
    public int RowNumber { get; set; }

    public string?[] Values { get; } = new string?[ExportColumns.Count];

    /// <summary>The cell was a number (XLSX numeric cell, JSON number), so a date column may hold an Excel serial.</summary>
    public bool[] IsNumber { get; } = new bool[ExportColumns.Count];

    /// <summary>A problem with the record itself (invalid JSON line, nested value) that makes it a row error.</summary>
    public (string Zh, string En, string? Column)? ReadError { get; set; }

    public string? this[ExportColumn column]
    {
        get => Values[(int)column];
        set => Values[(int)column] = value;
    }

    public void Clear(int rowNumber)
    {
        RowNumber = rowNumber;
        Array.Clear(Values);
        Array.Clear(IsNumber);
        ReadError = null;
    }
}
