using System.Security.Cryptography;
using System.Threading.Channels;
using Reporting.Core.Cases;
using Reporting.Core.Courts;
using Reporting.Core.Periods;
using Reporting.Ingestion;
using Reporting.Ingestion.Columns;
using Reporting.Ingestion.Duplicates;
using Reporting.Ingestion.Reading;
using Reporting.Ingestion.Reports;
using Reporting.Ingestion.Validation;
using Reporting.Pipeline.Curated;
using Reporting.Pipeline.Files;

namespace Reporting.Pipeline.Ingest;

/// <summary>
/// Ingests one court export: validate every row, quarantine the bad ones, drop personal data, store the normalised
/// cases for the court's export window, and record the file in the ledger so that the same file twice is a no-op
/// (a file rejected whole is read again when it is uploaded again later).
/// Nothing is committed unless the file is accepted (wholly or partly); a crash leaves the old state or the new.
/// </summary>
public sealed class IngestExport(IFileStore store, CuratedZone curated, IIngestionLedger ledger, CourtRegistry registry, IngestionLimits limits, TimeProvider clock)
{
    public const string ReportZone = "ingest-reports";



    /// <summary>
    /// One ingestion of a given content at a time in this process: a trigger delivered twice, or the same file sent
    /// under two names at once, is done by the first and answered as already ingested to the second. Across
    /// processes both may do the work; the effect is still once, since the curated zone keeps one file per window.
    /// </summary>
    private readonly SemaphoreSlim[] _sameContent = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task<IngestionReport> RunAsync(ExportUpload upload, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = clock.GetUtcNow();
        var shell = new IngestionReport
        {
            File = upload.Source,
            Court = upload.Court,
            Window = upload.Window,
            IngestionId = "",
            Status = IngestionStatus.Rejected,
            UploadedAt = upload.UploadedAt,
            IngestedAt = started,
        };
        if (!CourtCode.IsWellFormed(upload.Court))
        {
            // Not stored: only a well-formed 法院代字 (one character and 0, 2 or 4 digits, or 最高法) may name a folder.
            return RejectedWithoutRow(shell, $"上传法院“{upload.Court}”不是有效的法院代字",
                $"the uploading court '{upload.Court}' is not a valid court code");
        }
        if (!registry.Contains(upload.Court))
        {
            shell = shell with
            {
                Warnings = [$"法院“{upload.Court}”不在法院名录中：案件照常入库，但在导入含该法院的名录之前不会汇总到任何上级法院 / " +
                    $"court '{upload.Court}' is not in the court registry: its cases are stored, but roll up to no parent until a registry naming it is imported"],
            };
        }
        if (upload.Window is not null && !ExportPath.IsWindow(upload.Window))
        {
            return RejectedWithoutRow(shell, $"导出窗口“{upload.Window}”应为yyyy-MM格式", $"the export window '{upload.Window}' must be yyyy-MM");
        }

        var ingestionId = await HashAsync(upload.LocalFile, cancellationToken).ConfigureAwait(false);
        shell = shell with { IngestionId = ingestionId };
        var gate = _sameContent[(int)((uint)StringComparer.Ordinal.GetHashCode(upload.Court + "/" + ingestionId) % (uint)_sameContent.Length)];
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A file rejected whole stored nothing, so a new upload of it (made after that rejection) is read again: what
            // rejected it may have changed (a date "in the future" yesterday, a limit an operator raised), and as the
            // latest upload it may replace its window. The same upload handed over again (a trigger delivered twice, a
            // restarted host listing old files) is answered with the first report, so it never overrides a newer file.
            if (await ledger.FindAsync(upload.Court, ingestionId, cancellationToken).ConfigureAwait(false) is { } seen
                && !(seen.Status == IngestionStatus.Rejected && upload.UploadedAt > seen.IngestedAt))
            {
                var earlier = await ReadReportAsync(seen.ReportFile, cancellationToken).ConfigureAwait(false);
                return earlier with { AlreadyIngested = true, File = upload.Source };
            }

            var work = Directory.CreateTempSubdirectory("reporting-ingest-");
            try
            {
                var report = await IngestAsync(upload, shell, work.FullName, progress, cancellationToken).ConfigureAwait(false);
                if (report.ReportFile is not null)
                {
                    await ledger.RecordAsync(new LedgerEntry(report.IngestionId, report.Court, report.Window, report.Status, report.File,
                        report.ReportFile, report.IngestedAt), cancellationToken).ConfigureAwait(false);
                }
                return report;
            }
            finally
            {
                work.Delete(recursive: true);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<IngestionReport> IngestAsync(ExportUpload upload, IngestionReport shell, string work, IProgress<long>? progress,
        CancellationToken cancellationToken)
    {
        var uploadDay = ChinaTime.DateOf(upload.UploadedAt);
        var parquet = Path.Combine(work, "cases.parquet");
        var quarantine = Path.Combine(work, "quarantine.csv");
        Pass pass;
        try
        {
            pass = await RunPassAsync(upload, uploadDay, parquet, quarantine, Exclusions.None, progress, cancellationToken).ConfigureAwait(false);
            if (pass.Suspects.Count > 0)
            {
                var exclusions = FindDuplicates(upload, uploadDay, pass.Suspects, cancellationToken);
                if (!exclusions.IsEmpty)
                {
                    pass = await RunPassAsync(upload, uploadDay, parquet, quarantine, exclusions, null, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (ExportRejectedException rejected)
        {
            var window = upload.Window ?? uploadDay.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
            var report = shell with
            {
                Window = window,
                Format = rejected.Format?.Id(),
                Encoding = rejected.Encoding,
                Reason = $"{rejected.ReasonZh} / {rejected.ReasonEn}",
                Errors = [ReportError.From(new RowError(rejected.Row, rejected.Column, null, rejected.ReasonZh, rejected.ReasonEn))],
                IngestedAt = clock.GetUtcNow(),
            };
            return await StoreReportAsync(report, upload.Court, window, null, cancellationToken).ConfigureAwait(false);
        }

        var windowOf = upload.Window ?? (pass.LatestDate ?? uploadDay).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var result = shell with
        {
            Window = windowOf,
            Format = pass.Format.Id(),
            Encoding = pass.Encoding,
            RowsRead = pass.RowsRead,
            RowsAccepted = pass.RowsRead - pass.RowsRejected,
            RowsRejected = pass.RowsRejected,
            PersonalColumns = pass.PersonalColumns,
            UnknownColumns = pass.UnknownColumns,
            DroppedColumns = [.. pass.PersonalColumns, .. pass.UnknownColumns],
            Errors = pass.Errors.Select(ReportError.From).ToList(),
            ErrorsNotListed = pass.ErrorsNotListed,
        };
        var quarantineFile = pass.RowsRejected > 0 ? quarantine : null;
        if (pass.RowsRead > 0 && pass.RowsRejected > limits.MaxRejectedShare * pass.RowsRead)
        {
            var share = (double)pass.RowsRejected / pass.RowsRead;
            var shown = Percent(share);
            var limit = Percent(limits.MaxRejectedShare);
            var zh = $"被拒绝的行占{shown}，超过上限{limit}，整个文件被拒收";
            var en = $"{shown} of the rows were rejected, above the limit of {limit}; the whole file is rejected";
            result = result with
            {
                Status = IngestionStatus.Rejected,
                Reason = $"{zh} / {en}",
                RowsAccepted = 0,
                Errors = [ReportError.From(new RowError(null, null, null, zh, en)), .. result.Errors],
                IngestedAt = clock.GetUtcNow(),
            };
            return await StoreReportAsync(result, upload.Court, windowOf, quarantineFile, cancellationToken).ConfigureAwait(false);
        }

        if (pass.CasesStored == 0)
        {
            // A header alone (or, with a lenient rejection limit, only bad rows) is a valid snapshot of a window in which
            // no case was touched, but it empties the window: say so, in case the export was cut short.
            result = result with
            {
                Warnings = [.. result.Warnings, $"文件没有可入库的案件：{upload.Court} {windowOf} 窗口此前导入的案件已被清空 / " +
                    $"the file has no case to store: cases stored earlier for {upload.Court} {windowOf} are cleared"],
            };
        }
        var committed = await curated.CommitAsync(upload.Court, windowOf, shell.IngestionId, parquet, pass.CasesStored, upload.Source,
            clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        result = result with
        {
            Status = pass.RowsRejected == 0 ? IngestionStatus.Accepted : IngestionStatus.Partial,
            CasesStored = pass.CasesStored,
            CuratedFile = committed.File,
            IngestedAt = clock.GetUtcNow(),
        };
        return await StoreReportAsync(result, upload.Court, windowOf, quarantineFile, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One pass over the file: validate, quarantine, write accepted cases. Reading and validating run on one thread
    /// and Parquet encoding on another, handing over batches of 4,096 cases through a channel of 16 batches: deep
    /// enough that neither side waits for the other's bursts (4 batches left each idle a third of the time), shallow
    /// enough that memory stays flat (64 batches cost 180 MB more and bought nothing).
    /// </summary>
    private async Task<Pass> RunPassAsync(ExportUpload upload, DateOnly uploadDay, string parquetPath, string quarantinePath, Exclusions exclusions,
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

    private async Task<Pass> ReadAndValidateAsync(ExportUpload upload, DateOnly uploadDay, string quarantinePath, Exclusions exclusions,
        ChannelWriter<List<(CaseRecord Record, string Number)>> output, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        const int BatchSize = 4096;
        ExportReader? opened = null;
        try
        {
            using var reader = opened = ExportReader.Open(upload.LocalFile, limits);
            var validator = new RowValidator(upload.Court, uploadDay, limits, reader.Date1904);
            var bloom = exclusions.IsEmpty ? new CaseNumberBloom(CaseNumberBloom.BitsFor(new FileInfo(upload.LocalFile).Length)) : null;
            var pass = new Pass { Format = reader.Format, Encoding = reader.EncodingName };
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

    /// <summary>
    /// Second look at the numbers the Bloom filter flagged: the same 案号 with different content rejects every such
    /// row; an identical repeat (a case listed once per party, say) is stored once.
    /// </summary>
    private Exclusions FindDuplicates(ExportUpload upload, DateOnly uploadDay, HashSet<string> suspects, CancellationToken cancellationToken)
    {
        using var reader = ExportReader.Open(upload.LocalFile, limits);
        var validator = new RowValidator(upload.Court, uploadDay, limits, reader.Date1904);
        // A row that fails validation has no fingerprint (null): its content differs from any valid row's.
        var occurrences = new Dictionary<string, List<(int Row, ulong? Fingerprint)>>(StringComparer.Ordinal);
        var row = new RawRow();
        var ignored = new List<RowError>();
        while (reader.Read(row))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Most rows are not suspects: reading their 案号 is enough to pass them by without validating them again.
            if (!CaseNumber.TryParse(row[ExportColumn.CaseNumber]?.Trim(), out var number, out _) || !suspects.Contains(number!.ToString()))
            {
                continue;
            }
            ignored.Clear();
            var record = validator.Validate(row, ignored);
            var key = record?.CaseNumber.ToString() ?? number.ToString();
            if (suspects.Contains(key))
            {
                if (!occurrences.TryGetValue(key, out var list))
                {
                    occurrences[key] = list = [];
                }
                list.Add((row.RowNumber, record is null ? null : CaseFingerprint.Of(record)));
            }
        }
        var exclusions = new Exclusions();
        foreach (var (key, list) in occurrences)
        {
            if (list.Count < 2)
            {
                continue;
            }
            if (list.Any(o => o.Fingerprint is null) || list.Select(o => o.Fingerprint).Distinct().Count() > 1)
            {
                var rows = string.Join("、", list.Select(o => o.Row));
                var rowsEn = string.Join(", ", list.Select(o => o.Row));
                foreach (var (rowNumber, _) in list)
                {
                    exclusions.Conflicts[rowNumber] = new RowError(rowNumber, "案号", key,
                        $"同一案号在第{rows}行出现且内容不同，均不予接收", $"the same case number appears in rows {rowsEn} with different content; all are rejected");
                }
            }
            else
            {
                foreach (var (rowNumber, _) in list.Skip(1))
                {
                    exclusions.Repeats.Add(rowNumber);
                }
            }
        }
        return exclusions;
    }

    private async Task<IngestionReport> StoreReportAsync(IngestionReport report, string court, string window, string? quarantineFile,
        CancellationToken cancellationToken)
    {
        var folder = StorePath.Join(ReportZone, StorePath.Segment(court, "法院代字"), StorePath.Segment(window, "窗口"));
        string? quarantinePath = null;
        if (quarantineFile is not null)
        {
            quarantinePath = $"{folder}/{report.IngestionId}.quarantine.csv";
            await using var content = File.OpenRead(quarantineFile);
            await store.WriteAsync(quarantinePath, content, cancellationToken).ConfigureAwait(false);
        }
        var reportPath = $"{folder}/{report.IngestionId}.json";
        report = report with { QuarantineFile = quarantinePath, ReportFile = reportPath };
        using var json = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(report.ToJson()));
        await store.WriteAsync(reportPath, json, cancellationToken).ConfigureAwait(false);
        return report;
    }

    private async Task<IngestionReport> ReadReportAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = await store.OpenReadAsync(path, cancellationToken).ConfigureAwait(false);
        using var text = new StreamReader(stream);
        return IngestionReport.FromJson(await text.ReadToEndAsync(cancellationToken).ConfigureAwait(false));
    }

    private static IngestionReport RejectedWithoutRow(IngestionReport shell, string zh, string en) => shell with
    {
        Reason = $"{zh} / {en}",
        Errors = [ReportError.From(new RowError(null, null, null, zh, en))],
    };

    private static string Percent(double share) => (share * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%";

    private static async Task<string> HashAsync(string file, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Counts and findings of one pass.</summary>
    private sealed class Pass
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

    /// <summary>Rows to reject as conflicting duplicates, and identical repeats to skip.</summary>
    private sealed class Exclusions
    {
        public static Exclusions None { get; } = new();
        public Dictionary<int, RowError> Conflicts { get; } = [];
        public HashSet<int> Repeats { get; } = [];
        public bool IsEmpty => Conflicts.Count == 0 && Repeats.Count == 0;
    }
}
