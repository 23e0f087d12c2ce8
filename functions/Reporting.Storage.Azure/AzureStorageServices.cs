using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Composition;
using Reporting.Pipeline.Files;
using Reporting.Pipeline.Ingest;

namespace Reporting.Storage.Azure;

/// <summary>What runs in Azure as a host's edges: Blob Storage for files, Cosmos DB for aggregates and the ledger. One client of each kind per process.</summary>
public static class AzureStorageServices
{
    /// <summary>The file store on the Blob service <paramref name="client"/> makes from the settings.</summary>
    public static IHostApplicationBuilder AddBlobFileStore(this IHostApplicationBuilder builder, Func<IConfiguration, BlobServiceClient> client)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSettings(client);
        builder.Services.AddSingleton<IFileStore>(sp => new BlobFileStore(sp.GetRequiredService<BlobServiceClient>()));
        return builder;
    }

    /// <summary>
    /// Aggregates, run records and the ledger in Cosmos DB (<see cref="CosmosSettings"/>). A keyed endpoint gets its
    /// database and containers created at start; an Azure account is reached by the app's identity, which holds a
    /// data-plane role only, so nothing is created and no request goes out before the first read or write.
    /// </summary>
    /// <param name="applicationName">Sent with every request, to tell the hosts apart in the account's diagnostics.</param>
    public static IHostApplicationBuilder AddCosmosStores(this IHostApplicationBuilder builder, string applicationName, bool requireKey = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSettings(configuration => CosmosSettings.Read(configuration, requireKey));
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<CosmosSettings>();
            return settings.Key is { } key
                ? new CosmosClient(settings.Endpoint, key, LocalCosmos.Options(settings.Endpoint, applicationName))
                : new CosmosClient(settings.Endpoint, Credential(settings.ClientId), new CosmosClientOptions { ApplicationName = applicationName });
        });
        services.AddSingleton(sp => CosmosAggregateStore.Open(sp.GetRequiredService<CosmosClient>(), sp.GetRequiredService<CosmosSettings>().Database));
        services.AddSingleton<IAggregateStore>(sp => sp.GetRequiredService<CosmosAggregateStore.Adapter>());
        services.AddSingleton<IIngestionLedger>(sp => sp.GetRequiredService<CosmosAggregateStore.Adapter>());
        services.AddSingleton<IStartupWork, CosmosContainers>();
        return builder;
    }

    /// <summary>The app's user-assigned identity when its client id is set, else whatever DefaultAzureCredential finds (a developer's login).</summary>
    public static TokenCredential Credential(string? clientId) =>
        new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = string.IsNullOrEmpty(clientId) ? null : clientId });

    /// <summary>Creates the database and containers of a keyed endpoint (the emulator, the test server) when they are missing.</summary>
    private sealed class CosmosContainers(CosmosSettings settings, CosmosClient client) : IStartupWork
    {
        public Task RunAsync(CancellationToken cancellationToken) =>
            settings.Key is null ? Task.CompletedTask : CosmosAggregateStore.CreateContainersAsync(client, settings.Database, cancellationToken);
    }
}
