using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Reporting.Tests.Shared;

/// <summary>
/// A real Azurite Blob service on a free loopback port, started for a test class and stopped after it. The binary is
/// the one scripts/test.sh installs into tests/tools; REPORTING_AZURITE_BLOB_ENDPOINT points at a running one instead.
/// </summary>
public sealed class Azurite : IAsyncLifetime
{
    // Azurite's published development account key (not a secret: it is in Azurite's documentation).
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private Process? _process;
    private string? _location;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var endpoint = Environment.GetEnvironmentVariable("REPORTING_AZURITE_BLOB_ENDPOINT");
        if (string.IsNullOrEmpty(endpoint))
        {
            var port = FreePort();
            _location = Directory.CreateTempSubdirectory("reporting-test-azurite-").FullName;
            var binary = FindBinary();
            var start = new ProcessStartInfo(binary)
            {
                ArgumentList = { "--silent", "--location", _location, "--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--skipApiVersionCheck", "--loose" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
            _process.OutputDataReceived += (_, _) => { };
            _process.ErrorDataReceived += (_, _) => { };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            await WaitForPortAsync(port);
            endpoint = $"http://127.0.0.1:{port}/devstoreaccount1";
        }
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevKey};BlobEndpoint={endpoint};";
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process?.Dispose();
        if (_location is not null)
        {
            try
            {
                Directory.Delete(_location, recursive: true);
            }
            catch (IOException)
            {
                // Azurite may still hold a file for a moment; the folder is under the temp directory.
            }
        }
        return Task.CompletedTask;
    }

    private static string FindBinary()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "tools", "node_modules", ".bin", "azurite-blob");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException(
            "Azurite is not installed: run `bash scripts/test.sh` (it installs it into tests/tools), or set REPORTING_AZURITE_BLOB_ENDPOINT.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitForPortAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} before listening.");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(200);
            }
        }
        throw new TimeoutException($"Azurite did not listen on port {port} within 60 s.");
    }
}
