using System.Security.Cryptography;
using System.Text;
using Reporting.Core.Courts;

namespace Reporting.Pipeline.Access;

/// <summary>Who is asking: a named credential (an API key's label, a signed-in principal) acting for one court.</summary>
public sealed record CourtCaller(string Name, string Court);

/// <summary>
/// Court-scoped access: a court's users see their court and every court below it in the registry, and upload only
/// for their own court. A court missing from the registry sees only itself. The national court sees everything
/// when the registry has it above the high courts.
/// </summary>
public sealed class CourtAccess(CourtRegistry registry)
{
    public bool CanRead(CourtCaller caller, string court) =>
        court == caller.Court || (registry.Contains(court) && registry.AncestorsOf(court).Any(a => a.Code == caller.Court));

    public bool CanUpload(CourtCaller caller, string court) => court == caller.Court;

    /// <summary>The top of what the caller may see: its own court, when the registry has it.</summary>
    public Court? RootOf(CourtCaller caller) => registry.TryGet(caller.Court, out var court) ? court : null;
}

/// <summary>One credential of the settings: a label (for logs), the secret presented, the court it acts for.</summary>
public sealed record CourtCredential(string Name, string Secret, string Court);

/// <summary>
/// Maps a presented secret (an API key) or principal name to the court it acts for. Secrets are compared by their
/// SHA-256 in fixed time, so neither the comparison's duration nor a dictionary lookup tells how much of a guess was right.
/// </summary>
public sealed class CourtCredentials
{
    /// <summary>The settings section both hosts read: <c>Reporting:ApiKeys:{label}:Key</c> and <c>:Court</c>.</summary>
    public const string Section = "Reporting:ApiKeys";

    private readonly List<(byte[] Hash, CourtCaller Caller)> _entries = [];

    /// <exception cref="FormatException">A credential has no secret or no court, a secret that is not visible ASCII, or two share a secret; the message names it.</exception>
    public CourtCredentials(IEnumerable<CourtCredential> credentials)
    {
        foreach (var credential in credentials)
        {
            if (string.IsNullOrWhiteSpace(credential.Secret) || string.IsNullOrWhiteSpace(credential.Court))
            {
                throw new FormatException($"凭据“{credential.Name}”缺少密钥或法院 / credential '{credential.Name}' needs both a key and a court");
            }
            if (credential.Secret.Any(c => c is < '!' or > '~'))
            {
                // A header carries it: visible ASCII only.
                throw new FormatException($"凭据“{credential.Name}”的密钥只能由可见 ASCII 字符组成 / credential '{credential.Name}': a key must be visible ASCII characters only");
            }
            var hash = Hash(credential.Secret);
            if (_entries.Any(e => e.Hash.AsSpan().SequenceEqual(hash)))
            {
                throw new FormatException($"凭据“{credential.Name}”与另一凭据的密钥相同 / credential '{credential.Name}' has the same key as another");
            }
            _entries.Add((hash, new CourtCaller(credential.Name, credential.Court.Trim())));
        }
    }

    public int Count => _entries.Count;

    public CourtCaller? Find(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }
        var hash = Hash(presented);
        CourtCaller? found = null;
        foreach (var (known, caller) in _entries)
        {
            if (CryptographicOperations.FixedTimeEquals(known, hash))
            {
                found = caller;
            }
        }
        return found;
    }

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
