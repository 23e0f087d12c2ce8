using System.CommandLine;

namespace Reporting.Host.Cli;

/// <summary>The <c>reporting</c> command line. Names and options are a contract other tools rely on.</summary>
public static class ReportingCli
{
    /// <param name="settings">Settings over appsettings.json and environment variables (tests).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider clock, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var context = new CliContext(stdout, stderr, clock, Interactive: ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected, settings);
        var root = new RootCommand("审判质量管理指标报送流水线 / court indicator reporting pipeline")
        {
            GenerateCommand.Create(context),
            CourtsCommand.Create(context),
            IngestCommand.Create(context),
            AggregateCommand.Create(context),
            QueryCommand.Create(context),
            RenderCommand.Create(context),
            DemoCommand.Create(context),
            Serve.ServeCommand.Create(context),
        };
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr };
        return await root.Parse(args).InvokeAsync(configuration).ConfigureAwait(false);
    }

    /// <summary>--data DIR: the local data folder, ./.reporting by default.</summary>
    public static Option<string> DataOption() => new("--data")
    {
        Description = "数据目录 / data folder (default ./.reporting)",
        DefaultValueFactory = _ => CommandHost.DefaultData,
    };

    public static string InvalidPeriod(string? text) =>
        "--period: " + Reporting.Core.Periods.Period.Invalid(text);

    public static string NoAggregates(string court, Reporting.Core.Periods.Period period, bool registered) =>
        $"没有法院“{court}”期间 {period} 的汇总数据{(registered ? "" : "（该法院不在法院名录中 / the court is not in the registry）")}；请先运行 reporting aggregate / " +
        $"no aggregates for court '{court}' and period {period}: run `reporting aggregate` first";
}
