using Microsoft.Extensions.Time.Testing;
using Microsoft.AspNetCore.Http;
using Reporting.Storage.Azure;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Hosting;
using Reporting.Core.Periods;
using Reporting.Functions.Aggregate;
using Reporting.Functions.Api;
using Reporting.Functions.Ingest;
using Reporting.Functions.Reports;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Delivery;
using Reporting.Pipeline.Reports;
using Reporting.Pipeline.Files;
using Reporting.Tests.Shared;

namespace Reporting.Functions.Tests;

/// <summary>
/// The function app as the host would run it: the worker's host as <c>Program</c> builds it (<see cref="FunctionApp"/>)
/// over Azurite and the Cosmos test server, each function called with the bindings the host would hand it (a blob
/// client, Durable's client, an HTTP request, a timer), and the orchestrations it starts run by Durable's engine.
/// </summary>
public sealed class FunctionAppTests(Azurite azurite, CosmosServer cosmos, MailDev mail) : IClassFixture<Azurite>, IClassFixture<CosmosServer>, IClassFixture<MailDev>, IDisposable
{
    private const string Header = "案号,立案日期,结案日期,结案方式,审限届满日期,原审案号,是否开庭,上诉日期,移送日期,申请执行标的额,执行到位金额,案由,承办部门,承办法官";
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 1, 0, 0, TimeSpan.Zero); // 09:00 on 2 January in Beijing

    private const string ProvinceKey = "key-province-zj";
    private const string EastAnalyst = "analyst@east.example.cn";
    private const string CityAnalyst = "Analyst@City-A.example.cn";

    private readonly string _database = "functions-" + Guid.NewGuid().ToString("N")[..8];
    private IHost? _app;

    public void Dispose() => _app?.Dispose();

    private IServiceProvider App => _app!.Services;

    /// <summary>The app's services over an emptied Azurite account (tests of a class share one Azurite and run one at a time).</summary>
    private async Task<IServiceProvider> ServicesAsync(bool platformAuthenticates = true)
    {
        var account = new BlobServiceClient(azurite.ConnectionString);
        foreach (var container in account.GetBlobContainers())
        {
            var client = account.GetBlobContainerClient(container.Name);
            foreach (var blob in client.GetBlobs())
            {
                client.DeleteBlob(blob.Name);
            }
        }
        var settings = new Dictionary<string, string?>
        {
            [FunctionApp.StorageConnection] = azurite.ConnectionString,
            [CosmosSettings.EndpointKey] = cosmos.AccountEndpoint,
            [CosmosSettings.DatabaseKey] = _database,
            [SmtpSettings.HostKey] = mail.Host,
            [SmtpSettings.PortKey] = mail.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [SmtpSettings.FromKey] = "reports@example.cn",
            [SmtpSettings.SecurityKey] = "none",
            ["Reporting:ApiKeys:province:Key"] = ProvinceKey,
            ["Reporting:ApiKeys:province:Court"] = "浙",
            ["Reporting:Principals:east:Principal"] = EastAnalyst,
            ["Reporting:Principals:east:Court"] = "浙0102",
            ["Reporting:Principals:city-a:Principal"] = CityAnalyst,
            ["Reporting:Principals:city-a:Court"] = "浙01",
            [Pipeline.Access.CourtPrincipals.PlatformAuthSetting] = platformAuthenticates ? "True" : null,
        };
        _app = await TheFunctionApp.StartAsync(settings, services =>
        {
            // The test server's certificate is self-signed: its client accepts it (tests only); everything else is as composed.
            services.AddSingleton(_ => CosmosAggregateStore.OpenAsync(CosmosTestClient.Create(cosmos), _database).GetAwaiter().GetResult());
            services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        });
        return _app.Services;
    }

    private static readonly TestFunctionContext Invocation = new();

    /// <summary>Runs an HTTP function as the worker's ASP.NET Core integration does: its result written to the request's response.</summary>
    private static async Task<TestResponse> Call(Func<HttpRequest, IResult> function, TestRequest request)
    {
        await function(request.Http.Request).ExecuteAsync(request.Http);
        return new TestResponse(request.Http.Response);
    }

    /// <summary>A function's class as the worker makes one per invocation, from the app's services.</summary>
    private static T Function<T>(IServiceProvider services) where T : class => ActivatorUtilities.CreateInstance<T>(services);

    private TestRequest Request(string method, string url, string body = "") => new(App, method, url, body);

    /// <summary>A request of the province's API key.</summary>
    private TestRequest Keyed(string url, string method = "GET", string body = "") =>
        Request(method, url, body).With(Pipeline.Api.ApiGate.KeyHeader, ProvinceKey);

    /// <summary>A request as App Service authentication passes it on for a signed-in principal.</summary>
    private TestRequest SignedIn(string principal, string url) => Request("GET", url).With(Pipeline.Api.ApiGate.PrincipalHeader, principal);

    private async Task<BlobClient> UploadAsync(string court, string window, string name, string content)
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("court-exports");
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient($"{court}/{window}/{name}");
        await blob.UploadAsync(new BinaryData(Encoding.UTF8.GetBytes(content)), overwrite: true);
        return blob;
    }

    private static string Export(string court, int n, int first = 1)
    {
        var csv = new StringBuilder(Header + "\r\n");
        for (var i = first; i < first + n; i++)
        {
            csv.Append($"（2025）{court}民初{i}号,2025-10-{1 + i % 28:00},2025-12-{1 + i % 28:00},判决,2026-04-01,,,,,,,买卖合同纠纷,民一庭,示例法官\r\n");
        }
        return csv.ToString();
    }

    /// <summary>One export of n cases into an idle tree through the blob trigger, then the aggregation it started, waited for to its end.</summary>
    private async Task<OrchestrationMetadata> UploadAndAggregateAsync(IServiceProvider services, DurableTaskTestHost engine, string court, int cases)
    {
        await Function<IngestionFunctions>(services).Run(await UploadAsync(court, "2025-12", $"{court}.csv", Export(court, cases)), engine.Client, CancellationToken.None);
        var queue = await services.GetRequiredService<AggregationQueue>().ReadAsync("浙");
        var done = await engine.Client.CompletionAsync(AggregationQueue.InstanceId("浙", queue.Requested));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        return done;
    }

    [Fact]
    public async Task MissingSettings_AreNamed_AtStart()
    {
        var storage = await Assert.ThrowsAsync<FormatException>(() => TheFunctionApp.StartAsync(new Dictionary<string, string?>()));
        var cosmosError = await Assert.ThrowsAsync<FormatException>(() => TheFunctionApp.StartAsync(new Dictionary<string, string?>
        {
            [FunctionApp.StorageConnection] = azurite.ConnectionString,
        }));

        Assert.Contains("ReportingStorage__blobServiceUri", storage.Message);
        Assert.Contains("Reporting__Cosmos__Endpoint", cosmosError.Message);
    }

    [Fact]
    public async Task EveryFunctionTheHostIndexes_IsMadeFromTheAppsServices_AsTheWorkerMakesItPerInvocation()
    {
        var services = await ServicesAsync();
        var indexed = FunctionMetadataTests.Indexed();

        Assert.Contains(indexed, f => f.Name == IngestionFunctions.Name);
        foreach (var function in indexed)
        {
            var split = function.EntryPoint.LastIndexOf('.');
            var type = typeof(FunctionApp).Assembly.GetType(function.EntryPoint[..split], throwOnError: true)!;
            var method = Assert.Single(type.GetMethods(), m => m.Name == function.EntryPoint[(split + 1)..]);
            if (!method.IsStatic)
            {
                Assert.IsType(type, ActivatorUtilities.CreateInstance(services, type));
            }
        }
    }

    [Fact]
    public async Task AnUpload_IsIngested_AndStartsItsTreesAggregation_ASecondQueues_AndTheRunContinuesAsNewForIt()
    {
        var services = await ServicesAsync();
        var ingestion = Function<IngestionFunctions>(services);
        // The first run waits at its first activity until the second upload has been queued behind it.
        using var secondQueued = new ManualResetEventSlim();
        await using var engine = await DurableEngine.StartAsync(services, activity =>
        {
            if (activity == Pipeline.Aggregate.AggregationOrchestrator.Plan)
            {
                secondQueued.Wait(TimeSpan.FromMinutes(1));
            }
        });

        await ingestion.Run(await UploadAsync("浙0102", "2025-12", "a.csv", Export("浙0102", 8)), engine.Client, CancellationToken.None);
        await ingestion.Run(await UploadAsync("浙0103", "2025-12", "b.csv", Export("浙0103", 5)), engine.Client, CancellationToken.None);
        await ingestion.Run(await UploadAsync("浙0103", "2025-12", "bad.csv", "这不是导出文件\r\n"), engine.Client, CancellationToken.None);

        var queue = services.GetRequiredService<AggregationQueue>();
        Assert.Equal(("aggregate-浙-1", 2L, 1L), ((await queue.ReadAsync("浙")).Active, (await queue.ReadAsync("浙")).Requested, (await queue.ReadAsync("浙")).Running));
        var started = await engine.Client.GetInstanceAsync("aggregate-浙-1", getInputsAndOutputs: true);
        Assert.Equal(AggregationFunctions.Orchestrator, started!.Name);
        Assert.Equal("浙", started.ReadInputAs<AggregationRequest>()!.Tree);
        var files = services.GetRequiredService<IFileStore>();
        Assert.NotNull(await files.GetInfoAsync("curated/浙0102/manifest.json"));
        Assert.NotNull(await files.GetInfoAsync("curated/浙0103/manifest.json"));

        secondQueued.Set();
        var done = await engine.Client.CompletionAsync("aggregate-浙-1");

        // One instance, continued as new once for the queued upload: its last execution ran the tree's second generation.
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var outcome = done.ReadOutputAs<AggregationOutcome>()!;
        Assert.Equal(("aggregate-浙-2", 13L, false), (outcome.RunId, outcome.Cases, outcome.ContinuedAsNew));
        Assert.Null(await engine.Client.GetInstanceAsync("aggregate-浙-2"));
        var store = services.GetRequiredService<IAggregateStore>();
        Assert.Equal(["aggregate-浙-2", "aggregate-浙-1"], (await store.RunsAsync(10)).Select(r => r.RunId));
        Assert.All(await store.RunsAsync(10), r => Assert.Equal("completed", r.Status));
        Assert.NotNull(await store.GetAsync("浙0103", "2025-Q4"));
        Assert.Null((await queue.ReadAsync("浙")).Active);
    }

    [Fact]
    public async Task TheApi_AnswersAsTheAnalystApi_RefusesBadInputNamingTheField_AndStartsAndShowsAggregations()
    {
        var services = await ServicesAsync();
        await using var engine = await DurableEngine.StartAsync(services);
        await UploadAndAggregateAsync(services, engine, "浙0104", 6);
        var api = Function<ApiFunctions>(services);

        var indicators = await Call(r => api.Indicators(r, Invocation), Keyed("http://localhost/api/courts/浙0104/indicators/2025-Q4?compare=mom"));
        var bad = await Call(r => api.Indicators(r, Invocation), Keyed("http://localhost/api/courts/浙0104/indicators/2025-Q5"));
        var expected = await services.GetRequiredService<Pipeline.Api.AnalystApi>().IndicatorsAsync("浙0104", "2025-Q4", "mom", null);

        Assert.Equal(HttpStatusCode.OK, indicators.StatusCode);
        Assert.Equal(JsonSerializer.Serialize(expected.Body, Pipeline.Json.ReportingJson.Compact), indicators.Text);
        Assert.Contains("浙0104", indicators.Text); // Chinese as is, not \u-escaped
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.StartsWith("application/problem+json", bad.Header("Content-Type"));
        Assert.True(JsonDocument.Parse(bad.Text).RootElement.GetProperty("errors").TryGetProperty("period", out _));

        // A re-run asked for over HTTP: the tree is idle, so a new instance starts, and its status is readable.
        var start = await Call(r => api.StartAggregation(r, Invocation, engine.Client), Keyed("http://localhost/api/aggregations/浙0104", "POST"));

        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var ticket = JsonDocument.Parse(start.Text).RootElement;
        Assert.Equal(("浙", "aggregate-浙-2", true), (ticket.GetProperty("tree").GetString(), ticket.GetProperty("instanceId").GetString(), ticket.GetProperty("started").GetBoolean()));
        // The Location is the app's own court-scoped status route; no Durable management URL (it would carry the system key).
        Assert.Equal("http://localhost/api/aggregations/" + Uri.EscapeDataString("aggregate-浙-2"), start.Header("Location"));
        Assert.DoesNotContain("code=", start.Text + start.Header("Location"), StringComparison.Ordinal);
        await engine.Client.CompletionAsync("aggregate-浙-2");
        var status = await Call(r => api.Status(r, Invocation, engine.Client), Keyed("http://localhost/api/aggregations/aggregate-浙-2"));
        var missing = await Call(r => api.Status(r, Invocation, engine.Client), Keyed("http://localhost/api/aggregations/nope"));
        Assert.Equal("Completed", JsonDocument.Parse(status.Text).RootElement.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task TheApi_IsCourtScoped_ForAPrincipalTheSignInPlatformNames_AndForAnApiKey_AndRefusesAnonymousCalls()
    {
        var services = await ServicesAsync();
        await using var engine = await DurableEngine.StartAsync(services);
        await UploadAndAggregateAsync(services, engine, "浙0102", 4);
        var api = Function<ApiFunctions>(services);
        Task<TestResponse> Indicators(TestRequest request, string court) => Call(r => api.Indicators(r, Invocation), request);
        string Url(string court) => $"http://localhost/api/courts/{court}/indicators/2025-Q4";

        var anonymous = await Indicators(Request("GET", Url("浙0102")), "浙0102");
        var stranger = await Indicators(SignedIn("someone@example.cn", Url("浙0102")), "浙0102");
        var wrongKey = await Indicators(SignedIn(EastAnalyst, Url("浙0102")).With(Pipeline.Api.ApiGate.KeyHeader, "guess"), "浙0102");
        Assert.All([anonymous, stranger, wrongKey], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Contains("X-Api-Key", anonymous.Header("WWW-Authenticate"));

        // A basic court's analyst reads its own court, not a sibling or its intermediate court.
        Assert.Equal(HttpStatusCode.OK, (await Indicators(SignedIn(EastAnalyst, Url("浙0102")), "浙0102")).StatusCode);
        var sibling = await Indicators(SignedIn(EastAnalyst, Url("浙0103")), "浙0103");
        var parent = await Indicators(SignedIn(EastAnalyst, Url("浙01")), "浙01");
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (sibling.StatusCode, parent.StatusCode));
        Assert.True(JsonDocument.Parse(sibling.Text).RootElement.GetProperty("errors").TryGetProperty("court", out _));

        // An intermediate court's analyst (sign-in names ignore case) reads its subtree, not another intermediate court's.
        var city = CityAnalyst.ToLowerInvariant();
        Assert.Equal(HttpStatusCode.OK, (await Indicators(SignedIn(city, Url("浙0102")), "浙0102")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Indicators(SignedIn(city, Url("浙02")), "浙02")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Indicators(SignedIn(city, Url("浙0202")), "浙0202")).StatusCode);
        var me = JsonDocument.Parse((await Call(r => api.Me(r, Invocation), SignedIn(city, "http://localhost/api/me"))).Text).RootElement;
        Assert.Equal(("city-a", "浙01"), (me.GetProperty("name").GetString(), me.GetProperty("court").GetString()));
        var tree = JsonDocument.Parse((await Call(r => api.Courts(r, Invocation), SignedIn(EastAnalyst, "http://localhost/api/courts"))).Text).RootElement;
        Assert.Equal("浙0102", Assert.Single(tree.EnumerateArray()).GetProperty("code").GetString());

        // The province's API key reads every court of the province, and the same bytes as the Pipeline's answer.
        var keyed = await Indicators(Keyed(Url("浙0102")), "浙0102");
        var signedIn = await Indicators(SignedIn(EastAnalyst, Url("浙0102")), "浙0102");
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
        Assert.Equal(signedIn.Text, keyed.Text);
        var etag = keyed.Header("ETag")!;
        var again = await Indicators(Keyed(Url("浙0102")).With("If-None-Match", etag), "浙0102");
        var csv = await Indicators(Keyed(Url("浙0102") + "?format=csv"), "浙0102");
        Assert.Equal((HttpStatusCode.NotModified, 0), (again.StatusCode, again.Bytes.Length));
        Assert.Equal(Pipeline.Api.IndicatorCsv.Utf8Bom, csv.Bytes[..3]);
        Assert.StartsWith("text/csv", csv.Header("Content-Type"));
    }

    [Fact]
    public async Task EveryOtherApiFunction_AnswersWhatThePipelineAnswers_ForAKeyOfTheProvince()
    {
        var services = await ServicesAsync();
        await using var engine = await DurableEngine.StartAsync(services);
        await UploadAndAggregateAsync(services, engine, "浙0103", 5);
        var api = Function<ApiFunctions>(services);
                var pipeline = services.GetRequiredService<Pipeline.Api.AnalystApi>();
        static string Json(object? body) => JsonSerializer.Serialize(body, Pipeline.Json.ReportingJson.Compact);

        var series = await Call(r => api.Series(r, Invocation), Keyed("http://localhost/api/courts/浙01/series/closure-receipt-ratio?kind=quarter&last=2"));
        Assert.Equal(Json((await pipeline.SeriesAsync("浙01", "closure-receipt-ratio", "quarter", "2")).Body), series.Text);
        var periods = await Call(r => api.Periods(r, Invocation), Keyed("http://localhost/api/courts/浙01/periods"));
        Assert.Equal(Json((await pipeline.PeriodsAsync("浙01")).Body), periods.Text);
        Assert.Contains("2025-Q4", JsonDocument.Parse(periods.Text).RootElement.GetProperty("quarters").EnumerateArray().Select(q => q.GetString()));
        var ingestions = await Call(r => api.Ingestions(r, Invocation), Keyed("http://localhost/api/courts/浙0103/ingestions"));
        Assert.Equal(Json((await pipeline.IngestionReportsAsync("浙0103", null)).Body), ingestions.Text);
        Assert.Equal(1, JsonDocument.Parse(ingestions.Text).RootElement.GetArrayLength());
        var reports = await Call(r => api.Reports(r, Invocation), Keyed("http://localhost/api/courts/浙/reports"));
        Assert.Equal("[]", reports.Text);
        var runs = JsonDocument.Parse((await Call(r => api.Runs(r, Invocation), Keyed("http://localhost/api/runs"))).Text).RootElement;
        Assert.Equal(["aggregate-浙-1"], runs.EnumerateArray().Select(r => r.GetProperty("runId").GetString()));
        var tree = JsonDocument.Parse((await Call(r => api.Aggregations(r, Invocation, engine.Client), Keyed("http://localhost/api/aggregations"))).Text).RootElement;
        Assert.Equal(("浙", "idle"), (tree.GetProperty("tree").GetString(), tree.GetProperty("state").GetString()));
        var log = await Call(r => api.Deliveries(r, Invocation), Keyed("http://localhost/api/deliveries?court=浙"));
        Assert.Equal((HttpStatusCode.OK, "[]"), (log.StatusCode, log.Text));
        var resend = await Call(r => api.Resend(r, Invocation), Keyed("http://localhost/api/deliveries/resend", "POST", """{"court":"浙","period":"2025-Q4"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, resend.StatusCode);
        Assert.True(JsonDocument.Parse(resend.Text).RootElement.GetProperty("errors").TryGetProperty("recipient", out _));
        var nothingToResend = await Call(r => api.Resend(r, Invocation), Keyed("http://localhost/api/deliveries/resend", "POST",
            """{"court":"浙","period":"2025-Q4","recipient":"nobody@example.cn"}"""));
        Assert.Equal(HttpStatusCode.NotFound, nothingToResend.StatusCode);
    }

    [Fact]
    public async Task APrincipalHeader_IsNotBelieved_UnlessThePlatformAuthenticatesInFrontOfTheApp()
    {
        var services = await ServicesAsync(platformAuthenticates: false);
        var api = Function<ApiFunctions>(services);

        var spoofed = await Call(r => api.Me(r, Invocation), SignedIn(EastAnalyst, "http://localhost/api/me"));
        var keyed = await Call(r => api.Me(r, Invocation), Keyed("http://localhost/api/me"));

        Assert.Equal(HttpStatusCode.Unauthorized, spoofed.StatusCode);
        Assert.Equal("浙", JsonDocument.Parse(keyed.Text).RootElement.GetProperty("court").GetString());
    }

    [Fact]
    public async Task Subscriptions_AreScopedToTheCallersCourts_AndBadBodiesAreNamed()
    {
        var services = await ServicesAsync();
        var api = Function<ApiFunctions>(services);
        var east = "http://localhost/api/subscriptions";

        var own = await Call(r => api.Subscribe(r, Invocation), SignedIn(EastAnalyst, east).WithBody("""{"court":"浙0102","recipients":["president@east.example.cn"],"cadence":"monthly"}"""));
        var sibling = await Call(r => api.Subscribe(r, Invocation), SignedIn(EastAnalyst, east).WithBody("""{"court":"浙0103","recipients":["a@example.cn"],"cadence":"monthly"}"""));
        var notJson = await Call(r => api.Subscribe(r, Invocation), SignedIn(EastAnalyst, east).WithBody("court=浙0102"));
        var noRecipients = await Call(r => api.Subscribe(r, Invocation), SignedIn(EastAnalyst, east).WithBody("""{"court":"浙0102","cadence":"monthly"}"""));
        await Call(r => api.Subscribe(r, Invocation), Keyed(east, "POST", """{"court":"浙0202","recipients":["b@example.cn"],"cadence":"quarterly"}"""));

        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, sibling.StatusCode);
        Assert.True(JsonDocument.Parse(notJson.Text).RootElement.GetProperty("errors").TryGetProperty("body", out _));
        Assert.True(JsonDocument.Parse(noRecipients.Text).RootElement.GetProperty("errors").TryGetProperty("recipients", out _));
        var seenByEast = JsonDocument.Parse((await Call(r => api.Subscriptions(r, Invocation), SignedIn(EastAnalyst, east))).Text).RootElement;
        var seenByProvince = JsonDocument.Parse((await Call(r => api.Subscriptions(r, Invocation), Keyed(east))).Text).RootElement;
        Assert.Equal(["浙0102"], seenByEast.EnumerateArray().Select(e => e.GetProperty("court").GetString()));
        Assert.Equal(2, seenByProvince.GetArrayLength());

        var other = seenByProvince.EnumerateArray().Single(e => e.GetProperty("court").GetString() == "浙0202").GetProperty("id").GetString()!;
        var notEasts = await Call(r => api.Unsubscribe(r, Invocation), SignedIn(EastAnalyst, $"{east}/{other}"));
        var removed = await Call(r => api.Unsubscribe(r, Invocation), Keyed($"{east}/{other}", "DELETE"));
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NoContent), (notEasts.StatusCode, removed.StatusCode));
    }

    [Fact]
    public async Task TheTimer_WaitsWhileTheTreeIsRecounted_ThenRendersTheDueReportIntoTheArchive_MailsItToSubscribers_AndTheApiServesItForDownload()
    {
        var services = await ServicesAsync();
        using var hold = new ManualResetEventSlim(true);
        await using var engine = await DurableEngine.StartAsync(services, activity =>
        {
            if (activity == AggregationOrchestrator.Count)
            {
                hold.Wait(TimeSpan.FromMinutes(2));
            }
        });
        await UploadAndAggregateAsync(services, engine, "浙0105", 10);
        var recipient = $"president-{Guid.NewGuid():N}@example.cn";
        await services.GetRequiredService<SubscriptionStore>().AddAsync(new SubscriptionRequest("浙", [recipient], "quarterly", null));
        var root = services.GetRequiredService<Core.Courts.CourtRegistry>().TreeOf("浙0105");
        var archive = services.GetRequiredService<ReportArchive>();

        // Another court's export arrives just before the tick, and its tree's recount is still counting when the timer fires.
        hold.Reset();
        await Function<IngestionFunctions>(services).Run(await UploadAsync("浙0104", "2025-12", "浙0104.csv", Export("浙0104", 4)), engine.Client, CancellationToken.None);
        await Function<ReportFunctions>(services).Run(new Microsoft.Azure.Functions.Worker.TimerInfo(), engine.Client, CancellationToken.None);

        Assert.Null(await archive.FindAsync(root, Period.Parse("2025-Q4")));
        Assert.DoesNotContain(await mail.MailAsync(), m => m.To == recipient);

        hold.Set();
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await engine.Client.CompletionAsync(AggregationQueue.InstanceId("浙", 2))).RuntimeStatus);
        await Function<ReportFunctions>(services).Run(new Microsoft.Azure.Functions.Worker.TimerInfo(), engine.Client, CancellationToken.None);
        await Function<ReportFunctions>(services).Run(new Microsoft.Azure.Functions.Worker.TimerInfo(), engine.Client, CancellationToken.None);

        var received = Assert.Single(await mail.MailAsync(), m => m.To == recipient);
        Assert.Equal("审判态势分析报告-浙-2025-Q4.pdf", Assert.Single(received.Attachments).Name);

        Assert.NotNull(await archive.FindAsync(root, Period.Parse("2025-12")));
        Assert.NotNull(await archive.FindAsync(root, Period.Parse("2025-Q4")));
        var download = await Call(r => Function<ApiFunctions>(services).ReportDownload(r, Invocation), Keyed($"http://localhost/api/courts/{root}/reports/2025-Q4"));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Header("Content-Type"));
        Assert.Contains("filename*=UTF-8''" + Uri.EscapeDataString($"审判态势分析报告-{root}-2025-Q4.pdf"), download.Header("Content-Disposition"));
        Assert.Equal("%PDF-"u8.ToArray(), download.Bytes[..5]);
    }
}
