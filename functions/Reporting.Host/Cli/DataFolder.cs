using Reporting.Storage.Local;
using Reporting.Core.Courts;
using Reporting.Core.Indicators;
using Reporting.Pipeline.Aggregate;
using Reporting.Ingestion;
using Reporting.Pipeline.Curated;
using Reporting.Pipeline.Ingest;
using Reporting.Storage.Parquet;
using Reporting.Pipeline.Files;

namespace Reporting.Host.Cli;

/// <summary>
/// The embedded defaults: a local folder (./.reporting unless --data says otherwise) as file store and ledger, and
/// the court registry imported into it, or the shipped demo registry when none was imported.
/// </summary>
public sealed class DataFolder
{
    public const string DefaultPath = ".reporting";
    public const string RegistryFile = "courts.csv";
    public const string CatalogueFile = "indicators.json";
    public const string AggregatesFile = "aggregates.db";

    public DataFolder(string path)
    {
        Store = new LocalFileStore(path);
        Root = Store.Root;
    }

    public string Root { get; }
    public LocalFileStore Store { get; }

    /// <summary>The curated zone in the folder, its case files in Parquet.</summary>
    public CuratedZone Curated => new(Store, new ParquetCaseFiles());

    public string RegistryPath => Path.Combine(Root, RegistryFile);

    public bool HasImportedRegistry => File.Exists(RegistryPath);

    public CourtRegistry LoadRegistry()
    {
        if (!HasImportedRegistry)
        {
            return CourtRegistry.Demo();
        }
        using var reader = new StreamReader(RegistryPath);
        return CourtRegistry.Load(reader, RegistryPath);
    }

    /// <summary>The data folder's own catalogue (indicators.json) when a deployment put one there, else the shipped one.</summary>
    public IndicatorCatalog LoadCatalogue()
    {
        var path = Path.Combine(Root, CatalogueFile);
        if (!File.Exists(path))
        {
            return IndicatorCatalog.Default();
        }
        using var stream = File.OpenRead(path);
        return IndicatorCatalog.Load(stream, path);
    }

    /// <summary>The embedded store: aggregates, run records and the ingestion ledger in one SQLite file.</summary>
    public SqliteAggregateStore Aggregates() => new(Path.Combine(Root, AggregatesFile));

    public AggregateIndicators Aggregation(TimeProvider clock) => new(Store, Curated, Aggregates(), LoadRegistry(), LoadCatalogue(), clock);

    public QueryIndicators Query() => new(Aggregates(), LoadRegistry(), LoadCatalogue());

    public IngestExport Ingestion(TimeProvider clock) =>
        new(Store, Curated, Aggregates(), LoadRegistry(), IngestionLimits.FromEnvironment(), clock);
}
