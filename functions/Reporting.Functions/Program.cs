using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Reporting.Functions;

// The isolated worker host: Application Insights, then the pipeline's composition (FunctionAppServices).
var builder = FunctionsApplication.CreateBuilder(args);
builder.Services
    .AddApplicationInsightsTelemetryWorkerService()
    .ConfigureFunctionsApplicationInsights();
builder.Services.AddReporting(builder.Configuration);
builder.Build().Run();
