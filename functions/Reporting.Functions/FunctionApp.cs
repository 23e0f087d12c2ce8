using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Reporting.Mail.Smtp;
using Reporting.Pipeline.Access;
using Reporting.Pipeline.Composition;
using Reporting.Storage.Azure;
using Reporting.Storage.Parquet;

namespace Reporting.Functions;

/// <summary>
/// The isolated worker's host: Application Insights, then the one composition (<see cref="ReportingServices"/>) over
/// what runs in Azure: Blob Storage, Cosmos DB, Parquet, SMTP. Settings have the names infra/modules/functionapp.bicep
/// sets and docs/deploy.md lists.
/// </summary>
public static class FunctionApp
{
    /// <summary>The connection the blob trigger names, shared with the pipeline's file store: a connection string, or
    /// <c>ReportingStorage__blobServiceUri</c> with <c>__credential</c>/<c>__clientId</c> for a managed identity.</summary>
    public const string StorageConnection = "ReportingStorage";

    /// <summary>The builder <c>Program</c> runs; tests build the same one and resolve every function from it.</summary>
    public static FunctionsApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        // HTTP functions take ASP.NET Core's HttpRequest and return IResult: the API's handlers are serve's.
        builder.ConfigureFunctionsWebApplication();
        builder.Services
            .AddApplicationInsightsTelemetryWorkerService()
            .ConfigureFunctionsApplicationInsights();
        builder.AddReporting()
            .AddBlobFileStore(BlobService)
            .AddCosmosStores("reporting-functions")
            .AddParquetCaseFiles()
            .AddSmtpMail();
        // Only here does a platform (App Service authentication) vouch for the signed-in principal's header.
        builder.Services.RemoveAll<CourtPrincipals>();
        builder.Services.AddSettings(Principals);
        return builder;
    }

    /// <summary>Signed-in principals by name (<c>Reporting:Principals:{label}:Principal</c> and <c>:Court</c>), believed only behind App Service authentication.</summary>
    public static CourtPrincipals Principals(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new(configuration.GetSection(CourtPrincipals.Section).GetChildren().Select(c => new CourtPrincipal(c.Key, c["Principal"] ?? "", c["Court"] ?? "")),
            CourtPrincipals.IsOn(configuration[CourtPrincipals.PlatformAuthSetting]));
    }

    public static BlobServiceClient BlobService(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[StorageConnection] is { Length: > 0 } connectionString)
        {
            return new BlobServiceClient(connectionString);
        }
        var section = configuration.GetSection(StorageConnection);
        var uri = section["blobServiceUri"] ?? throw new FormatException(
            $"缺少应用设置 {StorageConnection} 或 {StorageConnection}__blobServiceUri（见 docs/deploy.md）/ app setting {StorageConnection} or {StorageConnection}__blobServiceUri is missing (see docs/deploy.md)");
        return new BlobServiceClient(new Uri(uri), AzureStorageServices.Credential(section["clientId"]));
    }
}
