using System.Net;
using Microsoft.Azure.Cosmos;

namespace Reporting.Storage.Azure;

/// <summary>
/// Client options for a Cosmos DB endpoint given with a key: the emulator or the Cosmos test server while developing,
/// or an account's key where a team still uses keys. Gateway mode on the given endpoint only (the test server speaks
/// no direct mode and advertises no regions); on this machine only, a self-signed certificate is accepted, as the
/// emulator and the test server have one. Nothing off this machine is trusted blindly.
/// </summary>
public static class LocalCosmos
{
    public static CosmosClientOptions Options(string endpoint, string applicationName)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var options = new CosmosClientOptions { ApplicationName = applicationName, ConnectionMode = ConnectionMode.Gateway, LimitToEndpoint = true };
        if (IsLoopback(new Uri(endpoint)))
        {
            options.HttpClientFactory = () => new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator });
        }
        return options;
    }

    private static bool IsLoopback(Uri uri) => uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address));
}
