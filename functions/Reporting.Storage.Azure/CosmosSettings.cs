using Microsoft.Extensions.Configuration;

namespace Reporting.Storage.Azure;

/// <summary>
/// The Cosmos DB account (settings Reporting:Cosmos:*). With a key: the emulator or the test server, whose containers
/// the store may create. Without one: an Azure account reached by the app's identity (AZURE_CLIENT_ID), whose
/// containers infrastructure creates.
/// </summary>
public sealed record CosmosSettings(string Endpoint, string? Key, string Database, string? ClientId)
{
    public const string EndpointKey = "Reporting:Cosmos:Endpoint";
    public const string KeyKey = "Reporting:Cosmos:Key";
    public const string DatabaseKey = "Reporting:Cosmos:Database";

    /// <summary>The client id of the app's user-assigned identity (set by infrastructure).</summary>
    public const string ClientIdKey = "AZURE_CLIENT_ID";

    public const string DefaultDatabase = "reporting";

    /// <param name="requireKey">Whether only a keyed endpoint will do (<c>reporting serve --store cosmos</c>).</param>
    /// <exception cref="FormatException">The endpoint is missing or not an absolute URI, or a required key is missing; the message names the setting.</exception>
    public static CosmosSettings Read(IConfiguration configuration, bool requireKey)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var endpoint = configuration[EndpointKey]?.Trim();
        if (string.IsNullOrEmpty(endpoint))
        {
            throw Missing(EndpointKey);
        }
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out _))
        {
            throw new FormatException($"设置 {EndpointKey} 应为 Cosmos DB 账户地址，而不是“{endpoint}” / setting {EndpointKey} must be the account's URI, not '{endpoint}'");
        }
        var key = configuration[KeyKey] is { Length: > 0 } given ? given : null;
        if (requireKey && key is null)
        {
            throw Missing(KeyKey);
        }
        var database = configuration[DatabaseKey] is { Length: > 0 } named ? named.Trim() : DefaultDatabase;
        return new CosmosSettings(endpoint, key, database, configuration[ClientIdKey] is { Length: > 0 } id ? id : null);
    }

    private static FormatException Missing(string setting) =>
        new($"缺少设置 {setting}（环境变量 {setting.Replace(":", "__", StringComparison.Ordinal)}）/ setting {setting} is missing");
}
