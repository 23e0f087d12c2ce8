
namespace Reporting.Pipeline.Api;

public sealed record CourtSeries(string Court, string CourtName, IReadOnlyList<SeriesPoint> Points);
