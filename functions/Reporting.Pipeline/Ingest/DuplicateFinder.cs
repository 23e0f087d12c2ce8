using Reporting.Core.Cases;
using Reporting.Ingestion;
using Reporting.Ingestion.Columns;
using Reporting.Ingestion.Duplicates;
using Reporting.Ingestion.Reading;
using Reporting.Ingestion.Validation;

namespace Reporting.Pipeline.Ingest;

/// <summary>The duplicate finder: a second read of an export for the 案号 a pass saw more than once.</summary>
internal sealed class DuplicateFinder(IngestionLimits limits)
{
    /// <summary>
    /// Second look at the numbers the Bloom filter flagged: the same 案号 with different content rejects every such
    /// row; an identical repeat (a case listed once per party, say) is stored once.
    /// </summary>
    public Exclusions Find(ExportUpload upload, DateOnly uploadDay, HashSet<string> suspects, CancellationToken cancellationToken)
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
}

/// <summary>Rows to reject as conflicting duplicates, and identical repeats to skip.</summary>
internal sealed class Exclusions
{
    public static Exclusions None { get; } = new();
    public Dictionary<int, RowError> Conflicts { get; } = [];
    public HashSet<int> Repeats { get; } = [];
    public bool IsEmpty => Conflicts.Count == 0 && Repeats.Count == 0;
}
