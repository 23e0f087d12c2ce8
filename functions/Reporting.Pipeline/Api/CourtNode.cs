
namespace Reporting.Pipeline.Api;

/// <summary>A court and the courts below it, by code.</summary>
public sealed record CourtNode(string Code, string Name, string Level, IReadOnlyList<CourtNode> Children);
