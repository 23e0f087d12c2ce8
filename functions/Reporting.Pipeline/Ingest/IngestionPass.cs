using System.Threading.Channels;
using Reporting.Core.Cases;
using Reporting.Ingestion;
using Reporting.Ingestion.Columns;
using Reporting.Ingestion.Duplicates;
using Reporting.Ingestion.Reading;
using Reporting.Ingestion.Reports;
using Reporting.Ingestion.Validation;
using Reporting.Pipeline.Curated;

namespace Reporting.Pipeline.Ingest;

/// <summary>
/// One pass of ingestion over an export: every row read and validated, the bad ones quarantined, the accepted cases
/// written as the curated zone's case file, and the 案号 seen twice (by a Bloom filter) kept for <see cref="DuplicateFinder"/>.
/// </summary>
internal sealed class IngestionPass(CuratedZone curated, IngestionLimits limits)
{
    /// <summary>
    /// One pass over the file: validate, quarantine, write accepted cases. Reading and validating run on one thread
    /// and Parquet encoding on another, handing over batches of 4,096 cases through a channel of 16 batches: deep
    /// enough that neither side waits for the other's bursts (4 batches left each idle a third of the time), shallow
    /// enough that memory stays flat (64 batches cost 180 MB more and bought nothing).
    /// </summary>
    public async Task<Result> RunAsync(ExportUpload upload, DateOnly uploadDay, string parquetPath, string quarantinePath, Exclusions exclusions,
        IProgress<long>? progress, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var batches = Channel.CreateBounded<List<(CaseRecord Record, string Number)>>(
            new BoundedChannelOptions(16) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(() => ReadAndValidateAsync(upload, uploadDay, quarantinePath, exclusions, batches.Writer, progress, stop.Token), stop.Token);
        try
        {
            await using var parquetStream = new FileStream(parquetPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            await using var parquet = curated.CreateWriter(parquetStream);
            await foreach (var batch in batches.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                foreach (var (record, number) in batch)
                {
                    await parquet.AddAsync(record, number, stop.Token).ConfigureAwait(false);
                }
            }
            await parquet.CompleteAsync(stop.Token).ConfigureAwait(false);
        }
        catch (Exception) when (!producer.IsCompletedSuccessfully)
        {
            // The reader's own failure (a rejected file, say) is the one to report: wait for it below.
            await stop.CancelAsync().ConfigureAwait(false);
        }
        return await producer.ConfigureAwait(false);
    }

    private async Task<Result> ReadAndValidateAsync(ExportUpload upload, DateOnly uploadDay, string quarantinePath, Exclusions exclusions,
        ChannelWriter<List<(CaseRecord Record, string Number)>> output, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        const int BatchSize = 4096;
        ExportReader? opened = null;
        try
        {
            using var reader = opened = ExportReader.Open(upload.LocalFile, limits);
            var validator = new RowValidator(upload.Court, uploadDay, limits, reader.Date1904);
            var bloom = exclusions.IsEmpty ? new CaseNumberBloom(CaseNumberBloom.BitsFor(new FileInfo(upload.LocalFile).Length)) : null;
            var pass = new Result { Format = reader.Format, Encoding = reader.EncodingName };
            var rowErrors = new List<RowError>();
            var row = new RawRow();
            var batch = new List<(CaseRecord, string)>(BatchSize);
            using (var quarantineStream = new FileStream(quarantinePath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            using (var quarantine = new QuarantineWriter(quarantineStream))
            {
                while (reader.Read(row))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    pass.RowsRead++;
                    if ((pass.RowsRead & 0xFFFF) == 0)
                    {
                        progress?.Report(pass.RowsRead);
                    }
                    rowErrors.Clear();
                    var record = validator.Validate(row, rowErrors);
                    if (record is not null && exclusions.Conflicts.TryGetValue(row.RowNumber, out var conflict))
                    {
                        rowErrors.Add(conflict);
                        record = null;
                    }
                    if (record is null)
                    {
                        pass.Reject(row, rowErrors, quarantine, limits.MaxReportedErrors);
                        // A rejected row's 案号 still counts: a valid row with the same number and other content must go too.
                        if (bloom is not null && CaseNumber.TryParse(row[ExportColumn.CaseNumber]?.Trim(), out var rejectedNumber, out _)
                            && bloom.AddAndCheck(rejectedNumber!.ToString()))
                        {
                            pass.Suspects.Add(rejectedNumber.ToString());
                        }
                        continue;
                    }
                    pass.Track(record);
                    if (exclusions.Repeats.Contains(row.RowNumber))
                    {
                        continue;
                    }
                    var number = record.CaseNumber.ToString();
                    if (bloom is not null && bloom.AddAndCheck(number))
                    {
                        pass.Suspects.Add(number);
                    }
                    batch.Add((record, number));
                    pass.CasesStored++;
                    if (batch.Count == BatchSize)
                    {
                        await output.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                        batch = new List<(CaseRecord, string)>(BatchSize);
                    }
                }
            }
            if (batch.Count > 0)
            {
                await output.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            pass.PersonalColumns = reader.PersonalColumns.ToList();
            pass.UnknownColumns = reader.UnknownColumns.ToList();
            progress?.Report(pass.RowsRead);
            output.Complete();
            return pass;
        }
        catch (ExportRejectedException e) when (opened is not null && e.Format is null)
        {
            // Refused part-way through (a record too long, bytes that do not decode): the report still says how it was read.
            var read = e.ReadAs(opened.Format, opened.EncodingName);
            output.TryComplete(read);
            throw read;
        }
        catch (Exception e)
        {
            output.TryComplete(e);
            throw;
        }
    }

    /// <summary>Counts and findings of one pass.</summary>
    public sealed class Result
    {
        public ExportFormat Format { get; init; }
        public string Encoding { get; init; } = "";
        public long RowsRead { get; set; }
        public long RowsRejected { get; private set; }
        public long CasesStored { get; set; }
        public long ErrorsNotListed { get; private set; }
        public List<RowError> Errors { get; } = [];
        public HashSet<string> Suspects { get; } = new(StringComparer.Ordinal);
        public DateOnly? LatestDate { get; private set; }
        public List<string> PersonalColumns { get; set; } = [];
        public List<string> UnknownColumns { get; set; } = [];

        public void Reject(RawRow row, List<RowError> errors, QuarantineWriter quarantine, int maxListed)
        {
            RowsRejected++;
            quarantine.Write(row, errors);
            foreach (var error in errors)
            {
                if (Errors.Count < maxListed)
                {
                    Errors.Add(error);
                }
                else
                {
                    ErrorsNotListed++;
                }
            }
        }

        /// <summary>The latest event date decides the window when the path names none (deadlines lie ahead by nature).</summary>
        public void Track(CaseRecord record)
        {
            var latest = Max(Max(record.FilingDate, record.ClosingDate), Max(record.AppealDate, record.TransferDate));
            if (latest is { } day && (LatestDate is null || day > LatestDate))
            {
                LatestDate = day;
            }
        }

        private static DateOnly? Max(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;
    }
}
