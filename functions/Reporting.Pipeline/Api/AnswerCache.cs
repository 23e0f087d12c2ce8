using System.Collections.Concurrent;
using Reporting.Pipeline.Aggregate;

namespace Reporting.Pipeline.Api;

/// <summary>
/// Answers of the indicator routes, kept while the aggregates stay as they are: reading a stored table back from JSON
/// is most of a request's cost (docs/benchmarks.md), and analysts ask for the same tables again and again. The
/// aggregates' version is the latest aggregation run's id, state and end, since every run records itself when it
/// starts and when it ends; answers are kept under the version they were made in, so one made from older data is
/// never served once a newer run has been seen.
/// </summary>
public sealed class AnswerCache(IAggregateStore aggregates)
{
    /// <summary>Enough for every court, period and form of a province many times over; past it, answers are made and not kept.</summary>
    public const int Capacity = 20_000;

    private readonly ConcurrentDictionary<string, ApiRepresentation> _answers = new(StringComparer.Ordinal);
    private string _version = "";

    public async Task<ApiRepresentation> GetOrAddAsync(string key, Func<Task<ApiRepresentation>> make, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(make);
        var latest = (await aggregates.RunsAsync(1, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        var version = latest is null ? "none" : $"{latest.RunId}|{latest.Status}|{latest.Finished:O}";
        if (Interlocked.Exchange(ref _version, version) != version)
        {
            _answers.Clear();
        }
        var versioned = version + "\n" + key;
        if (_answers.TryGetValue(versioned, out var kept))
        {
            return kept;
        }
        var made = await make().ConfigureAwait(false);
        if (made.Status == 200 && _answers.Count < Capacity)
        {
            _answers.TryAdd(versioned, made);
        }
        return made;
    }
}
