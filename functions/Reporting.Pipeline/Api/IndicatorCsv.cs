using System.Globalization;
using System.Text;
using Reporting.Ingestion.Reports;
using Reporting.Pipeline.Aggregate;

namespace Reporting.Pipeline.Api;

/// <summary>
/// Indicator answers as CSV (the CLI's <c>--format csv</c> and the API's <c>?format=csv</c>): numbers unrounded in
/// invariant form, text cells that a spreadsheet would read as a formula neutralised.
/// </summary>
public static class IndicatorCsv
{
    /// <summary>The byte-order mark that makes spreadsheet tools read the file as UTF-8 (Chinese names intact).</summary>
    public static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    public static string Of(CourtIndicatorsRow row)
    {
        var sb = new StringBuilder("court,courtName,period,comparedWith,id,name,group,unit,value,display,numerator,denominator,previous,change,trend,inRange,rangeLow,rangeHigh,unusual,lowSample\n");
        foreach (var r in new[] { row }.Concat(row.Children ?? []))
        {
            foreach (var i in r.Indicators)
            {
                Line(sb, r.Court, r.CourtName, r.Period, r.ComparedWith, i.Id, i.Name, i.Group, i.Unit, N(i.Value), i.Display, N(i.Numerator), N(i.Denominator),
                    N(i.Previous), N(i.Change), i.Trend ?? "", B(i.InRange), N(i.Range?.Low), N(i.Range?.High), B(i.Unusual), B(i.LowSample));
            }
        }
        return sb.ToString();
    }

    public static string Of(IndicatorSeries series)
    {
        var sb = new StringBuilder("court,courtName,indicator,name,unit,period,value,display,inRange,unusual\n");
        foreach (var court in new[] { series.Court }.Concat(series.Children))
        {
            foreach (var p in court.Points)
            {
                Line(sb, court.Court, court.CourtName, series.Indicator, series.Name, series.Unit, p.Period, N(p.Value), p.Display, B(p.InRange), B(p.Unusual));
            }
        }
        return sb.ToString();
    }

    private static void Line(StringBuilder sb, params string[] cells) => sb.AppendLine(string.Join(',', cells.Select(SpreadsheetText.Quote)));

    private static string N(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string B(bool? value) => value switch { true => "true", false => "false", _ => "" };
}
