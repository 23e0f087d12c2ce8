using Reporting.Storage.Azure;
using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Ingest;
using Reporting.Pipeline.Reports;
using Reporting.Pipeline.Curated;

namespace Reporting.Infra.Tests;

/// <summary>
/// infra/ with the pinned Bicep CLI: every file builds and lints without an error or warning, and the compiled
/// template holds what the pipeline and docs/data-model.md rely on, without keys, secrets in outputs or broad roles.
/// </summary>
public sealed class BicepTests
{
    private static readonly string Infra = Path.Combine(RepositoryRoot(), "infra");

    private static readonly string Bicep = typeof(BicepTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BicepPath").Value!.Replace('\\', '/');

    private static readonly Lazy<JsonElement> Compiled = new(() =>
    {
        var (exit, output, error) = RunBicep("build", Path.Combine(Infra, "main.bicep"), "--stdout");
        Assert.True(exit == 0, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    });

    public static TheoryData<string> BicepFiles() => new(Directory.GetFiles(Infra, "*.bicep", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(Infra, f)).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void EveryBicepFile_BuildsAndLints_WithoutErrorsOrWarnings(string file)
    {
        var path = Path.Combine(Infra, file);
        var build = RunBicep("build", path, "--stdout");
        Assert.True(build.Exit == 0, $"bicep build {file}: {build.Error}");
        Assert.True(build.Error.Trim().Length == 0, $"bicep build {file}: {build.Error}");
        var lint = RunBicep("lint", path);
        Assert.True(lint.Exit == 0, $"bicep lint {file}: {lint.Error}{lint.Output}");
        Assert.True((lint.Error + lint.Output).Trim().Length == 0, $"bicep lint {file}: {lint.Error}{lint.Output}");
    }

    [Fact]
    public void Storage_HasAContainerForEveryZoneThePipelineWrites_AndNoSharedKeyAccess()
    {
        var account = Resources("Microsoft.Storage/storageAccounts").Single();
        Assert.False(account.GetProperty("properties").GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.False(account.GetProperty("properties").GetProperty("allowBlobPublicAccess").GetBoolean());

        var zones = Template("storage").GetProperty("parameters").GetProperty("zones").GetProperty("defaultValue").EnumerateArray().Select(z => z.GetString()).ToList();
        Assert.Subset(zones.ToHashSet(), new HashSet<string?>
        {
            IngestStoredExport.ExportZone, CuratedZone.Zone, IngestionReports.Zone, AggregationActivities.RunsZone, ReportArchive.Zone, ReferenceData.Zone,
        });
    }

    [Fact]
    public void Cosmos_IsServerlessWithKeysDisabled_AndItsContainersHaveTheStoresPartitionKeys()
    {
        var account = Resources("Microsoft.DocumentDB/databaseAccounts").Single().GetProperty("properties");
        Assert.True(account.GetProperty("disableLocalAuth").GetBoolean());
        Assert.Contains("EnableServerless", account.GetProperty("capabilities").EnumerateArray().Select(c => c.GetProperty("name").GetString()));

        var containers = Template("cosmos").GetProperty("variables").GetProperty("containers").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("partitionKey").GetString());
        Assert.Equal(new Dictionary<string, string?>
        {
            [CosmosAggregateStore.AggregatesContainer] = "/court",
            [CosmosAggregateStore.RunsContainer] = "/partition",
            [CosmosAggregateStore.LedgerContainer] = "/court",
        }, containers);
    }

    [Fact]
    public void RoleAssignments_AreDataPlaneRolesOnSingleResources_NeverOwnerOrContributor()
    {
        string[] allowed =
        [
            "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", // Storage Blob Data Owner (Functions host receipts and leases)
            "974c5e8b-45b9-4653-ba55-5f855dd0fb88", // Storage Queue Data Contributor (Durable task hub)
            "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", // Storage Table Data Contributor (Durable task hub)
            "3913510d-42f4-4e42-8a64-420c390055eb", // Monitoring Metrics Publisher
            "4633458b-17de-408a-b874-0445c86b69e6", // Key Vault Secrets User
        ];
        var assignments = Resources("Microsoft.Authorization/roleAssignments").ToList();
        Assert.NotEmpty(assignments);
        var storageRoles = Template("storage").GetProperty("variables").GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Subset(allowed.ToHashSet(), storageRoles.ToHashSet());
        foreach (var assignment in assignments)
        {
            var role = assignment.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!;
            Assert.True(role.Contains("variables('roles')", StringComparison.Ordinal) || allowed.Any(id => role.Contains(id, StringComparison.Ordinal)), role);
            Assert.True(assignment.TryGetProperty("scope", out _), "every role is scoped to one resource, not the resource group");
        }
        var cosmosRole = Resources("Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments").Single();
        Assert.Contains("00000000-0000-0000-0000-000000000002", cosmosRole.GetProperty("properties").GetProperty("roleDefinitionId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheFunctionApp_RunsAsItsIdentity_OnFlexConsumption_WithIdentityBasedConnectionsOnly()
    {
        var app = Resources("Microsoft.Web/sites").Single();
        Assert.Equal("UserAssigned", app.GetProperty("identity").GetProperty("type").GetString());
        var config = app.GetProperty("properties").GetProperty("functionAppConfig");
        Assert.Equal("dotnet-isolated", config.GetProperty("runtime").GetProperty("name").GetString());
        Assert.Equal("10.0", config.GetProperty("runtime").GetProperty("version").GetString());
        Assert.Equal("FC1", Resources("Microsoft.Web/serverfarms").Single().GetProperty("sku").GetProperty("name").GetString());

        // The settings are one expression (they read App Insights' connection string at deployment time).
        var settings = SiteConfig("appsettings").GetProperty("properties").GetString()!;
        Assert.Contains("'AzureWebJobsStorage__credential', 'managedidentity'", settings, StringComparison.Ordinal);
        Assert.Contains("'ReportingStorage__credential', 'managedidentity'", settings, StringComparison.Ordinal);
        Assert.DoesNotContain("'AzureWebJobsStorage',", settings, StringComparison.Ordinal);
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey", settings, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listKeys", settings, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void SignIn_IsOnlyConfiguredWithAClientId_ValidatesTokensWithoutRequiringThem_AndHoldsNoSecret()
    {
        var signIn = SiteConfig("authsettingsV2");
        var properties = signIn.GetProperty("properties");

        Assert.Contains("signInClientId", signIn.GetProperty("condition").GetString(), StringComparison.Ordinal);
        Assert.True(properties.GetProperty("platform").GetProperty("enabled").GetBoolean());
        // Callers with an API key carry no token: the app, not the platform, answers 401 to those without either.
        Assert.False(properties.GetProperty("globalValidation").GetProperty("requireAuthentication").GetBoolean());
        Assert.Equal("AllowAnonymous", properties.GetProperty("globalValidation").GetProperty("unauthenticatedClientAction").GetString());
        var entra = properties.GetProperty("identityProviders").GetProperty("azureActiveDirectory").GetProperty("registration");
        Assert.Contains("/v2.0", entra.GetProperty("openIdIssuer").GetString(), StringComparison.Ordinal);
        Assert.False(entra.TryGetProperty("clientSecretSettingName", out _));
    }

    [Fact]
    public void HostJson_TakesItsTaskHubFromAnAppSetting_TheAppHas_AndTheAppSetsEveryReportSetting()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "host.json")));
        var extensions = host.RootElement.GetProperty("extensions");
        var hub = extensions.GetProperty("durableTask").GetProperty("hubName").GetString()!;
        Assert.Matches("^%[A-Za-z]+%$", hub);
        Assert.Equal("AzureWebJobsStorage", extensions.GetProperty("durableTask").GetProperty("storageProvider").GetProperty("connectionName").GetString());
        Assert.InRange(extensions.GetProperty("blobs").GetProperty("poisonBlobThreshold").GetInt32(), 1, 5);

        // App settings are an expression over the module's variables: look for each name in either.
        var settings = SiteConfig("appsettings").GetProperty("properties").GetString()! + Compiled.Value.GetRawText();
        foreach (var name in new[] { hub.Trim('%'), Env(ReportSettings.MonthlyScheduleKey), Env(ReportSettings.QuarterlyScheduleKey), Env(ReportSettings.CompareKey),
                     "Reporting__Cosmos__Endpoint", "Reporting__Cosmos__Database", "ReportingStorage__blobServiceUri" })
        {
            Assert.True(settings.Contains($"'{name}'", StringComparison.Ordinal) || settings.Contains($"\"{name}\":", StringComparison.Ordinal), $"the app does not set {name}");
        }
    }

    private static string Env(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    [Fact]
    public void Outputs_AreNamesAndEndpoints_NeverSecrets()
    {
        var outputs = Compiled.Value.GetProperty("outputs").EnumerateObject().ToList();
        Assert.NotEmpty(outputs);
        foreach (var output in outputs)
        {
            Assert.DoesNotMatch("(?i)secret|password|connection|(^|_)keys?$|account_?key|instrumentation", output.Name);
            Assert.DoesNotContain("list", output.Value.GetProperty("value").GetString(), StringComparison.OrdinalIgnoreCase);
            Assert.NotEqual("securestring", output.Value.GetProperty("type").GetString(), StringComparer.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void AzdParameters_NameEveryRequiredParameterOfMain()
    {
        var parameters = JsonDocument.Parse(File.ReadAllText(Path.Combine(Infra, "main.parameters.json"))).RootElement.GetProperty("parameters");
        foreach (var parameter in Compiled.Value.GetProperty("parameters").EnumerateObject().Where(p => !p.Value.TryGetProperty("defaultValue", out _)))
        {
            Assert.True(parameters.TryGetProperty(parameter.Name, out _), $"main.parameters.json does not set {parameter.Name}");
        }
    }

    /// <summary>Every resource of a type in the compiled template, modules included.</summary>
    private static JsonElement SiteConfig(string name) =>
        Resources("Microsoft.Web/sites/config").Single(r => r.GetProperty("name").GetString()!.Contains($"'{name}'", StringComparison.Ordinal));

    private static IEnumerable<JsonElement> Resources(string type) => AllResources(Compiled.Value).Where(r => r.GetProperty("type").GetString() == type);

    private static IEnumerable<JsonElement> AllResources(JsonElement template)
    {
        var resources = template.GetProperty("resources");
        var list = resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(p => p.Value) : resources.EnumerateArray();
        foreach (var resource in list)
        {
            yield return resource;
            if (resource.GetProperty("type").GetString() == "Microsoft.Resources/deployments")
            {
                foreach (var inner in AllResources(resource.GetProperty("properties").GetProperty("template")))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>A module's compiled template, by the module's symbolic name in main.bicep (Bicep names its deployment 'name-…').</summary>
    private static JsonElement Template(string module) => AllResources(Compiled.Value)
        .Where(r => r.GetProperty("type").GetString() == "Microsoft.Resources/deployments")
        .Single(r => r.GetProperty("name").GetString()!.StartsWith($"[format('{module}-", StringComparison.Ordinal))
        .GetProperty("properties").GetProperty("template");

    private static (int Exit, string Output, string Error) RunBicep(params string[] args)
    {
        var start = new ProcessStartInfo(Bicep) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Reporting.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Reporting.sln not found above " + AppContext.BaseDirectory);
    }
}
