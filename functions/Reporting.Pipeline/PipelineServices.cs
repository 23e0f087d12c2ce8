using Microsoft.Extensions.DependencyInjection;
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
using Reporting.Pipeline.Files;

namespace Reporting.Pipeline;

/// <summary>
/// The use cases every host composes alike (the function app, <c>reporting serve</c>). A host registers its edges
/// first: a <see cref="TimeProvider"/>, the <see cref="IFileStore"/>, the <see cref="IAggregateStore"/> and
/// <see cref="IIngestionLedger"/>, the <see cref="ReferenceData"/> it runs with, and who may call its API
/// (<see cref="CourtCredentials"/>, <see cref="CourtPrincipals"/>).
/// </summary>
public static class PipelineServices
{
    /// <param name="setting">The host's settings by name (an IConfiguration's indexer): report schedule, mail server.</param>
    public static IServiceCollection AddPipeline(this IServiceCollection services, Func<string, string?> setting)
    {
        services.AddSingleton<CourtRegistry>(sp => sp.GetRequiredService<ReferenceData>().Registry);
        services.AddSingleton<IndicatorCatalog>(sp => sp.GetRequiredService<ReferenceData>().Catalog);
        services.AddSingleton(_ => IngestionLimits.FromEnvironment());
        services.AddSingleton(_ => FontLibrary.Discover());
        services.AddSingleton(_ => ReportSettings.Read(setting));
        services.AddSingleton<CuratedZone>();
        services.AddSingleton<IngestExport>();
        services.AddSingleton<IngestStoredExport>();
        services.AddSingleton<AggregationActivities>();
        services.AddSingleton<AggregationQueue>();
        services.AddSingleton<ExportInbox>();
        services.AddSingleton<QueryIndicators>();
        services.AddSingleton<ComposeSituationReport>();
        services.AddSingleton<RenderSituationReport>();
        services.AddSingleton<ReportArchive>();
        services.AddSingleton<RenderDueReports>();
        services.AddSingleton<AnalystApi>();
        services.AddSingleton<ApiGate>();
        services.AddSingleton<DeliveryApi>();
        services.AddSingleton<SubscriptionStore>();
        services.AddSingleton<DeliveryLog>();
        services.AddSingleton(sp => ConfiguredDelivery.From(SmtpSettings.Read(setting), sp.GetRequiredService<Func<SmtpSettings, IReportMailer>>(),
            sp.GetRequiredService<SubscriptionStore>(), sp.GetRequiredService<ReportArchive>(), sp.GetRequiredService<DeliveryLog>(),
            sp.GetRequiredService<CourtRegistry>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
