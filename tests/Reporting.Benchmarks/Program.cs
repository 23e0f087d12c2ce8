using Reporting.Benchmarks;

return args.Contains("--report") ? ReportRendering.Run(args) : await EndToEnd.RunAsync(args);
