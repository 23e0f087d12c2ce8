using Microsoft.AspNetCore.Builder;

namespace Reporting.Api;

/// <summary>
/// One route of the analyst API: the name the function app gives its function, the method, the template under
/// /api, and the handler: a minimal-API delegate, bound alike in both hosts (route values, query, services, the
/// request's cancellation). <see cref="Describe"/> adds what the OpenAPI document says of it.
/// </summary>
public sealed record ApiRoute(string Name, string Method, string Template, Delegate Handler, Action<RouteHandlerBuilder> Describe)
{
    public string Key => $"{Method} api/{Template}";
}
