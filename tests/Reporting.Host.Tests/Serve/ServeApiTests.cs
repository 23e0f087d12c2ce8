using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Reporting.Host.Tests.Serve;

/// <summary>The local host's analyst API: court-scoped keys, the query's own answers, CSV and ETags, upload, reports.</summary>
[Collection(ServedProvinceCollection.Name)]
public sealed class ServeApiTests(ServedProvince served)
{
    [Fact]
    public async Task AnAnonymousRequest_Gets401_ProblemDetails()
    {
        using var client = served.Client(null);

        var answer = await client.GetAsync("api/courts/浙/indicators/2025-Q4");

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Contains("X-Api-Key", answer.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        using var wrongKey = served.Client("not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongKey.GetAsync("api/courts")).StatusCode);
    }

    [Fact]
    public async Task EveryRefusal_IsProblemDetails_ABadBody_AnUnknownRoute_AndAWrongMethod()
    {
        using var client = served.Client(ServedProvince.HighKey);

        var notJson = await client.PostAsync("api/subscriptions", new StringContent("court=浙0102", Encoding.UTF8, "application/json"));
        var unknown = await client.GetAsync("api/no-such-route");
        var wrongMethod = await client.DeleteAsync("api/me");

        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        foreach (var refused in new[] { notJson, unknown, wrongMethod })
        {
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal((int)refused.StatusCode, problem.GetProperty("status").GetInt32());
            if (refused == notJson)
            {
                Assert.True(problem.GetProperty("errors").TryGetProperty("body", out _));
            }
        }
    }

    [Theory]
    [InlineData(ServedProvince.BasicKey, "浙0102", HttpStatusCode.OK)]
    [InlineData(ServedProvince.BasicKey, "浙0103", HttpStatusCode.Forbidden)] // a sibling basic court
    [InlineData(ServedProvince.BasicKey, "浙01", HttpStatusCode.Forbidden)] // its own parent
    [InlineData(ServedProvince.Intermediate01Key, "浙0102", HttpStatusCode.OK)]
    [InlineData(ServedProvince.Intermediate01Key, "浙02", HttpStatusCode.Forbidden)] // another intermediate court
    [InlineData(ServedProvince.Intermediate01Key, "浙0202", HttpStatusCode.Forbidden)] // and its subtree
    [InlineData(ServedProvince.Intermediate02Key, "浙0202", HttpStatusCode.OK)]
    [InlineData(ServedProvince.HighKey, "浙0305", HttpStatusCode.OK)]
    public async Task ACourtSeesItselfAndBelow_Only(string key, string court, HttpStatusCode expected)
    {
        using var client = served.Client(key);

        foreach (var route in new[] { $"api/courts/{court}/indicators/2025-Q4", $"api/courts/{court}/series/case-matter-ratio", $"api/courts/{court}/reports", $"api/courts/{court}/ingestions", $"api/courts/{court}/periods" })
        {
            var answer = await client.GetAsync(route);
            Assert.True(expected == answer.StatusCode, $"{route}: {answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
            if (expected == HttpStatusCode.Forbidden)
            {
                var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
                Assert.True(problem.GetProperty("errors").TryGetProperty("court", out _));
            }
        }
    }

    [Fact]
    public async Task TheCourtTree_StartsAtTheKeysCourt()
    {
        using var client = served.Client(ServedProvince.Intermediate01Key);

        var tree = await client.GetFromJsonAsync<JsonElement>("api/courts");

        var root = Assert.Single(tree.EnumerateArray());
        Assert.Equal("浙01", root.GetProperty("code").GetString());
        Assert.Equal(["浙0102", "浙0103", "浙0104", "浙0105"], root.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Indicators_AreTheQueryCommandsJson_WithAnETag()
    {
        using var client = served.Client(ServedProvince.Intermediate01Key);
        var (exit, expected, error) = await Cli.Run("query", "--court", "浙01", "--period", "2025-Q4", "--compare", "mom", "--children", "--format", "json", "--data", served.Data);
        Assert.True(exit == 0, error);

        var answer = await client.GetAsync("api/courts/浙01/indicators/2025-Q4?compare=mom&children=true");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(Normalise(expected), Normalise(await answer.Content.ReadAsStringAsync()));
        var etag = answer.Headers.ETag;
        Assert.NotNull(etag);
        using var again = new HttpRequestMessage(HttpMethod.Get, "api/courts/浙01/indicators/2025-Q4?compare=mom&children=true");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
        using var other = new HttpRequestMessage(HttpMethod.Get, "api/courts/浙01/indicators/2025-Q4?compare=yoy&children=true");
        other.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(other)).StatusCode);
    }

    private static string Normalise(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

    [Fact]
    public async Task Csv_OnRequest_IsUtf8WithBom_AndChineseIntact()
    {
        using var client = served.Client(ServedProvince.HighKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/courts/浙/indicators/2025-Q4?children=true");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));

        var answer = await client.SendAsync(request);
        var bytes = await answer.Content.ReadAsByteArrayAsync();

        Assert.Equal("text/csv", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("court,courtName,period", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("浙,示例省高级人民法院,2025-Q4,2024-Q4,case-matter-ratio,案-件比", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("浙72,", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/courts/浙/series/case-matter-ratio?format=csv")).StatusCode);
    }

    [Theory]
    [InlineData("api/courts/浙/indicators/2025-13", "period")]
    [InlineData("api/courts/浙/indicators/2025-Q4?compare=weekly", "compare")]
    [InlineData("api/courts/浙/series/no-such-indicator", "indicator")]
    [InlineData("api/courts/浙99/indicators/2025-Q4", "court")]
    [InlineData("api/courts/浙/indicators/2025-Q4?format=xml", "format")]
    public async Task ABadRequest_NamesTheField(string route, string field)
    {
        using var client = served.Client(ServedProvince.HighKey);

        var answer = await client.GetAsync(route);

        Assert.True((int)answer.StatusCode is 400 or 404, $"{route}: {answer.StatusCode}");
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnUpload_AnswersItsIngestionReport_WithTheRowError_AndOnlyForTheKeysCourt()
    {
        using var client = served.Client(ServedProvince.BasicKey);
        var content = served.ExportWithBadCaseNumber(lastMonth: false, line: 1, "（2025）浙0102民X9999号");

        var answer = await client.PostAsync("api/courts/浙0102/exports", Upload(content, "2025-11", "补报.csv"));
        var again = await client.PostAsync("api/courts/浙0102/exports", Upload(content, "2025-11", "补报.csv"));
        var elsewhere = await client.PostAsync("api/courts/浙0103/exports", Upload(content, "2025-11", "补报.csv"));
        var noWindow = await client.PostAsync("api/courts/浙0102/exports", Upload(content, null, "补报.csv"));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var report = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("report");
        Assert.Equal("partial", report.GetProperty("status").GetString());
        var error = Assert.Single(report.GetProperty("errors").EnumerateArray());
        Assert.Equal(2, error.GetProperty("row").GetInt32());
        Assert.Equal("案号", error.GetProperty("column").GetString());
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("report").GetProperty("alreadyIngested").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noWindow.StatusCode);
        Assert.True((await noWindow.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("window", out _));
        var listed = await client.GetFromJsonAsync<JsonElement>("api/courts/浙0102/ingestions");
        Assert.Contains(listed.EnumerateArray(), r => r.GetProperty("ingestionId").GetString() == report.GetProperty("ingestionId").GetString());
        await served.WaitForAggregatesAsync();
    }

    private static MultipartFormDataContent Upload(byte[] content, string? window, string name)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", name);
        if (window is not null)
        {
            form.Add(new StringContent(window), "window");
        }
        return form;
    }

    [Fact]
    public async Task AReport_IsListedAndDownloads_AsStored()
    {
        var stored = await served.ArchivedReportAsync("浙01", "2025-Q4");
        using var client = served.Client(ServedProvince.Intermediate01Key);

        var list = await client.GetFromJsonAsync<JsonElement>("api/courts/浙01/reports");
        var download = await client.GetAsync("api/courts/浙01/reports/2025-Q4");

        Assert.Contains(list.EnumerateArray(), r => r.GetProperty("period").GetString() == "2025-Q4");
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(stored.Bytes, (await download.Content.ReadAsByteArrayAsync()).LongLength);
        Assert.Equal(stored.FileName, download.Content.Headers.ContentDisposition?.FileNameStar);
        using var sibling = served.Client(ServedProvince.Intermediate02Key);
        Assert.Equal(HttpStatusCode.Forbidden, (await sibling.GetAsync("api/courts/浙01/reports/2025-Q4")).StatusCode);
    }

    [Fact]
    public async Task TheOpenApiDocument_DescribesTheRoutes_AndTheReferencePageIsServed()
    {
        using var client = served.Client(null);

        var document = await client.GetFromJsonAsync<JsonElement>("openapi/v1.json");
        var reference = await client.GetAsync("scalar/");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/courts/{court}/indicators/{period}", paths);
        Assert.Contains("/api/courts/{court}/series/{indicator}", paths);
        Assert.Contains("/api/courts/{court}/periods", paths);
        Assert.Contains("/api/courts/{court}/exports", paths);
        Assert.Contains("/api/deliveries", paths);
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
    }
}

[CollectionDefinition(Name)]
public sealed class ServedProvinceCollection : ICollectionFixture<ServedProvince>
{
    public const string Name = "served province";
}
