using System.Globalization;

namespace Reporting.Tests.Shared;

/// <summary>Azurite's Blob service (npm azurite); REPORTING_AZURITE_BLOB_ENDPOINT points at a running one instead.</summary>
public sealed class Azurite : LoopbackService
{
    // Azurite's published development account key (not a secret: it is in Azurite's documentation).
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public string ConnectionString { get; private set; } = "";

    protected override string ExternalVariable => "REPORTING_AZURITE_BLOB_ENDPOINT";

    protected override string Binary => "azurite-blob";

    protected override IEnumerable<string> Arguments() =>
        ["--silent", "--location", Location, "--blobHost", "127.0.0.1", "--blobPort", Port.ToString(CultureInfo.InvariantCulture), "--skipApiVersionCheck", "--loose"];

    protected override string Endpoint() => $"http://127.0.0.1:{Port}/devstoreaccount1";

    protected override void Connected(string endpoint) =>
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevKey};BlobEndpoint={endpoint};";
}
