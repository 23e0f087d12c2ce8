using Reporting.Core.Cases;
using Reporting.Core.Indicators;
using Reporting.Pipeline.Curated;

namespace Reporting.Storage.Parquet;

/// <summary>The curated zone's files as Parquet (<see cref="CaseParquet"/>, <see cref="CaseParquetWriter"/>).</summary>
public sealed class ParquetCaseFiles : ICaseFileFormat
{
    public string Extension => ".parquet";

    public ICaseFileWriter CreateWriter(Stream output) => new CaseParquetWriter(output);

    public IAsyncEnumerable<CaseRecord> ReadAsync(Stream stream, CancellationToken cancellationToken = default) =>
        CaseParquet.ReadAsync(stream, cancellationToken);

    public Task ReadRowsAsync(Stream stream, string court, Action<List<CaseRow>> onBatch, CancellationToken cancellationToken = default) =>
        CaseParquet.ReadRowsAsync(stream, court, onBatch, cancellationToken);
}
