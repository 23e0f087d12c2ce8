using System.Collections.Concurrent;
using Reporting.Pipeline.Aggregate;

namespace Reporting.Pipeline.Api;

/// <summary>
/// Answers of the indicator routes, kept while the aggregates stay as they are: reading a stored table back from JSON
/// is most of a request's cost (docs/benchmarks.md), and analysts ask for the same tables again and again. The
/// aggregates' version (<see cref="IAggregateStore.VersionAsync"/>) changes whenever a run records itself, when it
/// starts and when it ends, whichever court tree it recounts; answers are kept under the version they were made in, so
/// one made from older data is never served once a newer run has been seen.
/// </summary>
public sealed class AnswerCache(IAggregateStore aggregates)
{
    /// <summary>Enough for every court, period and form of a province many times over; past it, answers are made and not kept.</summary>
    public const int Capacity = 20_000;

    /// <summary>The most the kept answers may weigh (a court's table with its children is some hundreds of KB).</summary>
    public const long MaxBytes = 256L * 1024 * 1024;


    private readonly ConcurrentDictionary<string, ApiRepresentation> _answers = new(StringComparer.Ordinal);
    private string _version = "";
    private long _bytes;

    public async Task<ApiRepresentation> GetOrAddAsync(string key, Func<Task<ApiRepresentation>> make, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(make);
        var version = await aggregates.VersionAsync(cancellationToken).ConfigureAwait(false);
        if (Interlocked.Exchange(ref _version, version) != version)
        {
            _answers.Clear();
            Interlocked.Exchange(ref _bytes, 0);
        }
        var versioned = version + "\n" + key;
        if (_answers.TryGetValue(versioned, out var kept))
        {
            return kept;
        }
        var made = await make().ConfigureAwait(false);
        if (made.Status == 200 && _answers.Count < Capacity && Interlocked.Read(ref _bytes) + made.Body.Length <= MaxBytes && _answers.TryAdd(versioned, made))
        {
            Interlocked.Add(ref _bytes, made.Body.Length);
        }
        return made;
    }
}
