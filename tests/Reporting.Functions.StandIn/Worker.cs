// Stand-in for Microsoft.Azure.Functions.Worker(.Core, .Extensions.*): only what the function app uses.
using System.Collections.Specialized;
using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;
using Microsoft.Azure.Functions.Worker.Http;

namespace Microsoft.Azure.Functions.Worker.Extensions.Abstractions
{
    [AttributeUsage(AttributeTargets.Parameter)]
    public abstract class TriggerBindingAttribute : Attribute;

    [AttributeUsage(AttributeTargets.Parameter)]
    public abstract class InputBindingAttribute : Attribute;
}

namespace Microsoft.Azure.Functions.Worker
{
    [AttributeUsage(AttributeTargets.Method)]
    public class FunctionAttribute(string name) : Attribute
    {
        public string Name { get; } = name;
    }

    public enum BlobTriggerSource { LogsAndContainerScan, EventGrid }

    public sealed class BlobTriggerAttribute(string blobPath) : TriggerBindingAttribute
    {
        public string BlobPath { get; } = blobPath;
        public string? Connection { get; set; }
        public BlobTriggerSource Source { get; set; } = BlobTriggerSource.LogsAndContainerScan;
    }

    public sealed class TimerTriggerAttribute(string schedule) : TriggerBindingAttribute
    {
        public string Schedule { get; private set; } = schedule;
        public bool UseMonitor { get; set; } = true;
        public bool RunOnStartup { get; set; }
    }

    public class TimerInfo
    {
        public ScheduleStatus? ScheduleStatus { get; set; }
        public bool IsPastDue { get; set; }
    }

    public class ScheduleStatus
    {
        public DateTime Last { get; set; }
        public DateTime Next { get; set; }
        public DateTime LastUpdated { get; set; }
    }

    public enum AuthorizationLevel { Anonymous = 0, User = 1, Function = 2, System = 3, Admin = 4 }

    public sealed class HttpTriggerAttribute : TriggerBindingAttribute
    {
        public HttpTriggerAttribute() => AuthLevel = AuthorizationLevel.Function;
        public HttpTriggerAttribute(params string[] methods) => Methods = methods;
        public HttpTriggerAttribute(AuthorizationLevel authLevel) => AuthLevel = authLevel;
        public HttpTriggerAttribute(AuthorizationLevel authLevel, params string[] methods)
        {
            AuthLevel = authLevel;
            Methods = methods;
        }

        public string? Route { get; set; }
        public string[]? Methods { get; private set; }
        public AuthorizationLevel AuthLevel { get; private set; }
    }

    public abstract class FunctionContext
    {
        public abstract string InvocationId { get; }
        public abstract string FunctionId { get; }
        public abstract IServiceProvider InstanceServices { get; set; }
        public abstract IDictionary<object, object> Items { get; set; }
        public virtual CancellationToken CancellationToken { get; }
    }

    [AttributeUsage(AttributeTargets.Parameter)]
    public sealed class OrchestrationTriggerAttribute : TriggerBindingAttribute
    {
        public string? Orchestration { get; set; }
    }

    [AttributeUsage(AttributeTargets.Parameter)]
    public sealed class ActivityTriggerAttribute : TriggerBindingAttribute
    {
        public string? Activity { get; set; }
    }

    public sealed class DurableClientAttribute : InputBindingAttribute
    {
        public string? TaskHub { get; set; }
        public string? ConnectionName { get; set; }
    }

    public static class DurableTaskClientExtensions
    {
        /// <summary>The real one writes the management URLs as JSON with 202 and a Location header.</summary>
        public static async Task<HttpResponseData> CreateCheckStatusResponseAsync(this Microsoft.DurableTask.Client.DurableTaskClient client,
            HttpRequestData request, string instanceId, CancellationToken cancellation = default)
        {
            ArgumentNullException.ThrowIfNull(client);
            var response = request.CreateResponse(HttpStatusCode.Accepted);
            response.Headers.Add("Location", new Uri(request.Url, $"/runtime/webhooks/durabletask/instances/{instanceId}").ToString());
            await response.WriteAsJsonAsync(new { id = instanceId }, cancellation).ConfigureAwait(false);
            return response;
        }
    }
}

namespace Microsoft.Azure.Functions.Worker.Http
{
    public class HttpHeadersCollection : System.Net.Http.Headers.HttpHeaders;

    public interface IHttpCookie
    {
        string Name { get; }
        string Value { get; }
    }

    public abstract class HttpCookies
    {
        public abstract void Append(string name, string value);
    }

    public abstract class HttpRequestData(FunctionContext functionContext)
    {
        public abstract Stream Body { get; }
        public abstract HttpHeadersCollection Headers { get; }
        public abstract IReadOnlyCollection<IHttpCookie> Cookies { get; }
        public abstract Uri Url { get; }
        public abstract IEnumerable<ClaimsIdentity> Identities { get; }
        public abstract string Method { get; }
        public FunctionContext FunctionContext { get; } = functionContext;
        public virtual NameValueCollection Query => System.Web.HttpUtility.ParseQueryString(Url.Query);
        public abstract HttpResponseData CreateResponse();
    }

    public abstract class HttpResponseData(FunctionContext functionContext)
    {
        public abstract HttpStatusCode StatusCode { get; set; }
        public abstract HttpHeadersCollection Headers { get; set; }
        public abstract Stream Body { get; set; }
        public abstract HttpCookies Cookies { get; }
        public FunctionContext FunctionContext { get; } = functionContext;
    }

    public static class HttpRequestDataExtensions
    {
        public static HttpResponseData CreateResponse(this HttpRequestData request, HttpStatusCode statusCode)
        {
            ArgumentNullException.ThrowIfNull(request);
            var response = request.CreateResponse();
            response.StatusCode = statusCode;
            return response;
        }

        public static async Task<string?> ReadAsStringAsync(this HttpRequestData request, Encoding? encoding = null)
        {
            ArgumentNullException.ThrowIfNull(request);
            using var reader = new StreamReader(request.Body, encoding ?? Encoding.UTF8, leaveOpen: true);
            return await reader.ReadToEndAsync().ConfigureAwait(false);
        }
    }

    public static class HttpResponseDataExtensions
    {
        public static async Task WriteStringAsync(this HttpResponseData response, string value, Encoding? encoding = null)
        {
            ArgumentNullException.ThrowIfNull(response);
            await response.Body.WriteAsync((encoding ?? Encoding.UTF8).GetBytes(value)).ConfigureAwait(false);
        }

        public static async Task WriteBytesAsync(this HttpResponseData response, byte[] value)
        {
            ArgumentNullException.ThrowIfNull(response);
            await response.Body.WriteAsync(value).ConfigureAwait(false);
        }

        public static ValueTask WriteAsJsonAsync<T>(this HttpResponseData response, T instance, CancellationToken cancellationToken = default) =>
            response.WriteAsJsonAsync(instance, "application/json; charset=utf-8", cancellationToken);

        public static async ValueTask WriteAsJsonAsync<T>(this HttpResponseData response, T instance, string contentType, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(response);
            response.Headers.Remove("Content-Type");
            response.Headers.TryAddWithoutValidation("Content-Type", contentType);
            await JsonSerializer.SerializeAsync(response.Body, instance, JsonSerializerOptions.Web, cancellationToken).ConfigureAwait(false);
        }
    }
}
