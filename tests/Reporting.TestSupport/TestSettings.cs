using Microsoft.Extensions.Configuration;

namespace Reporting.Tests.Shared;

/// <summary>Settings as a host reads them, from pairs of name and value (an unset name is left out).</summary>
public static class TestSettings
{
    public static IConfiguration Of(params (string Name, string? Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Where(s => s.Value is not null).Select(s => KeyValuePair.Create(s.Name, s.Value))).Build();
}
