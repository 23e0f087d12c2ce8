using Microsoft.Extensions.Hosting;
using Reporting.Functions;

FunctionApp.CreateBuilder(args).Build().Run();
