using Microsoft.Extensions.Hosting;
using Reporting.Functions;
using Reporting.Pipeline.Composition;

using var app = FunctionApp.CreateBuilder(args).Build();
await app.RunStartupWorkAsync();
await app.RunAsync();
