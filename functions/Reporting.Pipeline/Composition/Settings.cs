using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Reporting.Pipeline.Composition;

/// <summary>
/// A feature's settings as one typed, immutable value, read from configuration by the feature's own reader (which
/// names the setting in every error, 中文 first). Read once, at start: a malformed value stops the host instead of
/// failing the first request that needs it.
/// </summary>
public static class Settings
{
    public static IServiceCollection AddSettings<T>(this IServiceCollection services, Func<IConfiguration, T> read)
        where T : class
    {
        services.AddSingleton(sp => read(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<IStartupWork, SettingsCheck<T>>();
        return services;
    }

    /// <summary>Reads the settings when its turn comes, after the startup work registered before it (a reader may need the registry).</summary>
    private sealed class SettingsCheck<T>(IServiceProvider services) : IStartupWork
        where T : class
    {
        public Task RunAsync(CancellationToken cancellationToken)
        {
            services.GetRequiredService<T>();
            return Task.CompletedTask;
        }
    }
}
