using Reporting.Storage.Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Mail.Smtp;
using Reporting.Pipeline;
using Reporting.Pipeline.Curated;
using Reporting.Pipeline.Delivery;
using Reporting.Storage.Parquet;
using Reporting.Pipeline.Access;
using Reporting.Pipeline.Reports;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Files;
using Reporting.Pipeline.Ingest;

namespace Reporting.Functions;

/// <summary>
/// The function app's composition: the Pipeline classes over Blob Storage and Cosmos DB, from app settings (the
/// names infra/modules/functionapp.bicep sets and docs/deploy.md lists). One client of each kind per process.
/// </summary>
public static class FunctionAppServices
{
    /// <summary>The connection the blob trigger names, shared with the pipeline's file store: a connection string, or
    /// <c>ReportingStorage__blobServiceUri</c> with <c>__credential</c>/<c>__clientId</c> for a managed identity.</summary>
    public const string StorageConnection = "ReportingStorage";

    public const string CosmosEndpointKey = "Reporting:Cosmos:Endpoint";
    public const string CosmosDatabaseKey = "Reporting:Cosmos:Database";

    /// <summary>Local only (Cosmos emulator or test server): with a key the store may create its containers.</summary>
    public const string CosmosKeyKey = "Reporting:Cosmos:Key";


    public static IServiceCollection AddReporting(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IFileStore>(_ => new BlobFileStore(BlobService(configuration)));
        services.AddSingleton(_ => CosmosStore(configuration));
        services.AddSingleton<IAggregateStore>(sp => sp.GetRequiredService<CosmosAggregateStore.Adapter>());
        services.AddSingleton<IIngestionLedger>(sp => sp.GetRequiredService<CosmosAggregateStore.Adapter>());
        // Read once per process at first use: a changed registry reaches the app with its next restart (docs/operations.md).
        services.AddSingleton(sp => ReferenceData.LoadAsync(sp.GetRequiredService<IFileStore>()).GetAwaiter().GetResult());
        services.AddSingleton<ICaseFileFormat, ParquetCaseFiles>();
        services.AddSingleton<Func<SmtpSettings, IReportMailer>>(_ => smtp => new SmtpReportMailer(smtp));
        services.AddPipeline(key => configuration[key]);
        services.AddSingleton(_ => ApiKeys(configuration));
        services.AddSingleton(_ => Principals(configuration));
        return services;
    }

    /// <summary>API keys as <c>reporting serve</c> reads them: <c>Reporting:ApiKeys:{label}:Key</c> and <c>:Court</c> (in Azure, Key Vault references).</summary>
    public static CourtCredentials ApiKeys(IConfiguration configuration) =>
        new(Entries(configuration, CourtCredentials.Section).Select(c => new CourtCredential(c.Key, c["Key"] ?? "", c["Court"] ?? "")));

    /// <summary>Signed-in principals by name (<c>Reporting:Principals:{label}:Principal</c> and <c>:Court</c>), believed only behind App Service authentication.</summary>
    public static CourtPrincipals Principals(IConfiguration configuration) =>
        new(Entries(configuration, CourtPrincipals.Section).Select(c => new CourtPrincipal(c.Key, c["Principal"] ?? "", c["Court"] ?? "")),
            CourtPrincipals.IsOn(configuration[CourtPrincipals.PlatformAuthSetting]));

    private static IEnumerable<IConfigurationSection> Entries(IConfiguration configuration, string section) =>
        configuration.GetSection(section).GetChildren();

    public static BlobServiceClient BlobService(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[StorageConnection] is { Length: > 0 } connectionString)
        {
            return new BlobServiceClient(connectionString);
        }
        var section = configuration.GetSection(StorageConnection);
        var uri = section["blobServiceUri"] ?? throw Missing($"{StorageConnection} / {StorageConnection}__blobServiceUri");
        return new BlobServiceClient(new Uri(uri), Credential(section["clientId"]));
    }

    public static CosmosAggregateStore.Adapter CosmosStore(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var endpoint = configuration[CosmosEndpointKey] ?? throw Missing(CosmosEndpointKey.Replace(":", "__", StringComparison.Ordinal));
        var database = configuration[CosmosDatabaseKey] ?? "reporting";
        const string application = "reporting-functions";
        if (configuration[CosmosKeyKey] is { Length: > 0 } key)
        {
            // Local: the emulator or the test server, with the same client options as `reporting serve`.
            return CosmosAggregateStore.OpenAsync(new CosmosClient(endpoint, key, LocalCosmos.Options(endpoint, application)), database).GetAwaiter().GetResult();
        }
        // In Azure the containers come from infrastructure and the identity holds a data-plane role only.
        return CosmosAggregateStore.Open(new CosmosClient(endpoint, Credential(configuration["AZURE_CLIENT_ID"]), new CosmosClientOptions { ApplicationName = application }), database);
    }

    /// <summary>The app's user-assigned identity when its client id is set, else whatever DefaultAzureCredential finds (a developer's login).</summary>
    private static TokenCredential Credential(string? clientId) =>
        new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = string.IsNullOrEmpty(clientId) ? null : clientId });

    private static InvalidOperationException Missing(string setting) =>
        new($"缺少应用设置 {setting}（见 docs/deploy.md）/ app setting {setting} is missing (see docs/deploy.md)");
}
