namespace Reporting.Ingestion.Reports;

/// <summary>Text written into CSV files that people open in spreadsheet tools.</summary>
public static class SpreadsheetText
{
    /// <summary>
    /// Prefixes a single quote to a cell that a spreadsheet would run as a formula (= + - @, tab, carriage return),
    /// negative numbers included, so opening a quarantine file never executes what a court's file smuggled in.
    /// </summary>
    public static string Neutralise(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        return value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
    }

    /// <summary>RFC 4180 quoting for one field.</summary>
    public static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    public static string Cell(string? value) => Quote(Neutralise(value));
}
