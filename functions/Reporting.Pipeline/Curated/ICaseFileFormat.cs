using Reporting.Core.Cases;
using Reporting.Core.Indicators;

namespace Reporting.Pipeline.Curated;

/// <summary>
/// How the curated zone encodes a window's normalised cases in one file (Parquet in every host:
/// Reporting.Storage.Parquet). The zone decides where files go and when they count; the format only reads and writes them.
/// </summary>
public interface ICaseFileFormat
{
    /// <summary>The file name's ending, with its dot (".parquet").</summary>
    string Extension { get; }

    /// <summary>A writer that buffers cases and writes them to <paramref name="output"/>; memory stays flat.</summary>
    ICaseFileWriter CreateWriter(Stream output);

    /// <summary>Every case of a file, in file order.</summary>
    IAsyncEnumerable<CaseRecord> ReadAsync(Stream stream, CancellationToken cancellationToken = default);

    /// <summary>
    /// A file's cases as the indicator engine's rows, a batch at a time: each batch goes to <paramref name="onBatch"/>
    /// and its list is reused for the next, so no more than a batch is held.
    /// </summary>
    /// <param name="court">The court whose file this is (every case of a curated file belongs to it).</param>
    Task ReadRowsAsync(Stream stream, string court, Action<List<CaseRow>> onBatch, CancellationToken cancellationToken = default);
}

/// <summary>Writes one curated file.</summary>
public interface ICaseFileWriter : IAsyncDisposable
{
    /// <summary>Cases written so far.</summary>
    long Written { get; }

    /// <summary>Adds a case whose normal-form 案号 the caller already has.</summary>
    ValueTask AddAsync(CaseRecord record, string caseNumber, CancellationToken cancellationToken = default);

    /// <summary>Writes what is buffered and the file's footer. A file with no cases is still a valid, empty file.</summary>
    Task CompleteAsync(CancellationToken cancellationToken = default);
}
