using Reporting.Benchmarks;

return await EndToEnd.RunAsync(args);
