using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Reporting.Core.Courts;
using Reporting.Mail.Smtp;
using Reporting.Pipeline.Access;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Composition;
using Reporting.Storage.Azure;
using Reporting.Storage.Local;
using Reporting.Storage.Parquet;

namespace Reporting.Host.Serve;

/// <summary>
/// The local hosts' composition (<c>reporting serve</c> and every CLI command): the one composition
/// (<see cref="ReportingServices"/>) over a local folder or Azurite and SQLite or Cosmos DB. Settings have the
/// function app's names.
/// </summary>
public static class LocalServices
{
    /// <summary>The embedded defaults, or what <c>--storage</c> and <c>--store</c> chose.</summary>
    public static IHostApplicationBuilder AddLocalReporting(this IHostApplicationBuilder builder, string data,
        string storage = ServeOptions.LocalStorage, string store = ServeOptions.SqliteStore)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddReporting().AddParquetCaseFiles().AddSmtpMail();
        if (storage == ServeOptions.AzuriteStorage)
        {
            // Azurite keeps the function app's reference/ zone; a local folder keeps the CLI's registry (`reporting courts import`).
            builder.AddBlobFileStore(configuration => new BlobServiceClient(configuration[ServeOptions.StorageConnectionKey] ?? ServeOptions.AzuriteDefault));
        }
        else
        {
            builder.AddFolderFileStore(data);
        }
        if (store == ServeOptions.CosmosStore)
        {
            builder.AddCosmosStores("reporting-serve", requireKey: true);
        }
        else
        {
            builder.AddSqliteStores(data);
        }
        return builder;
    }

    /// <summary><c>reporting serve</c>: the local composition, with the in-process aggregation runner, its own API keys and the watcher's state.</summary>
    public static IHostApplicationBuilder AddServe(this IHostApplicationBuilder builder, ServeOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.AddLocalReporting(options.Data, options.Storage, options.Store);
        var services = builder.Services;
        services.AddSettings(ServeSettings.Read);
        services.AddSingleton<InProcessAggregations>();
        services.AddSingleton<IAggregationScheduler, SignalledAggregations>();
        services.AddSingleton(sp => ApiKeys(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<CourtRegistry>()));
        // Replaces the configured keys of the one composition: the same ones, or keys made up for this run.
        services.AddSingleton(sp => sp.GetRequiredService<LocalKeys>().Credentials);
        services.AddSingleton<SeenExports>();
        services.AddSingleton<PipelineSignal>();
        return builder;
    }

    /// <summary>
    /// Reporting:ApiKeys:{label}:Key and :Court (labels name a key in logs; the key itself is never logged). With none
    /// set, a fresh random key for the top court of each registry tree, valid until the host stops, so the embedded
    /// defaults work at once; <c>reporting serve</c> prints them.
    /// </summary>
    public static LocalKeys ApiKeys(IConfiguration configuration, CourtRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var configured = ReportingServices.ConfiguredApiKeys(configuration);
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
}
