namespace Reporting.Pipeline.Access;

/// <summary>One signed-in principal of the settings: a label (for logs), the platform's name for it, the court it acts for.</summary>
public sealed record CourtPrincipal(string Name, string Principal, string Court);

/// <summary>
/// Principals signed in by the platform in front of the function app (App Service authentication) mapped to courts,
/// from <c>Reporting:Principals:{label}:Principal</c> and <c>:Court</c>. The platform sets the principal's name in a
/// request header and removes that header from outside requests only while its authentication is on, so the name
/// is believed only when the platform says it is (<c>WEBSITE_AUTH_ENABLED</c>); otherwise anyone could send it.
/// </summary>
public sealed class CourtPrincipals
{
    public const string Section = "Reporting:Principals";

    /// <summary>Set to True by App Service when its authentication runs in front of the app.</summary>
    public const string PlatformAuthSetting = "WEBSITE_AUTH_ENABLED";

    private readonly Dictionary<string, CourtCaller> _byPrincipal = new(StringComparer.OrdinalIgnoreCase);

    public static readonly CourtPrincipals None = new([], platformAuthenticates: false);

    /// <param name="platformAuthenticates">Whether the platform vouches for the principal header; without it no principal is believed.</param>
    /// <exception cref="FormatException">A mapping without a principal or a court, or two for one principal; the message names it.</exception>
    public CourtPrincipals(IEnumerable<CourtPrincipal> principals, bool platformAuthenticates)
    {
        foreach (var principal in principals)
        {
            if (string.IsNullOrWhiteSpace(principal.Principal) || string.IsNullOrWhiteSpace(principal.Court))
            {
                throw new FormatException($"登录身份“{principal.Name}”缺少 Principal 或 Court / principal mapping '{principal.Name}' needs both a Principal and a Court");
            }
            // Sign-in names (user principal names, e-mail addresses) do not depend on case.
            if (!_byPrincipal.TryAdd(principal.Principal.Trim(), new CourtCaller(principal.Name, principal.Court.Trim())))
            {
                throw new FormatException($"登录身份“{principal.Name}”与另一映射的 Principal 相同 / principal mapping '{principal.Name}' names the same principal as another");
            }
        }
        PlatformAuthenticates = platformAuthenticates;
    }

    public bool PlatformAuthenticates { get; }

    public int Count => _byPrincipal.Count;

    /// <summary>Whether a setting's value says the platform authenticates (App Service writes "True").</summary>
    public static bool IsOn(string? setting) => string.Equals(setting?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    public CourtCaller? Find(string? principalName) =>
        PlatformAuthenticates && !string.IsNullOrWhiteSpace(principalName) && _byPrincipal.TryGetValue(principalName.Trim(), out var caller) ? caller : null;
}
