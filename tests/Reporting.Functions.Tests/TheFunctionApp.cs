using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Reporting.Pipeline.Composition;

namespace Reporting.Functions.Tests;

/// <summary>The function app's host as <c>Program</c> builds it (the real worker's composition), built but not started: starting needs the Functions host on the other end of gRPC.</summary>
internal static class TheFunctionApp
{
    /// <param name="settings">App settings, as the Functions host passes them in as environment variables.</param>
    /// <param name="edges">Test edges registered after the app's (so they win), e.g. the test server's Cosmos client.</param>
    public static IHost Build(IDictionary<string, string?> settings, Action<IServiceCollection>? edges = null)
    {
        var builder = FunctionApp.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(settings);
        edges?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>
    /// <see cref="Build"/>, then the app's startup work as the host's start runs it (settings checked, the registry
    /// read): everything a worker does before its first invocation, short of connecting to the Functions host.
    /// </summary>
    public static async Task<IHost> StartAsync(IDictionary<string, string?> settings, Action<IServiceCollection>? edges = null)
    {
        var app = Build(settings, edges);
        try
        {
            await app.RunStartupWorkAsync();
        }
        catch
        {
            app.Dispose();
            throw;
        }
        return app;
    }
}
