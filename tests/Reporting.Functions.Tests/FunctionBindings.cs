using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Reporting.Functions.Tests;

/// <summary>
/// What the worker's ASP.NET Core integration hands an HTTP function: a request of an <see cref="HttpContext"/> whose
/// services are the function app's, and the response its result is written to.
/// </summary>
internal sealed class TestRequest
{
    public TestRequest(IServiceProvider services, string method, string url, string body = "")
    {
        var uri = new Uri(url);
        Http = new DefaultHttpContext { RequestServices = services };
        var request = Http.Request;
        request.Method = method;
        request.Scheme = uri.Scheme;
        request.Host = HostString.FromUriComponent(uri);
        request.Path = PathString.FromUriComponent(uri);
        request.QueryString = QueryString.FromUriComponent(uri);
        WithBody(body);
        Http.Response.Body = new MemoryStream();
    }

    public HttpContext Http { get; }

    /// <summary>The request with this text (JSON, or not) for its body.</summary>
    public TestRequest WithBody(string text)
    {
        Http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return this;
    }

    /// <summary>The request with a header added, as a client or the platform in front of the app would send it.</summary>
    public TestRequest With(string name, string value)
    {
        Http.Request.Headers.Append(name, value);
        return this;
    }
}

/// <summary>The response a function's result wrote.</summary>
internal sealed class TestResponse(HttpResponse response)
{
    public HttpStatusCode StatusCode => (HttpStatusCode)response.StatusCode;

    public byte[] Bytes => ((MemoryStream)response.Body).ToArray();

    public string Text => Encoding.UTF8.GetString(Bytes);

    public string? Header(string name) => response.Headers.TryGetValue(name, out var values) ? values.ToString() : null;
}

/// <summary>The invocation an HTTP function is handed beside its request: only its cancellation is read.</summary>
internal sealed class TestFunctionContext(CancellationToken cancellation = default) : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString("N");
    public override string FunctionId => "test-function";
    public override TraceContext TraceContext => throw new NotSupportedException();
    public override BindingContext BindingContext => throw new NotSupportedException();
    public override RetryContext RetryContext => throw new NotSupportedException();
    public override IServiceProvider InstanceServices { get; set; } = null!;
    public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();
    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();
    public override IInvocationFeatures Features => throw new NotSupportedException();
    public override CancellationToken CancellationToken { get; } = cancellation;
}
