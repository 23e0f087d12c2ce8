using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Reporting.Core.Courts;

namespace Reporting.Benchmarks;

/// <summary>
/// The analyst API under load on loopback (issue 7): <c>reporting serve</c> over the demo province in SQLite runs as a
/// child process, and N client loops in this process ask for indicator tables until a request count or a duration is
/// reached, whichever comes first.
///   dotnet run -c Release --project tests/Reporting.Benchmarks -- --load [--clients 50,200] [--requests 200000]
///       [--duration 20] [--warmup 3] [--runs 3] [--scenarios table,children] [--tiered] [--reporting PATH]
/// --tiered runs the server with tiered compilation (and so dynamic PGO) on, which the CLI turns off for its batch commands.
/// </summary>
public static partial class QueryLoad
{
    private const string Key = "bench-load-key";

    private sealed record Measurement(string Scenario, int Clients, int Requests, double Seconds, double P50, double P90, double P99, double Max,
        double ServerCores, double GeneratorCores, IReadOnlyDictionary<string, int> Errors)
    {
        public double PerSecond => Requests / Seconds;
        public int ErrorCount => Errors.Values.Sum();

        /// <summary>Server CPU time per answered request: less sensitive than req/s to other work on this shared machine.</summary>
        public double ServerMicroseconds => ServerCores * Seconds / Requests * 1e6;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var clients = (EndToEnd.Arg(args, "--clients") ?? "50,200").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList();
        var requests = int.Parse(EndToEnd.Arg(args, "--requests") ?? "200000", CultureInfo.InvariantCulture);
        var duration = Seconds(EndToEnd.Arg(args, "--duration") ?? "20");
        var warmup = Seconds(EndToEnd.Arg(args, "--warmup") ?? "3");
        var runs = int.Parse(EndToEnd.Arg(args, "--runs") ?? "3", CultureInfo.InvariantCulture);
        var scenarios = (EndToEnd.Arg(args, "--scenarios") ?? "table,children").Split(',');
        var work = Path.GetFullPath(EndToEnd.Arg(args, "--work") ?? ".bench");
        var reporting = EndToEnd.Arg(args, "--reporting") ?? ReportingBinary();

        var registry = CourtRegistry.Demo();
        var data = Prepare(reporting, work);
        var tiered = args.Contains("--tiered");
        using var server = await ServeProcess.StartAsync(reporting, data, registry.Roots.Single().Code, tiered);
        Console.WriteLine($"reporting serve ({reporting}{(tiered ? ", tiered compilation on" : "")}) at {server.Address} over {data}; {Environment.ProcessorCount} cores; " +
            $"up to {requests:N0} requests or {duration.TotalSeconds:F0} s per measurement after {warmup.TotalSeconds:F0} s of warm-up");
        Console.WriteLine("| run | scenario | clients | requests | errors | wall | req/s | p50 ms | p90 ms | p99 ms | max ms | server cores | server µs/request | generator cores |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        var all = new List<Measurement>();
        for (var run = 1; run <= runs; run++)
        {
            foreach (var scenario in scenarios)
            {
                var paths = Paths(registry, scenario);
                foreach (var count in clients)
                {
                    var m = await MeasureAsync(server, paths, scenario, count, requests, duration, warmup);
                    all.Add(m);
                    Console.WriteLine($"| {run} | {m.Scenario} | {m.Clients} | {m.Requests:N0} | {m.ErrorCount} | {m.Seconds:F1} s | {m.PerSecond:N0} | " +
                        $"{m.P50:F1} | {m.P90:F1} | {m.P99:F1} | {m.Max:F0} | {m.ServerCores:F2} | {m.ServerMicroseconds:F0} | {m.GeneratorCores:F2} |");
                    foreach (var (kind, n) in m.Errors)
                    {
                        Console.WriteLine($"  errors: {n:N0} × {kind}");
                    }
                }
            }
        }
        Console.WriteLine();
        Console.WriteLine($"medians of {runs} runs (each figure its own median):");
        Console.WriteLine("| scenario | clients | req/s | p50 ms | p90 ms | p99 ms | max ms | errors (all runs) | server cores | server µs/request | generator cores |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var group in all.GroupBy(m => (m.Scenario, m.Clients)))
        {
            double Median(Func<Measurement, double> of) => group.Select(of).Order().ElementAt(group.Count() / 2);
            Console.WriteLine($"| {group.Key.Scenario} | {group.Key.Clients} | {Median(m => m.PerSecond):N0} | {Median(m => m.P50):F1} | {Median(m => m.P90):F1} | " +
                $"{Median(m => m.P99):F1} | {Median(m => m.Max):F0} | {group.Sum(m => m.ErrorCount)} | {Median(m => m.ServerCores):F2} | {Median(m => m.ServerMicroseconds):F0} | {Median(m => m.GeneratorCores):F2} |");
        }
        return all.Any(m => m.ErrorCount > 0) ? 1 : 0;
    }

    /// <summary>
    /// Every court and period of the province, shuffled with a fixed seed so that consecutive requests read different
    /// rows; "children" asks the courts that have subordinate courts for their table with the subordinates' tables.
    /// </summary>
    private static string[] Paths(CourtRegistry registry, string scenario)
    {
        var (courts, query) = scenario switch
        {
            "table" => (registry.Courts, ""),
            "children" => (registry.Courts.Where(c => registry.ChildrenOf(c.Code).Count > 0).ToList(), "?children=true"),
            _ => throw new ArgumentException($"unknown scenario '{scenario}': table or children"),
        };
        var paths = courts.SelectMany(c => Periods().Select(p => $"api/courts/{Uri.EscapeDataString(c.Code)}/indicators/{p}{query}")).ToArray();
        new Random(2024).Shuffle(paths);
        return paths;
    }

    /// <summary>The periods `reporting aggregate` computes for 24 generated months ending 2025-12: 24 months, 8 quarters, 2 years.</summary>
    private static IEnumerable<string> Periods() =>
        Enumerable.Range(0, 24).Select(m => $"{2024 + m / 12}-{m % 12 + 1:00}")
            .Concat(Enumerable.Range(0, 8).Select(q => $"{2024 + q / 4}-Q{q % 4 + 1}"))
            .Concat(["2024", "2025"]);

    private static async Task<Measurement> MeasureAsync(ServeProcess server, string[] paths, string scenario, int clients, int requests,
        TimeSpan duration, TimeSpan warmup)
    {
        // A fresh connection pool per measurement, filled during the warm-up: one keep-alive connection per client.
        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = clients,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);

        await new ClientLoops(http, paths, int.MaxValue, warmup, latencies: null).RunAsync(clients);

        var latencies = new long[requests];
        var loops = new ClientLoops(http, paths, requests, duration, latencies);
        using var self = Process.GetCurrentProcess();
        var serverBefore = server.ProcessorTime();
        var ownBefore = self.TotalProcessorTime;
        var wall = await loops.RunAsync(clients);
        var serverCpu = server.ProcessorTime() - serverBefore;
        self.Refresh();
        var ownCpu = self.TotalProcessorTime - ownBefore;

        var done = loops.Completed;
        Array.Sort(latencies, 0, done);
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        double Percentile(double q) => Ms(latencies[Math.Max(0, (int)Math.Ceiling(q * done) - 1)]);
        return new Measurement(scenario, clients, done, wall.TotalSeconds, Percentile(0.50), Percentile(0.90), Percentile(0.99), Ms(latencies[done - 1]),
            serverCpu / wall, ownCpu / wall, loops.Errors);
    }

    /// <summary>
    /// N client loops over one connection pool, each sending its next request when the last one's body has been read,
    /// until <c>limit</c> requests were sent in all or <c>duration</c> has passed.
    /// </summary>
    private sealed class ClientLoops(HttpClient http, string[] paths, int limit, TimeSpan duration, long[]? latencies)
    {
        private readonly ConcurrentDictionary<string, int> _errors = new();
        private int _next;

        public int Completed => Math.Min(_next, limit);

        /// <summary>What went wrong, by status code or exception, with how often; empty when every answer was 200.</summary>
        public IReadOnlyDictionary<string, int> Errors => _errors;

        public async Task<TimeSpan> RunAsync(int clients)
        {
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(() => ClientAsync(watch))));
            return watch.Elapsed;
        }

        private async Task ClientAsync(Stopwatch watch)
        {
            // The duration is checked before a request is claimed, so every claimed slot of the latency array gets filled.
            while (watch.Elapsed < duration)
            {
                var i = Interlocked.Increment(ref _next) - 1;
                if (i >= limit || i < 0)
                {
                    return;
                }
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.GetAsync(paths[i % paths.Length], HttpCompletionOption.ResponseHeadersRead);
                    await response.Content.CopyToAsync(Stream.Null);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        _errors.AddOrUpdate($"HTTP {(int)response.StatusCode}", 1, (_, n) => n + 1);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    _errors.AddOrUpdate($"{e.GetType().Name}: {e.Message}", 1, (_, n) => n + 1);
                }
                if (latencies is not null)
                {
                    latencies[i] = Stopwatch.GetTimestamp() - start;
                }
            }
        }
    }

    /// <summary>
    /// The demo province, 24 months, generated, ingested and aggregated into SQLite by the Release CLI once and kept
    /// under the work folder; a half-made folder from an interrupted run is never taken for a finished one.
    /// </summary>
    private static string Prepare(string reporting, string work)
    {
        var data = Path.Combine(work, "load-data");
        if (File.Exists(Path.Combine(data, "aggregates.db")))
        {
            return data;
        }
        var exports = Path.Combine(work, "load-province");
        var building = data + ".partial";
        foreach (var folder in new[] { exports, building })
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        Console.WriteLine($"preparing the demo province (24 months) in {data}");
        Cli(reporting, "generate", "--out", exports, "--months", "24", "--end", "2025-12", "--seed", "2024");
        Cli(reporting, [.. new[] { "ingest" }, .. Directory.EnumerateFiles(exports, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal), "--data", building]);
        Cli(reporting, "aggregate", "--data", building);
        Directory.Move(building, data);
        return data;
    }

    private static void Cli(string reporting, params string[] arguments)
    {
        var start = new ProcessStartInfo(reporting) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"reporting {arguments[0]} exited with {process.ExitCode}:\n{output}\n{error.Result}");
        }
        Console.WriteLine($"  reporting {arguments[0]}: {output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()}");
    }

    /// <summary>The Release CLI this project's build also builds (a project reference that copies nothing).</summary>
    private static string ReportingBinary()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var host = Path.Combine(folder.FullName, "functions", "Reporting.Host");
            if (Directory.Exists(host))
            {
                var binary = Path.Combine(host, "bin", "Release", "net10.0", "reporting");
                return File.Exists(binary) ? binary
                    : throw new FileNotFoundException($"no Release build of the CLI at {binary}: dotnet build -c Release functions/Reporting.Host");
            }
        }
        throw new DirectoryNotFoundException($"functions/Reporting.Host not found above {AppContext.BaseDirectory}; pass --reporting PATH");
    }

    private static TimeSpan Seconds(string text) => TimeSpan.FromSeconds(double.Parse(text.TrimEnd('s'), CultureInfo.InvariantCulture));

    /// <summary>
    /// <c>reporting serve</c> on a free loopback port with one API key for the top court and the report schedule off
    /// (no rendering competes with the load). Disposing kills it; so does this process ending or Ctrl+C.
    /// </summary>
    private sealed partial class ServeProcess : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _lastLines = new();
        private int _disposed;

        private ServeProcess(Process process, Uri address)
        {
            _process = process;
            Address = address;
        }

        public Uri Address { get; private set; }

        public static async Task<ServeProcess> StartAsync(string reporting, string data, string court, bool tiered)
        {
            var start = new ProcessStartInfo(reporting) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "serve", "--data", data, "--urls", "http://127.0.0.1:0", "--store", "sqlite" })
            {
                start.ArgumentList.Add(argument);
            }
            start.Environment["Reporting__ApiKeys__bench__Key"] = Key;
            start.Environment["Reporting__ApiKeys__bench__Court"] = court;
            start.Environment["Reporting__Reports__MonthlySchedule"] = "off";
            start.Environment["Reporting__Reports__QuarterlySchedule"] = "off";
            if (tiered)
            {
                start.Environment["DOTNET_TieredCompilation"] = "1";
            }
            var serve = new ServeProcess(Process.Start(start)!, new Uri("http://127.0.0.1/"));
            try
            {
                await serve.WaitUntilAnsweringAsync();
                return serve;
            }
            catch
            {
                serve.Dispose();
                throw;
            }
        }

        private async Task WaitUntilAnsweringAsync()
        {
            AppDomain.CurrentDomain.ProcessExit += Kill;
            Console.CancelKeyPress += Kill;
            var address = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
            // Both pipes are read to the end: a child that fills a pipe nobody reads stops answering.
            _process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    return;
                }
                Keep(e.Data);
                if (Listening().Match(e.Data) is { Success: true } found)
                {
                    address.TrySetResult(new Uri(found.Value + "/"));
                }
            };
            _process.ErrorDataReceived += (_, e) => Keep(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            var started = await Task.WhenAny(address.Task, _process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
            if (started != address.Task)
            {
                throw new InvalidOperationException($"reporting serve did not start:\n{string.Join('\n', _lastLines)}");
            }
            Address = address.Task.Result;
            using var probe = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
            probe.DefaultRequestHeaders.Add("X-Api-Key", Key);
            var status = (HttpStatusCode)0;
            for (var deadline = Stopwatch.StartNew(); deadline.Elapsed < TimeSpan.FromSeconds(30); await Task.Delay(100))
            {
                using var response = await probe.GetAsync("api/me");
                status = response.StatusCode;
                if (status == HttpStatusCode.OK)
                {
                    return;
                }
            }
            throw new InvalidOperationException($"reporting serve answers GET /api/me with {(int)status}:\n{string.Join('\n', _lastLines)}");
        }

        private void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }
            _lastLines.Enqueue(line);
            while (_lastLines.Count > 20)
            {
                _lastLines.TryDequeue(out _);
            }
        }

        public TimeSpan ProcessorTime()
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }

        private void Kill(object? sender, EventArgs e) => Dispose();

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }
            AppDomain.CurrentDomain.ProcessExit -= Kill;
            Console.CancelKeyPress -= Kill;
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
                // Exited between the check and the kill.
            }
            _process.Dispose();
        }

        [GeneratedRegex(@"http://127\.0\.0\.1:[0-9]+")]
        private static partial Regex Listening();
    }
}
