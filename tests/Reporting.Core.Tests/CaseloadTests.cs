using System.Globalization;
using Reporting.Core.Cases;
using Reporting.Core.Courts;
using Reporting.Core.Indicators;
using Reporting.Core.Periods;

namespace Reporting.Core.Tests;

/// <summary>总体情况: counted cases filed, closed and pending by category, for a court's scope (hand-counted).</summary>
public sealed class CaseloadTests
{
    private static readonly Period Q2 = Period.Parse("2025-Q2");

    private static CaseRecord Case(string number, string filed, string? closed = null, string? origin = null) => new()
    {
        CaseNumber = CaseNumber.Parse(number),
        Court = CaseNumber.Parse(number).CourtCode,
        FilingDate = DateOnly.Parse(filed, CultureInfo.InvariantCulture),
        ClosingDate = closed is null ? null : DateOnly.Parse(closed, CultureInfo.InvariantCulture),
        Disposition = closed is null ? null : Disposition.判决,
        OriginCaseNumber = origin is null ? null : CaseNumber.Parse(origin),
    };

    private static IndicatorSheet Sheet(params CaseRecord[] cases)
    {
        var table = new CaseTable();
        foreach (var c in cases)
        {
            table.Add(c);
        }
        table.Link();
        return new IndicatorEngine(IndicatorCatalog.Default()).Compute(table, CourtRegistry.Demo());
    }

    [Fact]
    public void CountsFiledClosedAndPendingPerCategory_LeavingOutUncountedStages()
    {
        var sheet = Sheet(
            Case("（2025）浙0102刑初1号", "2025-04-01", "2025-05-01"),      // criminal: filed + closed in Q2
            Case("（2025）浙0102刑初2号", "2025-03-01"),                    // criminal: pending at the end, filed before Q2
            Case("（2025）浙0102民初1号", "2025-05-01"),                    // civil: filed, pending
            Case("（2025）浙0102民初2号", "2025-06-01", "2025-07-02"),      // civil: filed, closed after Q2 → pending
            Case("（2025）浙0102民特1号", "2025-04-10", "2025-04-20"),      // civil (non-contentious): filed + closed
            Case("（2025）浙0102行初1号", "2025-01-05", "2025-04-05"),      // administrative: closed in Q2 only
            Case("（2025）浙0102执1号", "2025-04-02", "2025-06-30"),        // enforcement
            Case("（2025）浙0102执异1号", "2025-05-02", origin: "（2025）浙0102执1号"), // enforcement review: pending
            Case("（2025）浙0102破1号", "2025-04-03"),                      // other: insolvency
            Case("（2025）浙0102民诉前调1号", "2025-04-04", "2025-04-05"),  // pre-litigation: not counted
            Case("（2025）浙0102民辖1号", "2025-04-04", "2025-04-05"));     // jurisdiction: not counted

        var caseload = sheet.Caseload("浙0102", Q2);

        Assert.Equal(CaseCategories.All.ToHashSet(), caseload.Keys.ToHashSet());
        Assert.Equal(new CaseloadCount(1, 1, 1), caseload[CaseCategory.Criminal]);
        Assert.Equal(new CaseloadCount(3, 1, 2), caseload[CaseCategory.Civil]);
        Assert.Equal(new CaseloadCount(0, 1, 0), caseload[CaseCategory.Administrative]);
        Assert.Equal(new CaseloadCount(2, 1, 1), caseload[CaseCategory.Enforcement]);
        Assert.Equal(new CaseloadCount(1, 0, 1), caseload[CaseCategory.Other]);
    }

    [Fact]
    public void AnIntermediateCourtsScope_SumsItsBaseCourts()
    {
        var sheet = Sheet(
            Case("（2025）浙0102刑初1号", "2025-04-01"),
            Case("（2025）浙0103刑初1号", "2025-04-01"),
            Case("（2025）浙01刑终1号", "2025-05-01", "2025-06-01", origin: "（2025）浙0102刑初1号"));

        var criminal = sheet.Caseload("浙01", Q2)[CaseCategory.Criminal];

        Assert.Equal(new CaseloadCount(3, 1, 2), criminal);
    }
}
