using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Reporting.Functions;

/// <summary>The isolated worker's host: Application Insights, then the pipeline's composition (<see cref="FunctionAppServices"/>).</summary>
public static class FunctionApp
{
    /// <summary>The builder <c>Program</c> runs; tests build the same one and resolve every function from it.</summary>
    public static FunctionsApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.Services
            .AddApplicationInsightsTelemetryWorkerService()
            .ConfigureFunctionsApplicationInsights();
        builder.Services.AddReporting(builder.Configuration);
        return builder;
    }
}
