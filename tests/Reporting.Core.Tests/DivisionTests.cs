using System.Globalization;
using System.Text.Json;
using Reporting.Core.Cases;
using Reporting.Core.Courts;
using Reporting.Core.Indicators;
using Reporting.Core.Periods;

namespace Reporting.Core.Tests;

/// <summary>Indicators per 承办部门 (the report's drill-down), hand-counted.</summary>
public sealed class DivisionTests
{
    private static readonly Period Q2 = Period.Parse("2025-Q2");
    private static readonly IndicatorEngine Engine = new(IndicatorCatalog.Default());

    private static CaseRecord Case(string number, string? division, string filed, string? closed = null, string? origin = null,
        string? appealed = null, Disposition disposition = Disposition.判决) => new()
    {
        CaseNumber = CaseNumber.Parse(number),
        Court = CaseNumber.Parse(number).CourtCode,
        Division = division,
        FilingDate = Day(filed),
        ClosingDate = closed is null ? null : Day(closed),
        Disposition = closed is null ? null : disposition,
        OriginCaseNumber = origin is null ? null : CaseNumber.Parse(origin),
        AppealDate = appealed is null ? null : Day(appealed),
    };

    private static DateOnly Day(string text) => DateOnly.Parse(text, CultureInfo.InvariantCulture);

    private static CaseTable Table(params CaseRecord[] cases)
    {
        var table = new CaseTable();
        foreach (var c in cases)
        {
            table.Add(c);
        }
        table.Link();
        return table;
    }

    private static IndicatorValue Value(DivisionIndicators division, string id) =>
        division.Values[Engine.Catalog.Indicators.ToList().FindIndex(i => i.Id == id)];

    private static readonly CaseRecord[] TwoBaseCourts =
    [
        // 浙0102: 民一庭 closes two first-instance cases, one appealed; 民二庭 closes one; one case names no division.
        Case("（2025）浙0102民初1号", "民一庭", "2025-04-01", "2025-05-01", appealed: "2025-05-10"),
        Case("（2025）浙0102民初2号", "民一庭", "2025-04-02", "2025-05-02"),
        Case("（2025）浙0102民初3号", "民二庭", "2025-04-03", "2025-05-03"),
        Case("（2025）浙0102民初4号", null, "2025-04-04", "2025-05-04"),
        // 浙0103: 民一庭 closes one first-instance case.
        Case("（2025）浙0103民初1号", "民一庭", "2025-04-05", "2025-05-05"),
    ];

    [Fact]
    public void ABaseCourt_CountsEachDivisionsCases_AndCasesWithoutOneUnderNone()
    {
        var sheet = Engine.Compute(Table(TwoBaseCourts), CourtRegistry.Demo());

        var divisions = sheet.Divisions("浙0102", Q2);

        Assert.Equal(["民一庭", "民二庭", null], divisions.Select(d => d.Division));
        Assert.Equal(new IndicatorValue(1, 2, 0.5), Value(divisions[0], "appeal-rate"));
        Assert.Equal(new IndicatorValue(0, 1, 0), Value(divisions[1], "appeal-rate"));
        Assert.Equal(new IndicatorValue(0, 1, 0), Value(divisions[2], "appeal-rate"));
    }

    [Fact]
    public void AScope_SumsDivisionsOfTheSameName_AndTheDivisionsSumToTheCourt()
    {
        var sheet = Engine.Compute(Table(TwoBaseCourts), CourtRegistry.Demo());

        var divisions = sheet.Divisions("浙01", Q2);

        Assert.Equal(["民一庭", "民二庭", null], divisions.Select(d => d.Division));
        Assert.Equal(new IndicatorValue(1, 3, 1 / 3.0), Value(divisions[0], "appeal-rate"));
        foreach (var indicator in Engine.Catalog.Indicators)
        {
            var court = sheet.Value("浙01", Q2, indicator);
            Assert.Equal(court.Numerator, divisions.Sum(d => Value(d, indicator.Id).Numerator), 9);
            Assert.Equal(court.Denominator, divisions.Sum(d => Value(d, indicator.Id).Denominator), 9);
        }
    }

    [Fact]
    public void ACountCreditedToTheOriginalCourt_GoesToTheOriginalCasesDivision()
    {
        // 申诉申请再审率 counts a petition at the court whose judgment it challenges: the division that tried that case.
        var sheet = Engine.Compute(Table(
            Case("（2025）浙0102民初1号", "民二庭", "2025-01-02", "2025-02-01"),
            Case("（2025）浙01民申1号", "审判监督庭", "2025-04-10", origin: "（2025）浙0102民初1号")), CourtRegistry.Demo());

        var divisions = sheet.Divisions("浙0102", Q2);

        var petitions = divisions.Select(d => (d.Division, Value(d, "retrial-petition-rate").Numerator)).Where(d => d.Numerator > 0).ToList();
        Assert.Equal([("民二庭", 1.0)], petitions);
    }

    [Fact]
    public void ACourtWhoseExportsNameNoDivision_HasNoDrillDown()
    {
        var sheet = Engine.Compute(Table(
            Case("（2025）浙0102民初1号", null, "2025-04-01", "2025-05-01"),
            Case("（2025）浙0103民初1号", "民一庭", "2025-04-01", "2025-05-01")), CourtRegistry.Demo());

        Assert.Empty(sheet.Divisions("浙0102", Q2));
        // In a scope where one court names divisions, the other's cases are shown as unnamed, so the parts add up.
        Assert.Equal(["民一庭", null], sheet.Divisions("浙01", Q2).Select(d => d.Division));
    }

    [Fact]
    public void ACourtWithMoreDistinctNamesThanTheCap_CountsTheRestUnderOther()
    {
        var cases = Enumerable.Range(1, CaseTable.MaxDivisionsPerCourt + 5)
            .Select(i => Case($"（2025）浙0102民初{i}号", $"部门{i:D3}", "2025-04-01", "2025-05-01"))
            .ToArray();
        var sheet = Engine.Compute(Table(cases), CourtRegistry.Demo());

        var divisions = sheet.Divisions("浙0102", Q2);

        Assert.Equal(CaseTable.MaxDivisionsPerCourt + 1, divisions.Count);
        Assert.Equal(5, Value(divisions.Single(d => d.Division == CaseTable.OtherDivisions), "appeal-rate").Denominator);
    }

    [Fact]
    public void TheDivisionCounts_SurviveTheHandOverBetweenOrchestrationSteps()
    {
        var own = Engine.Count(Table(TwoBaseCourts));
        var json = JsonSerializer.Serialize(own.ToSnapshot(), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var restored = Engine.Sheet(JsonSerializer.Deserialize<FlowSnapshot>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!, CourtRegistry.Demo());

        var direct = Engine.Sheet(own, CourtRegistry.Demo()).Divisions("浙01", Q2);
        var handedOver = restored.Divisions("浙01", Q2);

        Assert.Equal(direct.Select(d => (d.Division, Value(d, "appeal-rate"))), handedOver.Select(d => (d.Division, Value(d, "appeal-rate"))));
    }
}
