namespace Reporting.Tests.Shared;

/// <summary>A client for the test server: gateway mode, its own endpoint only, and its self-signed certificate accepted (tests only).</summary>
public static class CosmosTestClient
{
    public static Microsoft.Azure.Cosmos.CosmosClient Create(CosmosServer server) => new(server.AccountEndpoint, CosmosServer.Key,
        new Microsoft.Azure.Cosmos.CosmosClientOptions
        {
            ConnectionMode = Microsoft.Azure.Cosmos.ConnectionMode.Gateway,
            LimitToEndpoint = true,
            HttpClientFactory = () => new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator }),
        });
}
