using System.Globalization;

namespace Reporting.Tests.Shared;

/// <summary>
/// A Cosmos DB API server (npm @vercel/cosmosdb-server) on loopback, HTTPS with a self-signed certificate;
/// REPORTING_COSMOS_ENDPOINT points at a running one instead.
/// </summary>
public sealed class CosmosServer : LoopbackService
{
    /// <summary>The Cosmos emulator's published key; the test server does not check signatures.</summary>
    public const string Key = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU9DE2nqbZ/ClCAsFbZLVqhbnV0/AE6HSpyUGGdl8zDqJ6Jpw==";

    public string AccountEndpoint { get; private set; } = "";

    protected override string ExternalVariable => "REPORTING_COSMOS_ENDPOINT";

    protected override string Binary => "cosmosdb-server";

    protected override IEnumerable<string> Arguments() => ["--host", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture)];

    protected override string Endpoint() => $"https://127.0.0.1:{Port}/";

    protected override void Connected(string endpoint) => AccountEndpoint = endpoint;
}
