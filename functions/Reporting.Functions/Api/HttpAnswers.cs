using System.Net;
using Microsoft.Azure.Functions.Worker.Http;
using Reporting.Pipeline.Access;
using Reporting.Pipeline.Api;

namespace Reporting.Functions.Api;

/// <summary>
/// The function app's side of the analyst API's wire format: who is calling (an API key, or the principal App
/// Service authentication signed in), and the answer's bytes, types and ETag as <c>reporting serve</c> writes them.
/// </summary>
internal static class HttpAnswers
{
    /// <summary>The caller of a request, or null; <see cref="ApiGate"/> decides which header to believe.</summary>
    public static CourtCaller? CallerOf(this HttpRequestData request, ApiGate gate) =>
        gate.SignIn(request.Header(ApiGate.KeyHeader), request.Header(ApiGate.PrincipalHeader));

    public static string? Header(this HttpRequestData request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    /// <summary>Runs <paramref name="respond"/> for a signed-in caller that may read <paramref name="court"/> (when one is named); 401, 403 or 404 otherwise.</summary>
    public static async Task<HttpResponseData> ForCallerAsync(this HttpRequestData request, ApiGate gate, string? court,
        Func<CourtCaller, Task<HttpResponseData>> respond)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(respond);
        if (request.CallerOf(gate) is not { } caller)
        {
            var refused = await request.WriteAsync(ApiRepresentation.Of(ApiGate.Unauthenticated)).ConfigureAwait(false);
            refused.Headers.TryAddWithoutValidation("WWW-Authenticate", ApiGate.Challenge);
            return refused;
        }
        if (court is not null && gate.Denied(caller, court) is { } denied)
        {
            return await request.WriteAsync(ApiRepresentation.Of(denied)).ConfigureAwait(false);
        }
        return await respond(caller).ConfigureAwait(false);
    }

    /// <summary>The same, for an answer written as the API's JSON or CSV.</summary>
    public static Task<HttpResponseData> ForCallerAsync(this HttpRequestData request, ApiGate gate, string? court,
        Func<CourtCaller, Task<ApiRepresentation>> answer) =>
        request.ForCallerAsync(gate, court, async caller => await request.WriteAsync(await answer(caller).ConfigureAwait(false)).ConfigureAwait(false));

    public static CancellationToken Cancellation(this HttpRequestData request) => request.FunctionContext.CancellationToken;

    /// <summary>JSON or CSV by format/Accept, with an ETag and 304 (<see cref="ApiRepresentation.Negotiate"/>).</summary>
    public static ApiRepresentation Negotiate(this HttpRequestData request, ApiAnswer answer, Func<object, string> csv, string csvName) =>
        ApiRepresentation.Negotiate(answer, request.Query["format"], request.Header("Accept"), request.Header("If-None-Match"), csv, csvName);

    public static async Task<HttpResponseData> WriteAsync(this HttpRequestData request, ApiRepresentation wire)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(wire);
        var response = request.CreateResponse((HttpStatusCode)wire.Status);
        if (wire.ETag is { } etag)
        {
            response.Headers.TryAddWithoutValidation("ETag", etag);
            response.Headers.TryAddWithoutValidation("Vary", "Accept");
        }
        if (wire.Status is 204 or 304)
        {
            return response;
        }
        response.Headers.TryAddWithoutValidation("Content-Type", wire.ContentType);
        if (wire.FileName is { } name)
        {
            response.Headers.TryAddWithoutValidation("Content-Disposition", Attachment(name));
        }
        await response.WriteBytesAsync(wire.Body).ConfigureAwait(false);
        return response;
    }

    /// <summary>An ASCII fallback name for old clients, and the real (Chinese) one in RFC 5987 form.</summary>
    public static string Attachment(string fileName) =>
        $"attachment; filename=\"{(fileName.All(char.IsAscii) ? fileName : "download" + Path.GetExtension(fileName))}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
}
