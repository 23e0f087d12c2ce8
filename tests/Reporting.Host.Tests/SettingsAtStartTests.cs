namespace Reporting.Host.Tests;

/// <summary>Every host reads the same settings through the one composition and refuses a malformed one before doing anything.</summary>
public sealed class SettingsAtStartTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("reporting-settings-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("Ingestion:MaxRejectedShare", "1.5", "Ingestion:MaxRejectedShare")]
    [InlineData("Reporting:Reports:Compare", "同比", "Reporting:Reports:Compare")]
    [InlineData("Reporting:Smtp:Port", "smtp", "Reporting:Smtp:Port")]
    [InlineData("Reporting:ApiKeys:high:Key", "", "“high”")]
    public async Task AMalformedSetting_StopsACommandAtStart_NamingTheSetting_AndNothingIsWritten(string name, string value, string named)
    {
        var settings = new Dictionary<string, string?> { [name] = value, ["Reporting:Smtp:Host"] = "smtp.example.cn", ["Reporting:Smtp:From"] = "r@example.cn" };
        if (name.StartsWith("Reporting:ApiKeys", StringComparison.Ordinal))
        {
            settings["Reporting:ApiKeys:high:Court"] = "浙";
        }
        var data = Path.Combine(_root, "data");

        var (exit, stdout, error) = await Cli.Run(settings, "query", "--court", "浙", "--period", "2025", "--data", data);

        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data), "a command refused at start wrote into the data folder");
    }

    [Fact]
    public async Task AMalformedServeSetting_StopsServeBeforeItListens_NamingTheSetting()
    {
        var settings = new Dictionary<string, string?> { ["Reporting:Serve:TickSeconds"] = "soon" };

        var (exit, stdout, error) = await Cli.Run(settings, "serve", "--data", Path.Combine(_root, "data"), "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, exit);
        Assert.DoesNotContain("dashboard", stdout, StringComparison.Ordinal);
        Assert.Contains("Reporting:Serve:TickSeconds", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASettingGivenToTheCommandLine_IsTheOneItsUseCasesRunWith()
    {
        // A limit read through the composition reaches ingestion: a 1 KB ceiling refuses a bigger export whole.
        var exports = Path.Combine(_root, "exports");
        Assert.Equal(0, (await Cli.Run("generate", "--out", exports, "--months", "1", "--court", "浙0102")).Exit);
        var file = Directory.EnumerateFiles(exports, "*.csv", SearchOption.AllDirectories).Single();

        var (exit, stdout, _) = await Cli.Run(new Dictionary<string, string?> { ["Ingestion:MaxFileBytes"] = "1024" },
            "ingest", file, "--data", Path.Combine(_root, "data"), "--format", "json");

        Assert.Equal(2, exit);
        Assert.Contains("\"status\": \"rejected\"", stdout, StringComparison.Ordinal);
    }
}
