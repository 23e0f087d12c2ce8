using System.CommandLine;

namespace Reporting.Host.Cli;

/// <summary>The <c>reporting</c> command line. Names and options are a contract other tools rely on.</summary>
public static class ReportingCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        var context = new CliContext(stdout, stderr, clock, Interactive: ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected);
        var root = new RootCommand("审判质量管理指标报送流水线 / court indicator reporting pipeline")
        {
            GenerateCommand.Create(context),
            CourtsCommand.Create(context),
            IngestCommand.Create(context),
            AggregateCommand.Create(context),
            QueryCommand.Create(context),
            RenderCommand.Create(context),
            DemoCommand.Create(context),
        };
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr };
        return await root.Parse(args).InvokeAsync(configuration).ConfigureAwait(false);
    }

    /// <summary>--data DIR: the local data folder, ./.reporting by default.</summary>
    public static Option<string> DataOption() => new("--data")
    {
        Description = "数据目录 / data folder (default ./.reporting)",
        DefaultValueFactory = _ => DataFolder.DefaultPath,
    };
}
