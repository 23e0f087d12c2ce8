using Microsoft.Extensions.DependencyInjection;
using Reporting.Core.Indicators;
using Reporting.Host.Serve;
using Reporting.Ingestion;
using Reporting.Pipeline.Composition;
using Reporting.Pipeline.Reports;
using Reporting.Storage.Azure;

namespace Reporting.Functions.Tests;

/// <summary>The function app and <c>reporting serve</c> are composed by the one <c>AddReporting</c>: a setting is read once, the same way, in both.</summary>
public sealed class OneCompositionTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("one-composition-");

    public void Dispose() => _data.Delete(recursive: true);

    /// <summary>What the function app needs to start, besides the settings under test; no client is made from them.</summary>
    private static Dictionary<string, string?> FunctionAppBase() => new()
    {
        [FunctionApp.StorageConnection] = "UseDevelopmentStorage=true",
        [CosmosSettings.EndpointKey] = "https://127.0.0.1:8081/",
    };

    private Microsoft.AspNetCore.Builder.WebApplication Serve(Dictionary<string, string?> settings) =>
        LocalHost.Build(new ServeOptions(_data.FullName, "http://127.0.0.1:0", ServeOptions.LocalStorage, ServeOptions.SqliteStore), settings);

    [Fact]
    public void ASetting_ReachesBothHosts_UnderOneName_AsOneTypedValue()
    {
        var settings = new Dictionary<string, string?>
        {
            [ReportSettings.CompareKey] = "mom",
            [ReportSettings.CourtsKey] = "浙01",
            ["Ingestion:MaxFileBytes"] = "1048576",
        };
        using var functionApp = TheFunctionApp.Build(new Dictionary<string, string?>(FunctionAppBase().Concat(settings)));
        var serve = Serve(settings);

        foreach (var services in new[] { functionApp.Services, serve.Services })
        {
            var reports = services.GetRequiredService<ReportSettings>();
            Assert.Equal((Comparison.PeriodOnPeriod, "浙01"), (reports.Comparison, Assert.Single(reports.Courts)));
            Assert.Equal(1_048_576, services.GetRequiredService<IngestionLimits>().MaxFileBytes);
        }
    }

    [Fact]
    public async Task AMalformedSetting_StopsBothHostsAtStart_NamingIt()
    {
        var bad = new Dictionary<string, string?> { ["Reporting:Smtp:Host"] = "smtp.example.cn", ["Reporting:Smtp:From"] = "r@example.cn", ["Reporting:Smtp:Port"] = "smtp" };

        var inFunctionApp = await Assert.ThrowsAsync<FormatException>(() => TheFunctionApp.StartAsync(new Dictionary<string, string?>(FunctionAppBase().Concat(bad))));
        await using var serve = Serve(bad);
        var inServe = await Assert.ThrowsAsync<FormatException>(() => serve.RunStartupWorkAsync());

        Assert.All([inFunctionApp.Message, inServe.Message], m => Assert.Contains("Reporting:Smtp:Port", m, StringComparison.Ordinal));
    }
}
