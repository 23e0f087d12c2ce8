using Reporting.Core.Courts;
using Reporting.Core.Indicators;
using Reporting.Pipeline.Files;

namespace Reporting.Pipeline.Reports;

/// <summary>
/// The court registry and indicator catalogue a deployment runs with, from its file store: reference/courts.csv
/// (code,name,level,parent) and reference/indicators.json. Without them, the shipped demo registry and the default
/// catalogue, as the CLI's data folder does; <see cref="DemoRegistry"/> says so, and the hosts log it.
/// </summary>
public sealed record ReferenceData(CourtRegistry Registry, IndicatorCatalog Catalog, bool DemoRegistry)
{
    public const string Zone = "reference";
    public const string RegistryPath = Zone + "/courts.csv";
    public const string CataloguePath = Zone + "/indicators.json";

    /// <exception cref="CourtRegistryException">The stored registry is malformed (the message names its lines).</exception>
    /// <exception cref="IndicatorCatalogException">The stored catalogue is malformed.</exception>
    public static async Task<ReferenceData> LoadAsync(IFileStore files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        CourtRegistry registry;
        var demo = await files.GetInfoAsync(RegistryPath, cancellationToken).ConfigureAwait(false) is null;
        if (demo)
        {
            registry = CourtRegistry.Demo();
        }
        else
        {
            await using var stream = await files.OpenReadAsync(RegistryPath, cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(stream);
            registry = CourtRegistry.Load(new StringReader(await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false)), RegistryPath);
        }
        var catalog = IndicatorCatalog.Default();
        if (await files.GetInfoAsync(CataloguePath, cancellationToken).ConfigureAwait(false) is not null)
        {
            await using var stream = await files.OpenReadAsync(CataloguePath, cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            buffer.Position = 0;
            catalog = IndicatorCatalog.Load(buffer, CataloguePath);
        }
        return new ReferenceData(registry, catalog, demo);
    }
}
