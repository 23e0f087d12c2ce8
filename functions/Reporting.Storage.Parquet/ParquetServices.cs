using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Reporting.Pipeline.Curated;

namespace Reporting.Storage.Parquet;

public static class ParquetServices
{
    /// <summary>The curated zone's case files as Parquet, in every host.</summary>
    public static IHostApplicationBuilder AddParquetCaseFiles(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ICaseFileFormat, ParquetCaseFiles>();
        return builder;
    }
}
