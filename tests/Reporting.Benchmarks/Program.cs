using Reporting.Benchmarks;

return args.Contains("--report") ? ReportRendering.Run(args)
    : args.Contains("--load") ? await QueryLoad.RunAsync(args)
    : await EndToEnd.RunAsync(args);
