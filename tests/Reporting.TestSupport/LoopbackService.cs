using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Reporting.Tests.Shared;

/// <summary>
/// A real service from tests/tools/node_modules/.bin (installed by scripts/test.sh), started on a free loopback port
/// for a test class and stopped after it.
/// </summary>
public abstract class LoopbackService : IAsyncLifetime
{
    private Process? _process;

    /// <summary>A folder for the service's data, under the temp directory; its name marks leftovers for scripts/test.sh.</summary>
    protected string Location { get; } = Directory.CreateTempSubdirectory("reporting-test-service-").FullName;

    protected int Port { get; private set; }

    /// <summary>The environment variable that points at an already running instance instead.</summary>
    protected abstract string ExternalVariable { get; }

    protected abstract string Binary { get; }

    protected abstract IEnumerable<string> Arguments();

    /// <summary>Sets the connection details once the service listens (or from the external variable's value).</summary>
    protected abstract void Connected(string endpoint);

    protected abstract string Endpoint();

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(ExternalVariable);
        if (!string.IsNullOrEmpty(external))
        {
            Connected(external);
            return;
        }
        Port = FreePort();
        var start = new ProcessStartInfo(FindBinary(Binary)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in Arguments())
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException($"{Binary} did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitForPortAsync();
        Connected(Endpoint());
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process?.Dispose();
        try
        {
            Directory.Delete(Location, recursive: true);
        }
        catch (IOException)
        {
            // The service may hold a file for a moment; the folder is under the temp directory.
        }
        return Task.CompletedTask;
    }

    private static string FindBinary(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "tools", "node_modules", ".bin", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException($"{name} is not installed: run `bash scripts/test.sh` (it installs the test services into tests/tools).");
    }

    /// <summary>A loopback port nothing listens on now (another process may take it before the caller binds it).</summary>
    protected static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitForPortAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"{Binary} exited with code {_process.ExitCode} before listening.");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(200);
            }
        }
        throw new TimeoutException($"{Binary} did not listen on port {Port} within 60 s.");
    }
}
