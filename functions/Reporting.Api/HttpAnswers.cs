using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Pipeline.Api;
using Reporting.Pipeline.Json;

namespace Reporting.Api;

/// <summary>
/// The one answer-to-HTTP step: an <see cref="ApiAnswer"/> as JSON or problem details, or negotiated to CSV with a
/// strong ETag and 304 (<see cref="ApiRepresentation"/>), kept in the <see cref="AnswerCache"/> until the aggregates
/// change. Both hosts write exactly these bytes.
/// </summary>
public static class HttpAnswers
{
    public static IResult Of(ApiAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer.Status == 204 ? Results.NoContent() : Bytes(ApiRepresentation.Of(answer));
    }

    public static IResult Json(object? body, int status = 200) => Of(new ApiAnswer(status, body));

    /// <summary>A body read as JSON, or a 400 naming the body when it is missing or not the JSON expected.</summary>
    public static async Task<(T? Body, IResult? Error)> BodyAsync<T>(HttpContext http) where T : class
    {
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            var body = await System.Text.Json.JsonSerializer.DeserializeAsync<T>(http.Request.Body, ReportingJson.Compact, http.RequestAborted).ConfigureAwait(false);
            return body is null ? (null, BadBody("请求体为空 / the request body is empty")) : (body, null);
        }
        catch (System.Text.Json.JsonException e)
        {
            return (null, BadBody($"请求体不是有效的 JSON / the request body is not valid JSON: {e.Message}"));
        }
    }

    private static IResult BadBody(string message) => Of(AnalystApi.BadRequest(new Dictionary<string, string[]> { ["body"] = [message] }));

    /// <summary>JSON or CSV by format/Accept, with an ETag and 304; a 200 answer is kept until the aggregates change.</summary>
    /// <param name="key">What the answer depends on besides format and Accept (route and query values).</param>
    public static async Task<IResult> NegotiateAsync(HttpContext http, string key, Func<Task<ApiAnswer>> answer, string? format, Func<object, string> csv,
        string csvName)
    {
        ArgumentNullException.ThrowIfNull(http);
        var headers = http.Request.Headers;
        var accept = headers.Accept.ToString();
        // Keyed by what the answer depends on (the form asked for), not by the headers' text, which a caller may vary at will.
        var made = await http.RequestServices.GetRequiredService<AnswerCache>().GetOrAddAsync($"{key}\n{format}\n{ApiRepresentation.WantsCsv(format, accept)}",
            async () => ApiRepresentation.Negotiate(await answer().ConfigureAwait(false), format, accept, null, csv, csvName), http.RequestAborted).ConfigureAwait(false);
        var wire = made.Unless(headers.IfNoneMatch.ToString());
        if (wire.ETag is { } etag)
        {
            http.Response.Headers.ETag = etag;
            http.Response.Headers.Vary = "Accept";
        }
        return wire.Status == 304 ? Results.StatusCode(304) : Bytes(wire);
    }

    /// <summary>A file download: the real (Chinese) name in RFC 5987 form and an ASCII fallback for old clients.</summary>
    public static string Attachment(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return $"attachment; filename=\"{(fileName.All(char.IsAscii) ? fileName : "download" + Path.GetExtension(fileName))}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
    }

    private static IResult Bytes(ApiRepresentation wire) => new WireResult(wire);

    /// <summary>Writes a representation's status, type, disposition and bytes as they are.</summary>
    private sealed class WireResult(ApiRepresentation wire) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = wire.Status;
            response.ContentType = wire.ContentType;
            if (wire.FileName is { } name)
            {
                response.Headers.ContentDisposition = Attachment(name);
            }
            response.ContentLength = wire.Body.Length;
            return response.Body.WriteAsync(wire.Body, httpContext.RequestAborted).AsTask();
        }
    }
}
