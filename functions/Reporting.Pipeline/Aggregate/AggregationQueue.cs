using System.Text.Json;
using Reporting.Core.Courts;
using Reporting.Pipeline.Files;
using Reporting.Pipeline.Json;

namespace Reporting.Pipeline.Aggregate;

/// <summary>Where an aggregation instance stands, as the orchestration host reports it.</summary>
public enum AggregationInstanceState
{
    /// <summary>The host knows no such instance: it was never scheduled (a crash between queueing and scheduling).</summary>
    Missing,

    /// <summary>Pending, running, suspended or continuing as new: it will reach <see cref="AggregationQueue.FinishAsync"/>.</summary>
    Active,

    /// <summary>Completed, failed or terminated without handing the queue on (terminated by an operator, say).</summary>
    Ended,
}

/// <summary>The orchestration host as the queue needs it: Durable's client in the function app, an in-process runner locally.</summary>
public interface IAggregationScheduler
{
    Task<AggregationInstanceState> StateAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Schedules the orchestration under this id; scheduling an id that already runs is not an error.</summary>
    Task ScheduleAsync(string instanceId, AggregationRequest request, CancellationToken cancellationToken = default);
}

/// <summary>What a request for aggregation led to: the instance that will count the change, and whether this call started it.</summary>
public sealed record AggregationTicket(string Tree, string InstanceId, bool Started);

/// <summary>
/// One aggregation at a time per court tree, and no change left uncounted. A tree's record (requested and running
/// generations, the active instance) lives in the file store and changes only by conditional write, so concurrent
/// uploads cannot both start a run (the race of "is it running? then start"). An upload while a run is active bumps
/// the requested generation; the run's last step (<see cref="FinishAsync"/>) sees the bump and continues as new
/// under the same instance id, so the upload's cases are counted by a run that started after they were stored.
/// </summary>
public sealed class AggregationQueue(IFileStore files, CourtRegistry registry)
{
    public const string Zone = AggregationActivities.RunsZone;

    private static readonly JsonSerializerOptions Json = ReportingJson.Compact;

    /// <summary>The stored state of one tree's queue.</summary>
    public sealed record TreeQueue(string Tree, long Requested, long Running, string? Active);

    /// <summary>The key of the tree a court's cases count in: the tree's root code, or <see cref="Unplaced"/> for courts no tree holds.</summary>
    public string TreeKey(string court) => registry.TreeOf(court) is { Length: > 0 } tree ? tree : Unplaced;

    /// <summary>The name of the tree of courts that have neither a registry entry nor a province in their code.</summary>
    public const string Unplaced = "未归属";

    /// <summary>The id of the instance a generation starts, and of the run record each generation writes.</summary>
    public static string InstanceId(string tree, long generation) => $"{InstancePrefix(tree)}{generation}";

    /// <summary>What every instance id (and run record id) of a tree starts with.</summary>
    public static string InstancePrefix(string tree) => $"{InstanceStem}{tree}-";

    /// <summary>What instance ids of every tree start with; a run id without it was started otherwise (the CLI's <c>aggregate</c>).</summary>
    public const string InstanceStem = "aggregate-";

    public static string RecordPath(string tree) => StorePath.Join(Zone, "queue", StorePath.Segment(tree, "court tree") + ".json");

    /// <summary>The request an instance for this tree runs: every period the data covers, the whole tree.</summary>
    public static AggregationRequest RequestFor(string tree, long generation) => new([], [tree == Unplaced ? "" : tree], tree, generation);

    /// <summary>
    /// Asks for the court's tree to be aggregated after its data changed: starts an instance when none is active, else
    /// leaves the change to the active one. A recorded instance that never started, or ended without finishing, is
    /// replaced, so a crash at any point leaves a state the next request repairs.
    /// </summary>
    public async Task<AggregationTicket> RequestAsync(string court, IAggregationScheduler scheduler, CancellationToken cancellationToken = default)
    {
        var tree = TreeKey(court);
        var (queue, _) = await UpdateAsync(tree, q => q.Active is null
            ? q with { Requested = q.Requested + 1, Running = q.Requested + 1, Active = InstanceId(tree, q.Requested + 1) }
            : q with { Requested = q.Requested + 1 }, cancellationToken).ConfigureAwait(false);
        // Queued, the request only raised Requested above Running; started, it made them equal.
        if (queue.Running == queue.Requested)
        {
            await scheduler.ScheduleAsync(queue.Active!, RequestFor(tree, queue.Running), cancellationToken).ConfigureAwait(false);
            return new AggregationTicket(tree, queue.Active!, true);
        }
        return await RepairAsync(queue, scheduler, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The active instance's last step: when more changes arrived while it ran, it takes them on (returns the request
    /// to continue as new with); otherwise the tree is released. A stale instance (no longer the active one) gets null.
    /// </summary>
    public async Task<AggregationRequest?> FinishAsync(string tree, string instanceId, CancellationToken cancellationToken = default)
    {
        var (queue, changed) = await UpdateAsync(tree, q => q.Active != instanceId ? q
            : q.Requested > q.Running ? q with { Running = q.Requested }
            : q with { Active = null }, cancellationToken).ConfigureAwait(false);
        return changed && queue.Active == instanceId ? RequestFor(tree, queue.Running) : null;
    }

    /// <summary>
    /// At a host's start: each tree whose record names an active instance is checked with the scheduler, and an
    /// instance the scheduler does not know (the in-process runner after a restart) is scheduled again, so work
    /// queued before a crash is done without waiting for the next upload.
    /// </summary>
    public async Task<IReadOnlyList<AggregationTicket>> ResumeAsync(IAggregationScheduler scheduler, CancellationToken cancellationToken = default)
    {
        var records = new List<string>();
        await foreach (var file in files.ListAsync(StorePath.Join(Zone, "queue") + "/", cancellationToken).ConfigureAwait(false))
        {
            if (file.Path.EndsWith(".json", StringComparison.Ordinal))
            {
                records.Add(file.Path);
            }
        }
        var tickets = new List<AggregationTicket>();
        foreach (var path in records)
        {
            if (await files.ReadJsonAsync<TreeQueue>(path, Json, cancellationToken).ConfigureAwait(false) is { Active: not null } recorded)
            {
                tickets.Add(await RepairAsync(recorded, scheduler, cancellationToken).ConfigureAwait(false));
            }
        }
        return tickets;
    }

    public async Task<TreeQueue> ReadAsync(string tree, CancellationToken cancellationToken = default) =>
        (await ReadWithVersionAsync(tree, cancellationToken).ConfigureAwait(false)).Queue;

    private async Task<AggregationTicket> RepairAsync(TreeQueue recorded, IAggregationScheduler scheduler, CancellationToken cancellationToken)
    {
        var (tree, active) = (recorded.Tree, recorded.Active!);
        switch (await scheduler.StateAsync(active, cancellationToken).ConfigureAwait(false))
        {
            case AggregationInstanceState.Active:
                return new AggregationTicket(tree, active, false);
            case AggregationInstanceState.Missing:
                // Recorded but never scheduled: schedule it now (the same id, so two repairers converge on one instance).
                await scheduler.ScheduleAsync(active, RequestFor(tree, recorded.Running), cancellationToken).ConfigureAwait(false);
                return new AggregationTicket(tree, active, true);
            default:
                // Ended without FinishAsync: hand the tree to a new instance, unless someone else already did.
                var (queue, changed) = await UpdateAsync(tree, q => q.Active != active ? q
                    : q with { Running = q.Requested, Active = InstanceId(tree, q.Requested) }, cancellationToken).ConfigureAwait(false);
                if (!changed)
                {
                    return new AggregationTicket(tree, queue.Active ?? active, false);
                }
                await scheduler.ScheduleAsync(queue.Active!, RequestFor(tree, queue.Running), cancellationToken).ConfigureAwait(false);
                return new AggregationTicket(tree, queue.Active!, true);
        }
    }

    private async Task<(TreeQueue Queue, bool Changed)> UpdateAsync(string tree, Func<TreeQueue, TreeQueue> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (current, version) = await ReadWithVersionAsync(tree, cancellationToken).ConfigureAwait(false);
            var next = change(current);
            if (next == current)
            {
                return (current, false);
            }
            if (await files.TryWriteJsonAsync(RecordPath(tree), next, Json, version, cancellationToken).ConfigureAwait(false) is not null)
            {
                return (next, true);
            }
            if (attempt >= 50)
            {
                throw new IOException($"汇总队列“{tree}”被持续并发修改 / the aggregation queue of '{tree}' kept changing; gave up");
            }
            await Task.Delay(Random.Shared.Next(5, 20 * (attempt + 1)), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(TreeQueue Queue, string? Version)> ReadWithVersionAsync(string tree, CancellationToken cancellationToken)
    {
        var path = RecordPath(tree);
        var info = await files.GetInfoAsync(path, cancellationToken).ConfigureAwait(false);
        if (info is null)
        {
            return (new TreeQueue(tree, 0, 0, null), null);
        }
        await using var stream = await files.OpenReadAsync(path, cancellationToken).ConfigureAwait(false);
        var queue = await JsonSerializer.DeserializeAsync<TreeQueue>(stream, Json, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"empty aggregation queue record at {path}");
        return (queue, info.Version);
    }
}
