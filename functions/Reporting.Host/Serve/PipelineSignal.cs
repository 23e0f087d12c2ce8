
namespace Reporting.Host.Serve;

/// <summary>Wakes the pipeline worker when an export asked for aggregation, instead of waiting for the next tick.</summary>
public sealed class PipelineSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up covers every request so far.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
