using Reporting.Pipeline.Composition;
using Reporting.Pipeline.Files;

namespace Reporting.Pipeline.Reports;

/// <summary>Where a host's court registry and indicator catalogue come from.</summary>
public interface IReferenceSource
{
    /// <exception cref="Core.Courts.CourtRegistryException">The registry is malformed (the message names its lines).</exception>
    /// <exception cref="Core.Indicators.IndicatorCatalogException">The catalogue is malformed.</exception>
    Task<ReferenceData> LoadAsync(CancellationToken cancellationToken = default);
}

/// <summary>The file store's reference zone (<see cref="ReferenceData.LoadAsync"/>): the function app's, and serve's on Azurite.</summary>
public sealed class StoredReference(IFileStore files) : IReferenceSource
{
    public Task<ReferenceData> LoadAsync(CancellationToken cancellationToken = default) => ReferenceData.LoadAsync(files, cancellationToken);
}

/// <summary>
/// The reference data a process runs with, loaded once at start: a changed registry reaches a host with its next
/// restart (docs/operations.md).
/// </summary>
public sealed class LoadedReference(IReferenceSource source) : IStartupWork
{
    private ReferenceData? _loaded;

    public ReferenceData Current => _loaded ?? throw new InvalidOperationException(
        "法院名录尚未读取：主机启动前须先运行 RunStartupWorkAsync / the court registry is not loaded: run the host's startup work (RunStartupWorkAsync) before starting it");

    public async Task RunAsync(CancellationToken cancellationToken) =>
        _loaded ??= await source.LoadAsync(cancellationToken).ConfigureAwait(false);
}
