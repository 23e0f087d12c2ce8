using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Reporting.Core.Courts;
using Reporting.Core.Indicators;
using Reporting.Ingestion;
using Reporting.Pdf.Fonts;
using Reporting.Pipeline.Access;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Api;
using Reporting.Pipeline.Curated;
using Reporting.Pipeline.Delivery;
using Reporting.Pipeline.Ingest;
using Reporting.Pipeline.Reports;

namespace Reporting.Pipeline.Composition;

/// <summary>
/// The one composition of the use cases, shared by every host (the function app, <c>reporting serve</c>, the CLI's
/// commands). A host adds its edges with the adapter projects' modules: a file store and a reference source
/// (Reporting.Storage.Local or .Azure), an aggregate store and ledger (SQLite or Cosmos DB), the curated zone's case
/// file format (Reporting.Storage.Parquet) and a mailer (Reporting.Mail.Smtp). Each feature's settings are typed,
/// read from configuration with the same names in every host, and checked at start (<see cref="HostStartup"/>,
/// which every host runs before it starts).
/// </summary>
public static class ReportingServices
{
    public static IHostApplicationBuilder AddReporting(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);

        services.AddSettings(IngestionLimits.Read);
        services.AddSettings(ReportSettings.Read);
        services.AddSettings(SmtpSettings.Read);
        // Looked up at first use (a missing font is the renderer's error, naming the folders searched), not at start.
        services.AddSingleton(sp => FontLibrary.Discover(sp.GetRequiredService<IConfiguration>()[FontLibrary.FolderSetting]));
        services.TryAddSingleton<IReferenceSource, StoredReference>();
        services.AddSingleton<LoadedReference>();
        services.AddSingleton<IStartupWork>(sp => sp.GetRequiredService<LoadedReference>());
        services.AddSettings(ApiKeys);
        // Signed-in principals only where a platform vouches for their header (the function app replaces this), so a
        // header no one strips is never believed.
        services.TryAddSingleton(CourtPrincipals.None);
        services.AddSingleton(sp => sp.GetRequiredService<LoadedReference>().Current);
        services.AddSingleton<CourtRegistry>(sp => sp.GetRequiredService<ReferenceData>().Registry);
        services.AddSingleton<IndicatorCatalog>(sp => sp.GetRequiredService<ReferenceData>().Catalog);

        services.AddSingleton<CuratedZone>();
        services.AddSingleton<IngestionReports>();
        services.AddSingleton<IngestExport>();
        services.AddSingleton<IngestStoredExport>();
        services.AddSingleton<AggregationActivities>();
        services.AddSingleton<AggregateIndicators>();
        services.AddSingleton<AggregationQueue>();
        services.AddSingleton<ExportInbox>();
        services.AddSingleton<QueryIndicators>();
        services.AddSingleton<ComposeSituationReport>();
        services.AddSingleton<RenderSituationReport>();
        services.AddSingleton<ReportArchive>();
        services.AddSingleton<RenderDueReports>();
        services.AddSingleton<AnswerCache>();
        services.AddSingleton<AnalystApi>();
        services.AddSingleton<ApiGate>();
        services.AddSingleton<DeliveryApi>();
        services.AddSingleton<SubscriptionStore>();
        services.AddSingleton<DeliveryLog>();
        services.AddSingleton(sp => sp.GetRequiredService<SmtpSettings>().IsOn
            ? new ConfiguredDelivery(new DeliverReports(sp.GetRequiredService<SubscriptionStore>(), sp.GetRequiredService<ReportArchive>(),
                sp.GetRequiredService<DeliveryLog>(), sp.GetRequiredService<IReportMailer>(), sp.GetRequiredService<CourtRegistry>(),
                sp.GetRequiredService<TimeProvider>()))
            : new ConfiguredDelivery(Deliver: null));
        return builder;
    }

    /// <summary>API keys: <c>Reporting:ApiKeys:{label}:Key</c> and <c>:Court</c> (in Azure, Key Vault references).</summary>
    public static CourtCredentials ApiKeys(IConfiguration configuration) => new(ConfiguredApiKeys(configuration));

    public static IReadOnlyList<CourtCredential> ConfiguredApiKeys(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(CourtCredentials.Section).GetChildren()
            .Select(c => new CourtCredential(c.Key, c["Key"] ?? "", c["Court"] ?? "")).ToList();
    }
}
