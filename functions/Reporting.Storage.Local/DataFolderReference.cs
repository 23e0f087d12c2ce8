using Reporting.Core.Courts;
using Reporting.Core.Indicators;
using Reporting.Pipeline.Reports;

namespace Reporting.Storage.Local;

/// <summary>
/// The registry and catalogue of a local data folder: <c>courts.csv</c> as <c>reporting courts import</c> wrote it,
/// else the shipped demo registry; <c>indicators.json</c> when a deployment put one there, else the shipped catalogue.
/// </summary>
public sealed class DataFolderReference(string root) : IReferenceSource
{
    public const string RegistryFile = "courts.csv";
    public const string CatalogueFile = "indicators.json";

    public string RegistryPath => Path.Combine(root, RegistryFile);

    public Task<ReferenceData> LoadAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new ReferenceData(LoadRegistry(), LoadCatalogue(), DemoRegistry: !File.Exists(RegistryPath)));

    /// <exception cref="CourtRegistryException">The imported registry is malformed.</exception>
    public CourtRegistry LoadRegistry()
    {
        if (!File.Exists(RegistryPath))
        {
            return CourtRegistry.Demo();
        }
        using var reader = new StreamReader(RegistryPath);
        return CourtRegistry.Load(reader, RegistryPath);
    }

    /// <exception cref="IndicatorCatalogException">The folder's catalogue is malformed.</exception>
    public IndicatorCatalog LoadCatalogue()
    {
        var path = Path.Combine(root, CatalogueFile);
        if (!File.Exists(path))
        {
            return IndicatorCatalog.Default();
        }
        using var stream = File.OpenRead(path);
        return IndicatorCatalog.Load(stream, path);
    }
}
