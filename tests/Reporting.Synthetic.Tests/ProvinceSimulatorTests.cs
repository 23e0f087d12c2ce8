using Reporting.Core.Cases;
using Reporting.Core.Courts;

namespace Reporting.Synthetic.Tests;

/// <summary>The demo province has every stage and every cross-court link the indicators need, at plausible rates.</summary>
public sealed class ProvinceSimulatorTests
{
    private static readonly DateOnly End = new(2025, 12, 31);
    private static readonly CourtRegistry Registry = CourtRegistry.Demo();
    private static readonly IReadOnlyList<SimulatedCase> Cases = new ProvinceSimulator(Registry, 2024, 1, new DateOnly(2024, 1, 1), End).Run();
    private static readonly Dictionary<CaseNumber, SimulatedCase> ByNumber = Cases.ToDictionary(c => c.Number);

    [Fact]
    public void EveryCountedStageAndPreLitigation_Occurs()
    {
        var stages = Cases.Select(c => c.Number.Stage).ToHashSet();
        foreach (var stage in Enum.GetValues<CaseStage>().Where(s => s != CaseStage.Other))
        {
            Assert.Contains(stage, stages);
        }
        foreach (var type in new[] { "执", "执恢", "执保", "执异", "民申", "民再", "刑终", "行终", "破申", "破", "财保", "民特" })
        {
            Assert.Contains(Cases, c => c.Number.TypeCode == type);
        }
    }

    [Fact]
    public void Appeals_AreFiledAtTheParentCourt_AfterTheTransferDate()
    {
        var appeals = Cases.Where(c => c.Number.Stage == CaseStage.Appeal).ToList();
        Assert.NotEmpty(appeals);
        foreach (var appeal in appeals)
        {
            var first = ByNumber[appeal.Origin!];
            Assert.Equal(Registry.Get(first.Court).Parent, appeal.Court);
            Assert.NotNull(first.Transferred);
            Assert.True(first.Appealed <= first.Transferred && first.Transferred <= appeal.Filed);
        }
    }

    [Fact]
    public void DerivedCases_LinkToTheirOrigins()
    {
        Assert.Contains(Cases, c => c.Number.TypeCode == "民初" && c.Origin?.TypeCode == "民终" && ByNumber[c.Origin].Disposition == Disposition.发回重审);
        Assert.Contains(Cases, c => c.Number.TypeCode == "民初" && c.Origin?.Stage == CaseStage.PreLitigation && ByNumber[c.Origin].Disposition == Disposition.调解不成);
        Assert.Contains(Cases, c => c.Number.TypeCode == "执" && c.Origin?.TypeCode == "民终");
        Assert.Contains(Cases, c => c.Number.TypeCode == "执恢" && ByNumber[c.Origin!].Disposition == Disposition.终结本次执行程序);
        Assert.All(Cases.Where(c => c.Origin is not null && ByNumber.ContainsKey(c.Origin)), c => Assert.True(ByNumber[c.Origin!].Filed <= c.Filed));
    }

    [Fact]
    public void PendingAndLongPendingCases_Exist()
    {
        Assert.Contains(Cases, c => c.Closed is null || c.Closed > End);
        Assert.Contains(Cases, c => (c.Closed ?? End.AddYears(5)) > End && End.DayNumber - c.Filed.DayNumber > 365);
    }

    [Fact]
    public void Rates_SitInTheRangesOfTheResearchNotes()
    {
        var judged = Cases.Where(c => c.Number.TypeCode == "民初" && c.Disposition is Disposition.判决 or Disposition.驳回起诉 && c.Closed <= End).ToList();
        var appealRate = (double)judged.Count(c => c.Appealed is not null) / judged.Count;
        Assert.InRange(appealRate, 0.06, 0.16);
        var civil = Cases.Where(c => c.Number.TypeCode == "民初" && c.Closed <= End).ToList();
        var mediatedOrWithdrawn = (double)civil.Count(c => c.Disposition is Disposition.调解 or Disposition.撤诉) / civil.Count;
        Assert.InRange(mediatedOrWithdrawn, 0.25, 0.55);
        var enforcement = Cases.Where(c => c.Number.TypeCode == "执" && c.Closed <= End).ToList();
        var termination = (double)enforcement.Count(c => c.Disposition == Disposition.终结本次执行程序) / enforcement.Count;
        Assert.InRange(termination, 0.2, 0.4);
        var trials = Cases.Where(c => c.Number.Stage is CaseStage.First or CaseStage.Appeal && c.Closed <= End && c.Deadline is not null).ToList();
        var onTime = (double)trials.Count(c => c.Closed <= c.Deadline) / trials.Count;
        Assert.InRange(onTime, 0.9, 0.995);
    }

    [Fact]
    public void SameSeed_SameCases()
    {
        var again = new ProvinceSimulator(Registry, 2024, 1, new DateOnly(2024, 1, 1), End).Run();
        Assert.Equal(Cases.Select(c => (c.Number, c.Filed, c.Closed, c.Disposition)), again.Select(c => (c.Number, c.Filed, c.Closed, c.Disposition)));
    }
}
