using Reporting.Pipeline.Access;

namespace Reporting.Host.Serve;

/// <summary>The API keys in force, and those made up at start because the settings name none.</summary>
public sealed record LocalKeys(CourtCredentials Credentials, IReadOnlyList<CourtCredential> Generated);
