using System.Collections.Specialized;
using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace Reporting.Functions.Tests;

/// <summary>
/// What the Functions host hands an HTTP function, built on the worker's own abstract types: an invocation whose
/// services are the function app's (so the worker's serializer and options are the app's), a request, a response.
/// </summary>
internal sealed class TestFunctionContext(IServiceProvider services) : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString("N");
    public override string FunctionId => "test-function";
    public override TraceContext TraceContext => throw new NotSupportedException();
    public override BindingContext BindingContext => throw new NotSupportedException();
    public override RetryContext RetryContext => throw new NotSupportedException();
    public override IServiceProvider InstanceServices { get; set; } = services;
    public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();
    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();
    public override IInvocationFeatures Features => throw new NotSupportedException();
}

internal sealed class TestRequest(IServiceProvider services, string method, string url, string body = "") : HttpRequestData(new TestFunctionContext(services))
{
    private Stream _body = new MemoryStream(Encoding.UTF8.GetBytes(body));

    public override Stream Body => _body;
    public override HttpHeadersCollection Headers { get; } = [];
    public override IReadOnlyCollection<IHttpCookie> Cookies { get; } = [];
    public override Uri Url { get; } = new(url);
    public override IEnumerable<ClaimsIdentity> Identities { get; } = [];
    public override string Method { get; } = method;

    public override HttpResponseData CreateResponse() => new TestResponse(FunctionContext);

    /// <summary>The request with this text (JSON, or not) for its body.</summary>
    public TestRequest WithBody(string text)
    {
        _body = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return this;
    }

    /// <summary>The request with a header added, as a client or the platform in front of the app would send it.</summary>
    public TestRequest With(string name, string value)
    {
        Headers.TryAddWithoutValidation(name, value);
        return this;
    }
}

internal sealed class TestResponse(FunctionContext context) : HttpResponseData(context)
{
    public override HttpStatusCode StatusCode { get; set; }
    public override HttpHeadersCollection Headers { get; set; } = [];
    public override Stream Body { get; set; } = new MemoryStream();
    public override HttpCookies Cookies => throw new NotSupportedException();

    public byte[] Bytes => ((MemoryStream)Body).ToArray();

    public string Text => Encoding.UTF8.GetString(Bytes);

    public string? Header(string name) => Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
