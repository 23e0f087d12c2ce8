
namespace Reporting.Host.Serve;

/// <summary>Where <c>reporting serve</c> keeps things: the data folder, and which file store and aggregate store it uses.</summary>
public sealed record ServeOptions(string Data, string Urls, string Storage, string Store)
{
    public const string LocalStorage = "local";
    public const string AzuriteStorage = "azurite";
    public const string SqliteStore = "sqlite";
    public const string CosmosStore = "cosmos";

    public const string StorageConnectionKey = "Reporting:Storage:ConnectionString";

    /// <summary>Azurite's well-known development account on its default port.</summary>
    public const string AzuriteDefault = "UseDevelopmentStorage=true";
}
