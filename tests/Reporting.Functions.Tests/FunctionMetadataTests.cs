using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Reporting.Api;
using Reporting.Functions.Aggregate;
using Reporting.Functions.Api;
using Reporting.Functions.Ingest;
using Reporting.Functions.Reports;
using Reporting.Host.Serve;
using Reporting.Pipeline.Ingest;

namespace Reporting.Functions.Tests;

/// <summary>
/// functions.metadata, which the worker SDK writes from the function attributes at build time, is what the Functions
/// host indexes: triggers, routes, connections. These tests read it as the host would, so a binding that compiles but
/// that the host would read otherwise (a wrong source, a route, a connection name) fails here.
/// </summary>
public sealed class FunctionMetadataTests
{
    /// <summary>One function as the host sees it: its name, entry point, and bindings (each a JSON object).</summary>
    public sealed record IndexedFunction(string Name, string EntryPoint, IReadOnlyList<JsonElement> Bindings)
    {
        public JsonElement? Trigger => Bindings.Cast<JsonElement?>().FirstOrDefault(b => b!.Value.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

        public string? TriggerType => Trigger?.GetProperty("type").GetString();

        public string? Property(string name) => Trigger is { } t && t.TryGetProperty(name, out var value) ? value.ToString() : null;
    }

    public static IReadOnlyList<IndexedFunction> Indexed()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return json.RootElement.EnumerateArray().Select(f => new IndexedFunction(
            f.GetProperty("name").GetString()!, f.GetProperty("entryPoint").GetString()!,
            f.GetProperty("bindings").EnumerateArray().Select(b => b.Clone()).ToList())).ToList();
    }

    private static IndexedFunction Single(string name) => Assert.Single(Indexed(), f => f.Name == name);

    [Fact]
    public void TheExportTrigger_IsAnEventGridBlobTrigger_OnTheExportContainer_WithTheAppsStorageConnection_AndTheDeployScriptSubscribesIt()
    {
        var ingest = Single(IngestionFunctions.Name);

        Assert.Equal("blobTrigger", ingest.TriggerType);
        Assert.Equal(IngestStoredExport.ExportZone + "/{court}/{window}/{name}", ingest.Property("path"));
        // Flex Consumption has no container scan: only an Event Grid source is ever triggered there.
        Assert.Equal("EventGrid", ingest.Property("source"));
        Assert.Equal(FunctionApp.StorageConnection, ingest.Property("connection"));
        Assert.Contains(ingest.Bindings, b => b.GetProperty("type").GetString() == "durableClient");
        var postDeploy = File.ReadAllText(Path.Combine(RepositoryRoot(), "scripts", "post-deploy.sh"));
        Assert.Contains($"functionName=Host.Functions.{IngestionFunctions.Name}&", postDeploy, StringComparison.Ordinal);
    }

    [Fact]
    public void TheReportTimer_TicksOnItsSchedule()
    {
        var timer = Single(ReportFunctions.Name);

        Assert.Equal("timerTrigger", timer.TriggerType);
        Assert.Equal(ReportFunctions.Tick, timer.Property("schedule"));
    }

    [Fact]
    public void TheOrchestration_IsOneOrchestratorAndTheActivitiesDurablesEngineRunsInTheTests()
    {
        var functions = Indexed();

        var orchestrator = Assert.Single(functions, f => f.TriggerType == "orchestrationTrigger");
        Assert.Equal(AggregationFunctions.Orchestrator, orchestrator.Name);
        Assert.Equal(DurableEngine.Activities.Order(), functions.Where(f => f.TriggerType == "activityTrigger").Select(f => f.Name).Order());
    }

    [Fact]
    public void EveryFunctionTakingDurablesClient_HasItBound()
    {
        var withClient = Indexed().Where(f => f.Bindings.Any(b => b.GetProperty("type").GetString() == "durableClient")).Select(f => f.Name);

        Assert.Equal(new[] { IngestionFunctions.Name, ReportFunctions.Name, "AggregationStatus", "Aggregations", "StartAggregation" }.Order(StringComparer.Ordinal), withClient.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheActivityFunctions_AreExactlyTheOrchestratorsActivityTable()
    {
        var activities = Indexed().Where(f => f.TriggerType == "activityTrigger").Select(f => f.Name).Order(StringComparer.Ordinal);

        Assert.Equal(Pipeline.Aggregate.AggregationOrchestrator.Activities.Select(a => a.Name).Order(StringComparer.Ordinal), activities);
    }

    [Fact]
    public void BothHostsServeTheOneRouteTable_EachFunctionNamedAndRoutedByItsEntry_AndTheCourtGateAloneDecidesWhoMayCall()
    {
        var http = Indexed().Where(f => f.TriggerType == "httpTrigger").ToList();
        var functionApp = http.SelectMany(f => f.Trigger!.Value.GetProperty("methods").EnumerateArray()
            .Select(m => $"{f.Name} {m.GetString()!.ToUpperInvariant()} api/{f.Property("route")}")).Order().ToList();
        var data = Directory.CreateTempSubdirectory("routes-");
        try
        {
            var app = LocalHost.Build(new ServeOptions(data.FullName, "http://127.0.0.1:0", ServeOptions.LocalStorage, ServeOptions.SqliteStore));
            var serve = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
                .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true && e.Metadata.GetMetadata<HttpMethodMetadata>() is not null)
                .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName} {m} {e.RoutePattern.RawText![1..]}"))
                .Order().ToList();
            static IEnumerable<string> Listed(IEnumerable<ApiRoute> routes) => routes.Select(r => $"{r.Name} {r.Key}");

            // Every entry of the table is a function of the index and an endpoint of serve, under one name, method and route;
            // each host has only its own routes besides (serve's upload, the function app's Durable status).
            Assert.Equal(Listed([.. AnalystRoutes.All, .. ApiFunctions.FunctionAppOnly]).Order(), functionApp);
            Assert.Equal(Listed([.. AnalystRoutes.All, .. ApiRoutes.ServeOnly]).Order(), serve);
            // A function key on top of the court gate would make clients of the two hosts differ.
            Assert.All(http, f => Assert.Equal("Anonymous", f.Property("authLevel")));
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Reporting.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Reporting.sln not found above " + AppContext.BaseDirectory);
    }
}
