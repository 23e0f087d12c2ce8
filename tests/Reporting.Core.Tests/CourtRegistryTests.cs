using Reporting.Core.Courts;

namespace Reporting.Core.Tests;

public sealed class CourtRegistryTests
{
    private static CourtRegistry Load(string csv) => CourtRegistry.Load(new StringReader(csv), "test.csv");

    private static CourtRegistryException Invalid(string csv) => Assert.Throws<CourtRegistryException>(() => Load(csv));

    [Fact]
    public void Demo_HasTheShapeTheIssueAsksFor_AndOnlyDemoNames()
    {
        var registry = CourtRegistry.Demo();
        Assert.Single(registry.Courts, c => c.Level == CourtLevel.High);
        Assert.True(registry.Courts.Count(c => c.Level == CourtLevel.Intermediate && !c.IsSpecialised) >= 3);
        Assert.True(registry.Courts.Count(c => c.Level == CourtLevel.Basic) >= 12);
        Assert.Contains(registry.Courts, c => c.IsSpecialised);
        Assert.All(registry.Courts, c => Assert.StartsWith("示例", c.Name, StringComparison.Ordinal));
    }

    [Fact]
    public void Hierarchy_ChildrenAncestorsAndScope()
    {
        var registry = CourtRegistry.Demo();
        Assert.Equal(["浙0102", "浙0103", "浙0104", "浙0105"], registry.ChildrenOf("浙01").Select(c => c.Code));
        Assert.Equal(["浙01", "浙"], registry.AncestorsOf("浙0103").Select(c => c.Code));
        Assert.Equal(["浙01", "浙0102", "浙0103", "浙0104", "浙0105"], registry.ScopeOf("浙01").Select(c => c.Code));
        Assert.Equal(registry.Courts.Count, registry.ScopeOf("浙").Count);
        Assert.Empty(registry.ChildrenOf("浙0102"));
        Assert.Throws<KeyNotFoundException>(() => registry.ChildrenOf("京"));
    }

    [Fact]
    public void Load_ParentIsTakenFromTheFile_NotFromTheCode()
    {
        var registry = Load("code,name,level,parent\n粤,高院,high,\n粤07,江门中院,intermediate,粤\n粤19,东莞中院,intermediate,粤\n粤0703,蓬江,basic,粤19\n");
        Assert.Equal("粤19", registry.Get("粤0703").Parent);
    }

    [Fact]
    public void Load_UnknownParent_IsNamed() =>
        Assert.Contains("粤99", Invalid("code,name,level,parent\n粤,高院,high,\n粤07,中院,intermediate,粤99\n").Message, StringComparison.Ordinal);

    [Fact]
    public void Load_DuplicateCode_IsNamedWithBothLines()
    {
        var error = Invalid("code,name,level,parent\n粤,高院,high,\n粤07,中院,intermediate,粤\n粤07,又一个,intermediate,粤\n");
        Assert.Contains("第4行", error.Message, StringComparison.Ordinal);
        Assert.Contains("第3行", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LevelContradictingTheCode_IsRejected() =>
        Assert.Contains("粤0703", Invalid("code,name,level,parent\n粤,高院,high,\n粤0703,蓬江,intermediate,粤\n").Message, StringComparison.Ordinal);

    [Fact]
    public void Load_Cycle_IsRejected()
    {
        // Levels forbid most cycles; a self-parent is the one the level check lets through.
        var error = Invalid("code,name,level,parent\n粤,高院,high,粤\n");
        Assert.Contains("成环", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ParentBelowChild_IsRejected() =>
        Assert.Contains("级别", Invalid("code,name,level,parent\n粤,高院,high,粤07\n粤07,中院,intermediate,\n").Message, StringComparison.Ordinal);

    [Fact]
    public void Load_BadHeaderOrMalformedCode_IsRejected()
    {
        Invalid("code,name\n粤,高院\n");
        Assert.Contains("粤7", Invalid("code,name,level,parent\n粤7,中院,intermediate,\n").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ChineseLevelNamesAndQuotedFields_AreAccepted()
    {
        var registry = Load("code,name,level,parent\n苏,\"示例, 高院\",高级,\n苏01,示例中院,中级,苏\n");
        Assert.Equal("示例, 高院", registry.Get("苏").Name);
        Assert.Equal(CourtLevel.Intermediate, registry.Get("苏01").Level);
    }
}
