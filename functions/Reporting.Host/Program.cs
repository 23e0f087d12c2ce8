using Reporting.Host.Cli;

return await ReportingCli.RunAsync(args, Console.Out, Console.Error, TimeProvider.System);
