using System.Security.Cryptography;
using Reporting.Core.Cases;
using Reporting.Core.Courts;
using Reporting.Core.Periods;
using Reporting.Ingestion;
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
    private readonly IngestionReports _reports = new(store);
    private readonly IngestionPass _pass = new(curated, limits);
    private readonly DuplicateFinder _duplicates = new(limits);

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
                var earlier = await _reports.ReadAsync(seen.ReportFile, cancellationToken).ConfigureAwait(false);
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
        var parquet = Path.Combine(work, "cases");
        var quarantine = Path.Combine(work, "quarantine.csv");
        IngestionPass.Result pass;
        try
        {
            pass = await _pass.RunAsync(upload, uploadDay, parquet, quarantine, Exclusions.None, progress, cancellationToken).ConfigureAwait(false);
            if (pass.Suspects.Count > 0)
            {
                var exclusions = _duplicates.Find(upload, uploadDay, pass.Suspects, cancellationToken);
                if (!exclusions.IsEmpty)
                {
                    pass = await _pass.RunAsync(upload, uploadDay, parquet, quarantine, exclusions, null, cancellationToken).ConfigureAwait(false);
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
            return await _reports.StoreAsync(report, upload.Court, window, null, cancellationToken).ConfigureAwait(false);
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
            return await _reports.StoreAsync(result, upload.Court, windowOf, quarantineFile, cancellationToken).ConfigureAwait(false);
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
        return await _reports.StoreAsync(result, upload.Court, windowOf, quarantineFile, cancellationToken).ConfigureAwait(false);
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
}
