using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Core.Courts;
using Reporting.Ingestion.Reports;
using Reporting.Pipeline.Ingest;
using Reporting.Pipeline.Json;

namespace Reporting.Host.Cli;

/// <summary>
/// <c>reporting ingest FILE... [--court CODE] [--window yyyy-MM] [--data DIR] [--format text|json]</c>.
/// Exit 0 when every file was ingested (rejected rows included), 2 when one was rejected whole, 1 for usage errors.
/// </summary>
public static class IngestCommand
{
    private const int ShownErrors = 20;

    public static Command Create(CliContext context)
    {
        var files = new Argument<string[]>("FILE") { Description = "导出文件 / export files", Arity = ArgumentArity.OneOrMore };
        var court = new Option<string?>("--court") { Description = "上传法院代字（默认取路径中的法院）/ uploading court (default: from the path)" };
        var window = new Option<string?>("--window") { Description = "导出窗口 yyyy-MM（默认取路径或文件中最晚日期）/ export window" };
        var format = new Option<string>("--format") { Description = "text | json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var data = ReportingCli.DataOption();
        var command = new Command("ingest", "导入法院导出文件 / ingest court exports") { files, court, window, format, data };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(window) is { } given && !ExportPath.IsWindow(given))
            {
                context.Error.WriteLine($"--window 应为 yyyy-MM 格式，如 2025-12，而不是“{Printable(given)}” / --window must be yyyy-MM, e.g. 2025-12");
                return 1;
            }
            if (parse.GetValue(court) is { } code && !CourtCode.IsWellFormed(code))
            {
                context.Error.WriteLine($"--court “{Printable(code)}”不是有效的法院代字（如 京0105、粤07、京、最高法）/ --court is not a valid court code (e.g. 京0105, 粤07, 京, 最高法)");
                return 1;
            }
            await using var host = await CommandHost.StartAsync(context, parse.GetValue(data)!, cancellationToken).ConfigureAwait(false);
            if (host is null)
            {
                return 1;
            }
            var json = parse.GetValue(format) == "json";
            var (reports, exit) = await IngestAsync(context, host, parse.GetValue(files)!, parse.GetValue(court), parse.GetValue(window), !json,
                cancellationToken).ConfigureAwait(false);
            if (json)
            {
                object output = reports.Count == 1 ? reports[0] : reports;
                context.Out.WriteLine(JsonSerializer.Serialize(output, ReportingJson.Indented));
            }
            return exit;
        });
        return command;
    }

    internal static async Task<(List<IngestionReport> Reports, int Exit)> IngestAsync(CliContext context, CommandHost host, IEnumerable<string> files,
        string? court, string? window, bool printText, CancellationToken cancellationToken)
    {
        var reports = new List<IngestionReport>();
        var ingest = host.Services.GetRequiredService<IngestExport>();
        var exit = 0;
        var uploads = new List<ExportUpload>();
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                context.Error.WriteLine($"文件不存在 / no such file: {file}");
                exit = Math.Max(exit, 1);
                continue;
            }
            var (pathCourt, pathWindow) = ExportPath.Parse(Path.GetFullPath(file));
            var uploader = court ?? pathCourt;
            if (uploader is null)
            {
                context.Error.WriteLine($"无法从路径确定上传法院，请用 --court 指定 / cannot tell the uploading court from the path of {file}; give --court");
                exit = Math.Max(exit, 1);
                continue;
            }
            uploads.Add(new ExportUpload(Path.GetFullPath(file), file, uploader, window ?? (court is null || court == pathCourt ? pathWindow : null),
                context.Clock.GetUtcNow()));
        }
        using var progress = new TerminalProgress(context, "导入 / ingesting", uploads.Count);
        foreach (var report in Ingestions(ingest, uploads, progress, cancellationToken))
        {
            var done = await report.ConfigureAwait(false);
            reports.Add(done);
            if (done.Status == IngestionStatus.Rejected)
            {
                exit = 2;
            }
            if (printText)
            {
                progress.Clear();
                PrintText(context, host.Data, done);
            }
        }
        return (reports, exit);
    }

    /// <summary>
    /// Runs the uploads two at a time, one court's files strictly in the order given (a later file for the same window
    /// replaces an earlier one), and yields the reports in the order given.
    /// </summary>
    private static IEnumerable<Task<IngestionReport>> Ingestions(IngestExport ingest, IReadOnlyList<ExportUpload> uploads, TerminalProgress progress,
        CancellationToken cancellationToken)
    {
        var results = uploads.Select(_ => new TaskCompletionSource<IngestionReport>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var gate = new SemaphoreSlim(2);
        var rows = new long[uploads.Count];
        foreach (var court in Enumerable.Range(0, uploads.Count).GroupBy(i => uploads[i].Court))
        {
            _ = Task.Run(async () =>
            {
                foreach (var i in court)
                {
                    try
                    {
                        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                        try
                        {
                            var fileProgress = new SyncProgress(n =>
                            {
                                Volatile.Write(ref rows[i], n);
                                progress.Report(rows.Sum());
                            });
                            var report = await ingest.RunAsync(uploads[i], fileProgress, cancellationToken).ConfigureAwait(false);
                            // Counted before it is handed over: the reader of the last report closes the progress line.
                            progress.ItemDone();
                            results[i].SetResult(report);
                        }
                        finally
                        {
                            gate.Release();
                        }
                    }
                    catch (Exception e)
                    {
                        results[i].TrySetException(e);
                    }
                }
            }, CancellationToken.None);
        }
        return results.Select(r => r.Task);
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to a thread-pool thread out of order).</summary>
    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    /// <summary>
    /// Text from a court's file made safe for a terminal: control characters (an escape sequence could clear the screen
    /// or rewrite what was printed before) and bidirectional overrides are shown as \xNN or \uNNNN instead of being sent.
    /// </summary>
    internal static string Printable(string text)
    {
        if (!text.Any(Unsafe))
        {
            return text;
        }
        var safe = new System.Text.StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            safe.Append(Unsafe(c) ? (c <= 0xFF ? $"\\x{(int)c:X2}" : $"\\u{(int)c:X4}") : c);
        }
        return safe.ToString();
    }

    /// <summary>Control characters, and the bidirectional overrides that would make a terminal show text reordered.</summary>
    private static bool Unsafe(char c) => char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    private static void PrintText(CliContext context, string data, IngestionReport report)
    {
        var o = new PrintableWriter(context.Out);
        var status = report.Status switch
        {
            IngestionStatus.Accepted => "已接收 accepted",
            IngestionStatus.Partial => "部分接收 partial",
            _ => "拒收 rejected",
        };
        o.WriteLine($"{report.File}: {status}{(report.AlreadyIngested ? "（此文件已导入过，未作任何更改 / already ingested, nothing changed）" : "")}");
        if (report.Reason is not null)
        {
            o.WriteLine($"  原因 / reason: {report.Reason}");
        }
        if (report.Format is not null)
        {
            o.WriteLine($"  {report.Court} {report.Window} · {report.Format} · {report.Encoding} · 读取/read {report.RowsRead:N0} · 接收/accepted {report.RowsAccepted:N0} · 拒绝/rejected {report.RowsRejected:N0} · 入库案件/cases stored {report.CasesStored:N0}");
        }
        foreach (var warning in report.Warnings)
        {
            o.WriteLine($"  提示 / note: {warning}");
        }
        if (report.PersonalColumns.Count > 0)
        {
            o.WriteLine($"  已删除个人信息列 / personal columns dropped: {string.Join(", ", report.PersonalColumns)}");
        }
        if (report.UnknownColumns.Count > 0)
        {
            o.WriteLine($"  未识别的列（未保存）/ unknown columns (not stored): {string.Join(", ", report.UnknownColumns)}");
        }
        foreach (var error in report.Errors.Take(ShownErrors))
        {
            var where = error.Row is null ? "文件 / file" : $"第{error.Row}行 / row {error.Row}";
            var column = error.Column is null ? "" : $" {error.Column}";
            var value = error.Value is null ? "" : $" “{error.Value}”";
            o.WriteLine($"  {where}{column}{value}: {error.Reason}");
        }
        var more = report.Errors.Count - ShownErrors + report.ErrorsNotListed;
        if (more > 0)
        {
            o.WriteLine($"  …另有 {more} 条错误，见报告 / {more} more errors in the report");
        }
        if (report.ReportFile is not null)
        {
            o.WriteLine($"  报告 / report: {Path.Combine(data, report.ReportFile)}");
        }
        if (report.QuarantineFile is not null)
        {
            o.WriteLine($"  隔离行 / quarantined rows: {Path.Combine(data, report.QuarantineFile)}");
        }
    }

    /// <summary>Writes each line through <see cref="Printable"/>: every line of the text report may carry a value from the file.</summary>
    private sealed class PrintableWriter(TextWriter inner)
    {
        public void WriteLine(string line) => inner.WriteLine(Printable(line));
    }
}
