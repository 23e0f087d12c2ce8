using System.CommandLine;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Reporting.Host.Cli;
using Reporting.Pipeline.Composition;

namespace Reporting.Host.Serve;

/// <summary><c>reporting serve [--data DIR] [--urls URL] [--storage local|azurite] [--store sqlite|cosmos]</c>.</summary>
public static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var data = ReportingCli.DataOption();
        var urls = new Option<string>("--urls") { Description = "监听地址 / where to listen", DefaultValueFactory = _ => "http://127.0.0.1:7071" };
        var storage = new Option<string>("--storage") { Description = "文件存储：local（数据目录）或 azurite / file store", DefaultValueFactory = _ => ServeOptions.LocalStorage };
        storage.AcceptOnlyFromAmong(ServeOptions.LocalStorage, ServeOptions.AzuriteStorage);
        var store = new Option<string>("--store") { Description = "汇总库：sqlite（数据目录）或 cosmos / aggregate store", DefaultValueFactory = _ => ServeOptions.SqliteStore };
        store.AcceptOnlyFromAmong(ServeOptions.SqliteStore, ServeOptions.CosmosStore);
        var command = new Command("serve", "本地服务：监视导出、汇总、定时生成并投递报告、分析 API 与仪表板 / local host: watch, aggregate, report, API and dashboard")
        {
            data, urls, storage, store,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new ServeOptions(Path.GetFullPath(parse.GetValue(data)!), parse.GetValue(urls)!, parse.GetValue(storage)!, parse.GetValue(store)!);
            var app = LocalHost.Build(options, context.Settings);
            try
            {
                await app.RunStartupWorkAsync(cancellationToken).ConfigureAwait(false);
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (CommandHost.IsStartupError(e))
            {
                context.Error.WriteLine(e.Message);
                await app.DisposeAsync().ConfigureAwait(false);
                return 1;
            }
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var address = addresses.FirstOrDefault() ?? options.Urls;
            context.Out.WriteLine($"reporting serve: 仪表板 / dashboard {address}/  API {address}/api  OpenAPI {address}/openapi/v1.json  参考 / reference {address}/scalar");
            context.Out.WriteLine($"数据 / data: {options.Data} ({options.Storage}, {options.Store})；导出放入 / drop exports into court-exports/{{court}}/{{yyyy-MM}}/");
            foreach (var key in app.Services.GetRequiredService<LocalKeys>().Generated)
            {
                context.Out.WriteLine($"未配置 Reporting:ApiKeys，本次临时密钥 / no API keys set; key for this run: {key.Court} {key.Secret}");
            }
            await context.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
                await app.DisposeAsync().ConfigureAwait(false);
            }
            return 0;
        });
        return command;
    }
}
