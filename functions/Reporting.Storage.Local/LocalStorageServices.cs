using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Reporting.Pipeline.Aggregate;
using Reporting.Pipeline.Files;
using Reporting.Pipeline.Ingest;
using Reporting.Pipeline.Reports;

namespace Reporting.Storage.Local;

/// <summary>The embedded defaults as a host's edges: a data folder for files and reference data, SQLite for aggregates and the ledger.</summary>
public static class LocalStorageServices
{
    public const string AggregatesFile = "aggregates.db";

    /// <summary>The file store on <paramref name="root"/>, with the registry and catalogue kept in it (<see cref="DataFolderReference"/>).</summary>
    public static IHostApplicationBuilder AddFolderFileStore(this IHostApplicationBuilder builder, string root)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(_ => new LocalFileStore(root));
        builder.Services.AddSingleton<IFileStore>(sp => sp.GetRequiredService<LocalFileStore>());
        builder.Services.RemoveAll<IReferenceSource>();
        builder.Services.AddSingleton<IReferenceSource>(_ => new DataFolderReference(root));
        return builder;
    }

    /// <summary>Aggregates, run records and the ingestion ledger in <c>aggregates.db</c> in <paramref name="root"/>.</summary>
    public static IHostApplicationBuilder AddSqliteStores(this IHostApplicationBuilder builder, string root)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(_ => new SqliteAggregateStore(Path.Combine(root, AggregatesFile)));
        builder.Services.AddSingleton<IAggregateStore>(sp => sp.GetRequiredService<SqliteAggregateStore>());
        builder.Services.AddSingleton<IIngestionLedger>(sp => sp.GetRequiredService<SqliteAggregateStore>());
        return builder;
    }
}
