using Reporting.Storage.Azure;
using Reporting.Storage.Local;
using Azure.Storage.Blobs;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Core.Courts;
using Reporting.Host.Cli;
using Reporting.Mail.Smtp;
using Reporting.Pipeline;
using Reporting.Pipeline.Curated;
using Reporting.Pipeline.Delivery;
using Reporting.Storage.Parquet;
using Reporting.Pipeline.Access;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Reports;
using Reporting.Pipeline.Files;
using Reporting.Pipeline.Ingest;

namespace Reporting.Host.Serve;

/// <summary>Where <c>reporting serve</c> keeps things: the data folder, and which file store and aggregate store it uses.</summary>
public sealed record ServeOptions(string Data, string Urls, string Storage, string Store)
{
    public const string LocalStorage = "local";
    public const string AzuriteStorage = "azurite";
    public const string SqliteStore = "sqlite";
    public const string CosmosStore = "cosmos";

    public const string StorageConnectionKey = "Reporting:Storage:ConnectionString";
    public const string CosmosEndpointKey = "Reporting:Cosmos:Endpoint";
    public const string CosmosKeyKey = "Reporting:Cosmos:Key";
    public const string CosmosDatabaseKey = "Reporting:Cosmos:Database";
    public const string PollSecondsKey = "Reporting:Serve:PollSeconds";
    public const string TickSecondsKey = "Reporting:Serve:TickSeconds";

    /// <summary>Azurite's well-known development account on its default port.</summary>
    public const string AzuriteDefault = "UseDevelopmentStorage=true";
}

/// <summary>
/// The local host's composition: the same Pipeline classes as the function app, over a local folder or Azurite and
/// SQLite or Cosmos DB, with the in-process aggregation runner. Settings have the function app's names.
/// </summary>
public static class LocalServices
{
    public static IServiceCollection AddLocalPipeline(this IServiceCollection services, ServeOptions options, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IFileStore>(_ => options.Storage == ServeOptions.AzuriteStorage
            ? new BlobFileStore(new BlobServiceClient(configuration[ServeOptions.StorageConnectionKey] ?? ServeOptions.AzuriteDefault))
            : new LocalFileStore(options.Data));
        if (options.Store == ServeOptions.CosmosStore)
        {
            services.AddSingleton(_ => Cosmos(configuration));
            services.AddSingleton<IAggregateStore>(sp => sp.GetRequiredService<CosmosAggregateStore.Adapter>());
            services.AddSingleton<IIngestionLedger>(sp => sp.GetRequiredService<CosmosAggregateStore.Adapter>());
        }
        else
        {
            Directory.CreateDirectory(options.Data);
            services.AddSingleton(_ => new SqliteAggregateStore(Path.Combine(options.Data, DataFolder.AggregatesFile)));
            services.AddSingleton<IAggregateStore>(sp => sp.GetRequiredService<SqliteAggregateStore>());
            services.AddSingleton<IIngestionLedger>(sp => sp.GetRequiredService<SqliteAggregateStore>());
        }
        // A local folder keeps the CLI's registry (`reporting courts import`); Azurite keeps the function app's reference/ zone.
        services.AddSingleton(sp => options.Storage == ServeOptions.LocalStorage
            ? FolderReference(options.Data)
            : ReferenceData.LoadAsync(sp.GetRequiredService<IFileStore>()).GetAwaiter().GetResult());
        services.AddSingleton<ICaseFileFormat, ParquetCaseFiles>();
        services.AddSingleton<Func<SmtpSettings, IReportMailer>>(_ => smtp => new SmtpReportMailer(smtp));
        services.AddPipeline(key => configuration[key]);
        services.AddSingleton<InProcessAggregations>();
        services.AddSingleton(CourtPrincipals.None);
        services.AddSingleton<Pipeline.Api.AnswerCache>();
        services.AddSingleton(sp => ApiKeys(configuration, sp.GetRequiredService<CourtRegistry>()));
        services.AddSingleton(sp => sp.GetRequiredService<LocalKeys>().Credentials);
        services.AddSingleton<SeenExports>();
        services.AddSingleton<PipelineSignal>();
        return services;
    }

    /// <summary>The API keys in force, and those made up at start because the settings name none.</summary>
    public sealed record LocalKeys(CourtCredentials Credentials, IReadOnlyList<CourtCredential> Generated);

    /// <summary>
    /// Reporting:ApiKeys:{label}:Key and :Court (labels name a key in logs; the key itself is never logged). With none
    /// set, a fresh random key for the top court of each registry tree, valid until the host stops, so the embedded
    /// defaults work at once; <c>reporting serve</c> prints them.
    /// </summary>
    public static LocalKeys ApiKeys(IConfiguration configuration, CourtRegistry registry)
    {
        var configured = configuration.GetSection(CourtCredentials.Section).GetChildren()
            .Select(c => new CourtCredential(c.Key, c["Key"] ?? "", c["Court"] ?? "")).ToList();
        if (configured.Count > 0)
        {
            return new LocalKeys(new CourtCredentials(configured), []);
        }
        var generated = registry.Roots.OrderBy(c => c.Code, StringComparer.Ordinal)
            .Select(c => new CourtCredential($"generated-{c.Code}", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18))
                .Replace('+', '-').Replace('/', '_'), c.Code))
            .ToList();
        return new LocalKeys(new CourtCredentials(generated), generated);
    }

    private static ReferenceData FolderReference(string data)
    {
        var folder = new DataFolder(data);
        return new ReferenceData(folder.LoadRegistry(), folder.LoadCatalogue(), !folder.HasImportedRegistry);
    }

    private static CosmosAggregateStore.Adapter Cosmos(IConfiguration configuration)
    {
        var endpoint = configuration[ServeOptions.CosmosEndpointKey];
        var key = configuration[ServeOptions.CosmosKeyKey];
        if (string.IsNullOrEmpty(endpoint) || string.IsNullOrEmpty(key))
        {
            throw new InvalidOperationException(
                $"--store cosmos 需要设置 {ServeOptions.CosmosEndpointKey} 和 {ServeOptions.CosmosKeyKey} / --store cosmos needs {ServeOptions.CosmosEndpointKey} and {ServeOptions.CosmosKeyKey}");
        }
        var options = LocalCosmos.Options(endpoint, "reporting-serve");
        return CosmosAggregateStore.OpenAsync(new CosmosClient(endpoint, key, options), configuration[ServeOptions.CosmosDatabaseKey] ?? "reporting").GetAwaiter().GetResult();
    }

}
