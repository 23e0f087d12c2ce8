using Reporting.Core.Courts;
using Reporting.Ingestion;
using Reporting.Pipeline.Ingest;
using Reporting.Storage.Files;
using Reporting.Storage.Ledger;

namespace Reporting.Host.Cli;

/// <summary>
/// The embedded defaults: a local folder (./.reporting unless --data says otherwise) as file store and ledger, and
/// the court registry imported into it, or the shipped demo registry when none was imported.
/// </summary>
public sealed class DataFolder
{
    public const string DefaultPath = ".reporting";
    public const string RegistryFile = "courts.csv";

    public DataFolder(string path)
    {
        Store = new LocalFileStore(path);
        Root = Store.Root;
    }

    public string Root { get; }
    public LocalFileStore Store { get; }

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

    public IngestExport Ingestion(TimeProvider clock) =>
        new(Store, new FileIngestionLedger(Store), LoadRegistry(), IngestionLimits.FromEnvironment(), clock);
}
