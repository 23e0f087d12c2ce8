using Reporting.Core.Cases;
using Reporting.Core.Indicators;

namespace Reporting.Core.Tests;

/// <summary>
/// Which version of a 案号 the case table keeps. The curated zone feeds it two courts at a time, row group by row
/// group, so the outcome must not depend on the order courts arrive in.
/// </summary>
public sealed class CaseTableTests
{
    private static CaseRecord Legacy(string court, string filed) => new()
    {
        // A pre-2016 字第 number names no court code, so ingestion accepts it from any court of the province.
        CaseNumber = CaseNumber.Parse("（2015）浙杭民初字第1号"),
        Court = court,
        FilingDate = DateOnly.Parse(filed, System.Globalization.CultureInfo.InvariantCulture),
    };

    private static Dictionary<string, double> FlowsByCourt(params CaseRecord[] cases)
    {
        var table = new CaseTable();
        foreach (var c in cases)
        {
            table.Add(c);
        }
        table.Link();
        var snapshot = new IndicatorEngine(IndicatorCatalog.Default()).Count(table).ToSnapshot();
        return snapshot.Courts.ToDictionary(c => c.Court, c => c.Rows.Sum(r => r.Sum()));
    }

    [Fact]
    public void ANumberInTwoCourtsFiles_IsCountedOnceAtTheCourtFirstInCodeOrder_WhicheverCameFirst()
    {
        var lowerFirst = FlowsByCourt(Legacy("浙0102", "2015-03-01"), Legacy("浙0103", "2015-04-01"));
        var higherFirst = FlowsByCourt(Legacy("浙0103", "2015-04-01"), Legacy("浙0102", "2015-03-01"));

        foreach (var flows in new[] { lowerFirst, higherFirst })
        {
            Assert.True(flows["浙0102"] > 0);
            Assert.Equal(0, flows.GetValueOrDefault("浙0103"));
        }
        Assert.Equal(lowerFirst["浙0102"], higherFirst["浙0102"]);
    }

    [Fact]
    public void ANumberTwiceFromOneCourt_KeepsTheFirstVersion()
    {
        var closedVersion = Legacy("浙0102", "2015-03-01") with { ClosingDate = new DateOnly(2015, 5, 1), Disposition = Disposition.判决 };
        var openVersion = Legacy("浙0102", "2015-03-01");

        var table = new CaseTable();
        table.Add(closedVersion);
        table.Add(openVersion);

        Assert.Equal(1, table.Count);
        Assert.NotEqual(FlowsByCourt(openVersion), FlowsByCourt(closedVersion, openVersion));
        Assert.Equal(FlowsByCourt(closedVersion), FlowsByCourt(closedVersion, openVersion));
    }
}
