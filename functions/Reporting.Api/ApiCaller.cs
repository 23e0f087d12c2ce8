using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Pipeline.Access;
using Reporting.Pipeline.Api;

namespace Reporting.Api;

/// <summary>Who is calling: signed in once per request by <see cref="SignIn"/>, then read by every handler.</summary>
public static class ApiCaller
{
    /// <summary>
    /// The caller an API key names, or the principal a platform signed in (believed only where the host's
    /// <see cref="CourtPrincipals"/> says the platform vouches for the header; never in <c>reporting serve</c>).
    /// Null when neither: the request is answered 401 with the challenge.
    /// </summary>
    public static CourtCaller? SignIn(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var headers = http.Request.Headers;
        var caller = http.RequestServices.GetRequiredService<ApiGate>().SignIn(headers[ApiGate.KeyHeader].FirstOrDefault(), headers[ApiGate.PrincipalHeader].FirstOrDefault());
        if (caller is not null)
        {
            http.Items[typeof(CourtCaller)] = caller;
        }
        return caller;
    }

    public static CourtCaller Of(HttpContext http) =>
        http.Items[typeof(CourtCaller)] as CourtCaller ?? throw new InvalidOperationException("the request was not signed in (ApiCaller.SignIn)");

    public static IResult Unauthenticated(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.WWWAuthenticate = ApiGate.Challenge;
        return HttpAnswers.Of(ApiGate.Unauthenticated);
    }
}
