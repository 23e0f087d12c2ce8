using Reporting.Pipeline.Reports;

namespace Reporting.Pipeline.Api;

/// <summary>
/// What an answer carries: a status and a JSON body, or a file to stream. Each host turns it into its own response
/// type (the function app's HttpResponseData, the local host's IResult), so both serve the same API.
/// </summary>
public sealed record ApiAnswer(int Status, object? Body, ArchivedReport? File = null)
{
    public bool IsProblem => Body is Problem;
}
