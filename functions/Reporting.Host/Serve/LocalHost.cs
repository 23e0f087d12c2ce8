using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scalar.AspNetCore;

namespace Reporting.Host.Serve;

/// <summary>
/// <c>reporting serve</c>'s web application: the analyst API under /api, its OpenAPI document at /openapi/v1.json
/// and reference page at /scalar, the dashboard at /, and the watcher and worker behind them.
/// </summary>
public static class LocalHost
{
    /// <param name="settings">Settings over appsettings.json and environment variables (tests, and the command line's own).</param>
    public static WebApplication Build(ServeOptions options, IEnumerable<KeyValuePair<string, string?>>? settings = null, Action<IServiceCollection>? replace = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "reporting", ContentRootPath = Directory.GetCurrentDirectory() });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.AddServe(options);
        builder.Services.AddOpenApi();
        builder.Services.AddProblemDetails();
        builder.Services.AddHostedService<ExportWatcher>();
        builder.Services.AddHostedService<PipelineWorker>();
        replace?.Invoke(builder.Services);

        var app = builder.Build();
        app.Use(async (http, next) =>
        {
            // Every line logged for a request carries its id, and the answer names it, so a user's report of a failure can be found.
            var log = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Reporting.Host.Serve.Request");
            using (log.BeginScope(new Dictionary<string, object> { ["RequestId"] = http.TraceIdentifier }))
            {
                http.Response.Headers["X-Request-Id"] = http.TraceIdentifier;
                await next(http);
            }
        });
        // An error status without a body of its own (405, a refused body size) is answered with problem details too.
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapScalarApiReference();
        ApiRoutes.Map(app);
        MapDashboard(app);
        return app;
    }

    /// <summary>The dashboard's files, embedded in the binary: / is index.html, the rest by name.</summary>
    private static void MapDashboard(WebApplication app)
    {
        var assembly = Assembly.GetExecutingAssembly();
        IResult File(string name)
        {
            var stream = assembly.GetManifestResourceStream("dashboard/" + name);
            if (stream is null)
            {
                return Results.NotFound();
            }
            var type = Path.GetExtension(name) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                _ => "application/octet-stream",
            };
            return Results.Stream(stream, type);
        }
        app.MapGet("/", () => File("index.html")).ExcludeFromDescription();
        app.MapGet("/dashboard/{name}", (string name) => File(name)).ExcludeFromDescription();
    }
}
