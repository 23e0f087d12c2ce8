using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Google.Protobuf;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reporting.Storage.Azure;
using Reporting.Functions.Ingest;
using Reporting.Functions.Tests.FunctionsHost;
using Reporting.Functions.Tests.FunctionsHost.Rpc;
using Reporting.Functions.Aggregate;
using Reporting.Pipeline.Aggregate;
using Reporting.Tests.Shared;

namespace Reporting.Functions.Tests;

/// <summary>
/// The function app's build output run as its own process, as the Functions host runs it: started from
/// worker.config.json with the host's arguments, indexed and loaded over the worker protocol, and invoked with the
/// binding data the host sends (a blob's model binding data, Durable's client payload, an HTTP request). The
/// aggregation it starts runs in the worker too: the orchestrator and each activity are invoked there with the work
/// items of a task hub the worker's Durable client reaches over gRPC, as it reaches the host's Durable extension.
/// </summary>
public sealed class WorkerProcessTests(Azurite azurite, CosmosServer cosmos) : IClassFixture<Azurite>, IClassFixture<CosmosServer>
{
    private const string ProvinceKey = "key-province-zj";
    private const string Header = "案号,立案日期,结案日期,结案方式,审限届满日期,原审案号,是否开庭,上诉日期,移送日期,申请执行标的额,执行到位金额,案由,承办部门,承办法官";

    private readonly string _database = "worker-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Where the cloud workflow points these tests at the package it deploys (a dotnet publish output).</summary>
    public const string AppFolderVariable = "REPORTING_FUNCTION_APP";

    /// <summary>The published app the variable names, else the function app's build output beside this test's (same configuration and framework folders).</summary>
    private static string AppFolder()
    {
        if (Environment.GetEnvironmentVariable(AppFolderVariable) is { Length: > 0 } published)
        {
            return Path.GetFullPath(published);
        }
        var tests = new DirectoryInfo(AppContext.BaseDirectory);
        var project = tests;
        while (project is not null && !File.Exists(Path.Combine(project.FullName, "Reporting.Functions.Tests.csproj")))
        {
            project = project.Parent;
        }
        Assert.NotNull(project);
        var output = Path.GetRelativePath(project.FullName, tests.FullName);
        return Path.GetFullPath(Path.Combine(project.FullName, "..", "..", "functions", "Reporting.Functions", output));
    }

    private Dictionary<string, string> Settings() => new()
    {
        [FunctionApp.StorageConnection] = azurite.ConnectionString,
        ["AzureWebJobsStorage"] = azurite.ConnectionString,
        [CosmosSettings.EndpointKey] = cosmos.AccountEndpoint,
        [CosmosSettings.KeyKey] = CosmosServer.Key,
        [CosmosSettings.DatabaseKey] = _database,
        ["Reporting:ApiKeys:province:Key"] = ProvinceKey,
        ["Reporting:ApiKeys:province:Court"] = "浙",
    };

    [Fact]
    public async Task TheWorker_StartsAsTheHostStartsIt_IndexesAndLoadsTheFunctionsOfFunctionsMetadata_AndTakesTheTimersPayload()
    {
        var settings = Settings();
        using var app = TheFunctionApp.Build(settings.ToDictionary(s => s.Key, s => (string?)s.Value));
        await using var durable = await DurableExtension.StartAsync(app.Services.GetRequiredService<IOptions<DurableTaskWorkerOptions>>().Value.DataConverter);
        await using var worker = await WorkerProcess.StartAsync(AppFolder(), settings);

        Assert.Equal(FunctionMetadataTests.Indexed().Select(f => f.Name).Order(), worker.Functions.Keys.Order());
        var ingest = worker.Functions[IngestionFunctions.Name];
        var trigger = Assert.Single(ingest.RawBindings, b => b.Contains("blobTrigger", StringComparison.Ordinal));
        Assert.Contains("\"source\":\"EventGrid\"", trigger.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);

        // The report timer's tick, with the timer payload and Durable client the host sends: nothing is stored yet, so it renders nothing and succeeds.
        var tick = await worker.InvokeAsync(Reports.ReportFunctions.Name,
        [
            new ParameterBinding
            {
                Name = BindingNamed(worker, Reports.ReportFunctions.Name, "timerTrigger"),
                Data = new TypedData { Json = """{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":true}""" },
            },
            durable.ClientInput(BindingNamed(worker, Reports.ReportFunctions.Name, "durableClient")),
        ]);
        Assert.True(tick.Result.Status == StatusResult.Types.Status.Success, $"{tick.Result.Exception?.Message}\n{worker.Log}");
        Assert.Contains("Report timer ran late", worker.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExport_IngestedInTheWorker_AggregatesInTheWorkerThroughDurable_AndTheWorkersApiAnswersAsThePipeline()
    {
        var settings = Settings();
        var blobName = "浙0102/2025-12/浙0102-2025-12.csv";
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("court-exports");
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient(blobName).UploadAsync(new BinaryData(Encoding.UTF8.GetBytes(Export("浙0102", 7))), overwrite: true);
        // The in-process pipeline over the same storage: the reference for the worker's answers.
        using var app = await TheFunctionApp.StartAsync(settings.ToDictionary(s => s.Key, s => (string?)s.Value));
        await using var durable = await DurableExtension.StartAsync(app.Services.GetRequiredService<IOptions<DurableTaskWorkerOptions>>().Value.DataConverter);
        await using var worker = await WorkerProcess.StartAsync(AppFolder(), settings);
        durable.Dispatch(worker);

        var ingested = await worker.InvokeAsync(IngestionFunctions.Name,
        [
            new ParameterBinding { Name = BindingNamed(worker, IngestionFunctions.Name, "blobTrigger"), Data = BlobBindingData(blobName) },
            durable.ClientInput(BindingNamed(worker, IngestionFunctions.Name, "durableClient")),
        ], new Dictionary<string, TypedData>
        {
            ["court"] = new() { String = "浙0102" },
            ["window"] = new() { String = "2025-12" },
            ["name"] = new() { String = "浙0102-2025-12.csv" },
            ["BlobTrigger"] = new() { String = "court-exports/" + blobName },
        });

        Assert.True(ingested.Result.Status == StatusResult.Types.Status.Success, $"{ingested.Result.Exception?.Message}\n{worker.Log}");
        var run = await durable.CompletionAsync(AggregationQueue.InstanceId("浙", 1), worker);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, run.RuntimeStatus);
        Assert.Equal(7L, run.ReadOutputAs<AggregationOutcome>()!.Cases);

        var keyed = new Dictionary<string, string> { [Pipeline.Api.ApiGate.KeyHeader] = ProvinceKey };
        var route = new Dictionary<string, string> { ["court"] = "浙0102", ["period"] = "2025-Q4" };
        var indicators = await worker.HttpAsync("CourtIndicators", "GET", "/api/courts/浙0102/indicators/2025-Q4?compare=mom", route, keyed);
        var anonymous = await worker.HttpAsync("CourtIndicators", "GET", "/api/courts/浙0102/indicators/2025-Q4", route);
        var expected = await app.Services.GetRequiredService<Pipeline.Api.AnalystApi>().IndicatorsAsync("浙0102", "2025-Q4", "mom", null);

        Assert.True(indicators.Status == 200, indicators.Text + "\n" + worker.Log);
        Assert.Equal(JsonSerializer.Serialize(expected.Body, Pipeline.Json.ReportingJson.Compact), indicators.Text);
        Assert.StartsWith("application/json", indicators.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.True(indicators.Headers.ContainsKey("ETag"));
        Assert.Equal(401, anonymous.Status);

        // A re-run asked for over HTTP: the worker's Durable client starts the tree's next instance, which runs in the worker too.
        var start = await worker.HttpAsync("StartAggregation", "POST", "/api/aggregations/浙0102", new Dictionary<string, string> { ["court"] = "浙0102" }, keyed,
            [durable.ClientInput(BindingNamed(worker, "StartAggregation", "durableClient"))]);
        Assert.Equal(202, start.Status);
        Assert.Equal("aggregate-浙-2", JsonDocument.Parse(start.Text).RootElement.GetProperty("instanceId").GetString());
        Assert.EndsWith("/api/aggregations/" + Uri.EscapeDataString("aggregate-浙-2"), start.Headers["Location"], StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await durable.CompletionAsync("aggregate-浙-2", worker)).RuntimeStatus);
    }

    private static string BindingNamed(WorkerProcess worker, string function, string type) =>
        worker.Functions[function].Bindings.Single(b => b.Value.Type == type).Key;

    /// <summary>What the host's blob extension sends for a trigger bound to a <c>BlobClient</c>: a reference, not the content.</summary>
    private static TypedData BlobBindingData(string blobName) => new()
    {
        ModelBindingData = new ModelBindingData
        {
            Version = "1.0",
            Source = "AzureStorageBlobs",
            ContentType = "application/json",
            Content = ByteString.CopyFromUtf8(JsonSerializer.Serialize(new { Connection = FunctionApp.StorageConnection, ContainerName = "court-exports", BlobName = blobName })),
        },
    };

    private static string Export(string court, int n)
    {
        var csv = new StringBuilder(Header + "\r\n");
        for (var i = 1; i <= n; i++)
        {
            csv.Append($"（2025）{court}民初{i}号,2025-10-{1 + i % 28:00},2025-12-{1 + i % 28:00},判决,2026-04-01,,,,,,,买卖合同纠纷,民一庭,示例法官\r\n");
        }
        return csv.ToString();
    }
}
