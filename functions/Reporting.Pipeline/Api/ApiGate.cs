using Reporting.Core.Courts;
using Reporting.Pipeline.Access;
using Reporting.Pipeline.Aggregate;

namespace Reporting.Pipeline.Api;

/// <summary>The court a caller acts for, as the API's "me" route shows it.</summary>
public sealed record CallerInfo(string Name, string Court, string CourtName);

/// <summary>
/// Who may call the analyst API and what each caller may see, the same in every host: an API key (header
/// <see cref="KeyHeader"/>, <c>Reporting:ApiKeys</c>) or a principal the platform signed in (header
/// <see cref="PrincipalHeader"/>, <c>Reporting:Principals</c>) names a court; the caller reads that court and the
/// courts below it, and uploads only for its own court.
/// </summary>
public sealed class ApiGate(CourtCredentials keys, CourtPrincipals principals, CourtRegistry registry, AggregationQueue queue)
{
    public const string KeyHeader = "X-Api-Key";

    /// <summary>Set by App Service authentication to the signed-in user's or client's name.</summary>
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL-NAME";

    /// <summary>The WWW-Authenticate challenge of a 401.</summary>
    public const string Challenge = $"ApiKey header=\"{KeyHeader}\"";

    private readonly CourtAccess _access = new(registry);

    /// <summary>A key, when sent, decides alone: a wrong key is not rescued by a principal header.</summary>
    public CourtCaller? SignIn(string? apiKey, string? principalName) =>
        string.IsNullOrEmpty(apiKey) ? principals.Find(principalName) : keys.Find(apiKey);

    public static ApiAnswer Unauthenticated { get; } = new(401, new Problem("需要有效的 API 密钥或登录 / a valid API key or sign-in is required", 401,
        $"请在请求头 {KeyHeader} 中提供本院的 API 密钥，或经平台登录后访问 / send your court's API key in the {KeyHeader} header, or sign in through the platform"));

    public CallerInfo Me(CourtCaller caller) => new(caller.Name, caller.Court, registry.TryGet(caller.Court, out var court) ? court.Name : caller.Court);

    public bool CanRead(CourtCaller caller, string court) => _access.CanRead(caller, court);

    /// <summary>404 naming the court when no registry holds it, 403 when the caller may not read it; null when it may.</summary>
    public ApiAnswer? Denied(CourtCaller caller, string court)
    {
        if (court != caller.Court && !registry.Contains(court))
        {
            return AnalystApi.NotFound("court", CourtRegistry.NotRegistered(court));
        }
        return _access.CanRead(caller, court) ? null
            : Forbidden("court", $"“{caller.Name}”代表 {caller.Court}，不能查看法院“{court}” / '{caller.Name}' acts for {caller.Court} and cannot read court '{court}'");
    }

    public ApiAnswer? UploadDenied(CourtCaller caller, string court) => _access.CanUpload(caller, court) ? null
        : Forbidden("court", $"只能上传本院（{caller.Court}）的导出文件 / '{caller.Name}' uploads only {caller.Court}'s exports");

    /// <summary>
    /// The runs answer cut to what the caller may see. A run recounts one court tree: a caller sees its own tree's
    /// runs, and the top court of a tree also the runs over the whole data (the CLI's). Refusals pass through.
    /// </summary>
    public ApiAnswer VisibleRuns(CourtCaller caller, ApiAnswer runs)
    {
        if (runs.Body is not IReadOnlyList<AggregationRunRecord> all)
        {
            return runs;
        }
        var own = InstancePrefix(caller);
        var top = registry.Roots.Any(r => r.Code == caller.Court);
        return new(200, all.Where(r => r.RunId.StartsWith(own, StringComparison.Ordinal)
            || (top && !r.RunId.StartsWith(AggregationQueue.InstanceStem, StringComparison.Ordinal))).ToList());
    }

    /// <summary>Whether an aggregation instance id is one of the caller's tree's.</summary>
    public bool CanSeeInstance(CourtCaller caller, string instanceId) => instanceId.StartsWith(InstancePrefix(caller), StringComparison.Ordinal);

    /// <summary>The caller's court tree: its queue, and the state its host (<paramref name="scheduler"/>) reports for the active instance.</summary>
    public async Task<TreeAggregationState> AggregationStateAsync(CourtCaller caller, IAggregationScheduler scheduler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(scheduler);
        var record = await queue.ReadAsync(queue.TreeKey(caller.Court), cancellationToken).ConfigureAwait(false);
        var active = record.Active is null ? (AggregationInstanceState?)null : await scheduler.StateAsync(record.Active, cancellationToken).ConfigureAwait(false);
        return TreeAggregationState.Of(record, active);
    }

    private string InstancePrefix(CourtCaller caller) => AggregationQueue.InstancePrefix(queue.TreeKey(caller.Court));

    private static ApiAnswer Forbidden(string field, string detail) =>
        new(403, new Problem("无权访问 / forbidden", 403, detail, new Dictionary<string, string[]> { [field] = [detail] }));
}
