
namespace Reporting.Pipeline.Api;

/// <summary>A report in the list: where to download it.</summary>
public sealed record ReportEntry(string Court, string Period, long Bytes, DateTimeOffset RenderedAt, string FileName);
