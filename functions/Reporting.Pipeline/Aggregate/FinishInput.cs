
namespace Reporting.Pipeline.Aggregate;

public sealed record FinishInput(string Tree, string InstanceId);
