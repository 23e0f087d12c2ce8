using System.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Reporting.Functions.Api;
using Reporting.Host.Serve;

namespace Reporting.Functions.Tests;

/// <summary>The function app and <c>reporting serve</c> answer the analyst API on the same routes, so a client works against either.</summary>
public sealed class RouteTableTests
{
    /// <summary>
    /// Serve takes uploads over HTTP, where the function app takes them into its blob container; the function app
    /// shows a Durable instance by id, where serve shows its tree's state at /aggregations.
    /// </summary>
    private static readonly string[] ServeOnly = ["POST api/courts/{court}/exports"];
    private static readonly string[] FunctionAppOnly = ["GET api/aggregations/{instanceId}"];

    [Fact]
    public void TheFunctionApp_AndTheLocalHost_ServeTheSameApiRoutes()
    {
        var functionApp = new[] { typeof(ApiFunctions), typeof(DeliveryFunctions) }
            .SelectMany(t => t.GetMethods())
            .SelectMany(m => m.GetParameters())
            .Select(p => p.GetCustomAttribute<HttpTriggerAttribute>())
            .OfType<HttpTriggerAttribute>()
            .SelectMany(t => t.Methods!.Select(m => $"{m.ToUpperInvariant()} api/{t.Route}"))
            .ToHashSet();
        var functionLevels = new[] { typeof(ApiFunctions), typeof(DeliveryFunctions) }
            .SelectMany(t => t.GetMethods()).SelectMany(m => m.GetParameters())
            .Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>().Select(t => t.AuthLevel).Distinct();

        var data = Directory.CreateTempSubdirectory("routes-");
        try
        {
            var app = LocalHost.Build(new ServeOptions(data.FullName, "http://127.0.0.1:0", ServeOptions.LocalStorage, ServeOptions.SqliteStore));
            var serve = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
                .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
                .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText![1..]}"))
                .ToHashSet();

            Assert.Equal(serve.Except(ServeOnly).Order(), functionApp.Except(FunctionAppOnly).Order());
            Assert.Subset(serve, ServeOnly.ToHashSet());
            Assert.Subset(functionApp, FunctionAppOnly.ToHashSet());
            // The court gate decides who may call, as in serve; a function key on top would make clients differ.
            Assert.Equal([AuthorizationLevel.Anonymous], functionLevels);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
