using System.Text;
using System.Text.Json.Nodes;
using Reporting.Core.Cases;
using Reporting.Core.Courts;
using Reporting.Core.Indicators;
using Reporting.Core.Periods;

namespace Reporting.Core.Tests;

/// <summary>The 案 (new matter) rule is the catalogue's, like every other counting term.</summary>
public sealed class NewMatterRuleTests
{
    private static readonly Period Q2 = Period.Parse("2025-Q2");

    private static CaseRecord Filed(string number, string? origin = null)
    {
        var parsed = CaseNumber.Parse(number);
        return new CaseRecord
        {
            CaseNumber = parsed,
            Court = parsed.CourtCode,
            FilingDate = new DateOnly(2025, 4, 10),
            OriginCaseNumber = origin is null ? null : CaseNumber.Parse(origin),
        };
    }

    /// <summary>The shipped catalogue's text with its newMatter entry replaced.</summary>
    private static IndicatorCatalog WithRule(string ruleJson)
    {
        using var shipped = typeof(IndicatorCatalog).Assembly.GetManifestResourceStream("Reporting.Core.Indicators.catalogue.json")!;
        var catalogue = JsonNode.Parse(shipped)!.AsObject();
        catalogue["newMatter"] = JsonNode.Parse(ruleJson);
        return IndicatorCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(catalogue.ToJsonString())), "test.json");
    }

    /// <summary>
    /// 案-件比's denominator (the court's new matters filed in Q2) over two 民初, a 执 with no 原审 (an arbitral award's,
    /// say) and a 民初 after a 诉前 mediation.
    /// </summary>
    private static double Matters(IndicatorCatalog catalog)
    {
        var table = new CaseTable();
        foreach (var c in new[]
        {
            Filed("（2025）浙0102民初1号"), Filed("（2025）浙0102民初2号"), Filed("（2025）浙0102执1号"),
            Filed("（2025）浙0102民初3号", origin: "（2025）浙0102民诉前调1号"),
        })
        {
            table.Add(c);
        }
        table.Link(catalog.NewMatter);
        var sheet = new IndicatorEngine(catalog).Compute(table, CourtRegistry.Demo());
        Assert.True(catalog.TryGet("case-matter-ratio", out var ratio));
        return sheet.Value("浙0102", Q2, ratio).Denominator;
    }

    [Fact]
    public void TheShippedCatalogue_StatesTheWorkingDefinition()
    {
        var rule = IndicatorCatalog.Default().NewMatter;

        Assert.Equal([CaseStage.First, CaseStage.NonContentious, CaseStage.Insolvency], rule.Stages.Order());
        Assert.Equal(["执"], rule.Types);
        Assert.Equal([CaseStage.PreLitigation], rule.OriginStages);
        Assert.Equal(4, Matters(IndicatorCatalog.Default()));
    }

    [Fact]
    public void ACataloguesOwnRule_IsTheOneCounted()
    {
        // Without 执 among the matter-opening types, and without 诉前 as an origin a new matter may have.
        var narrower = WithRule("""{ "stages": ["first", "non-contentious", "insolvency"], "types": [], "originStages": [] }""");

        Assert.Equal(2, Matters(narrower));
    }

    [Theory]
    [InlineData("""{ "stages": ["first", "trial"] }""", "newMatter.stages")]
    [InlineData("""{ "stages": [], "types": [] }""", "newMatter.stages")]
    [InlineData("""{ "types": ["执X"] }""", "newMatter.types")]
    [InlineData("""{ "stages": ["first"], "originStages": ["mediation"] }""", "newMatter.originStages")]
    public void AMalformedRule_IsRefusedAtLoad_NamingTheField(string rule, string field)
    {
        var error = Assert.Throws<IndicatorCatalogException>(() => WithRule(rule));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }
}
