using Reporting.Core.Cases;
using Reporting.Core.Courts;
using Reporting.Ingestion.Columns;
using Reporting.Ingestion.Reading;
using Reporting.Ingestion.Values;

namespace Reporting.Ingestion.Validation;

/// <summary>Applies every row rule of export format v1 and turns a valid row into a <see cref="CaseRecord"/>.</summary>
public sealed class RowValidator(string uploadingCourt, DateOnly uploadDate, IngestionLimits limits, bool date1904)
{
    private const int ShownValueLength = 200;

    /// <summary>Fields already reported as too long in the current row; they are not parsed further.</summary>
    private readonly bool[] _tooLong = new bool[ExportColumns.Count];

    /// <summary>Validates <paramref name="row"/>; on failure adds one error per broken field and returns null.</summary>
    public CaseRecord? Validate(RawRow row, List<RowError> errors)
    {
        var before = errors.Count;
        Array.Clear(_tooLong);
        if (row.ReadError is { } readError)
        {
            errors.Add(new RowError(row.RowNumber, readError.Column, null, readError.Zh, readError.En));
            return null;
        }
        for (var i = 0; i < ExportColumns.Count; i++)
        {
            if (row.Values[i] is { Length: var length } && length > limits.MaxFieldLength)
            {
                Add(errors, row, (ExportColumn)i, $"字段长度{length}超过上限{limits.MaxFieldLength}个字符",
                    $"the field is {length} characters long, above the limit of {limits.MaxFieldLength}");
                _tooLong[i] = true;
            }
        }

        var caseNumber = ReadCaseNumber(row, ExportColumn.CaseNumber, errors, required: true);
        if (caseNumber is not null && !BelongsToUploader(caseNumber))
        {
            Add(errors, row, ExportColumn.CaseNumber,
                $"案号的法院代字“{caseNumber.CourtCode}”不是上传法院“{uploadingCourt}”",
                $"the court code '{caseNumber.CourtCode}' in the case number is not the uploading court '{uploadingCourt}'");
        }
        var filing = ReadDate(row, ExportColumn.FilingDate, errors, required: true);
        var closing = ReadDate(row, ExportColumn.ClosingDate, errors);
        var deadline = ReadDate(row, ExportColumn.DeadlineDate, errors);
        var appeal = ReadDate(row, ExportColumn.AppealDate, errors);
        var transfer = ReadDate(row, ExportColumn.TransferDate, errors);
        var origin = ReadCaseNumber(row, ExportColumn.OriginCaseNumber, errors, required: false);

        Disposition? disposition = null;
        if (Present(row, ExportColumn.Disposition) is { } dispositionText)
        {
            if (Dispositions.TryParse(dispositionText, out var d))
            {
                disposition = d;
            }
            else
            {
                Add(errors, row, ExportColumn.Disposition, "结案方式不在规定取值范围内", "the disposition is not one of the allowed values");
            }
        }
        bool? hearing = null;
        if (Present(row, ExportColumn.HearingHeld) is { } hearingText)
        {
            if (FieldValues.TryParseYesNo(hearingText, out var h))
            {
                hearing = h;
            }
            else
            {
                Add(errors, row, ExportColumn.HearingHeld, "是否开庭应为“是”或“否”", "hearing_held must be 是 (yes) or 否 (no)");
            }
        }
        var claimed = ReadMoney(row, ExportColumn.ClaimedAmount, errors);
        var recovered = ReadMoney(row, ExportColumn.RecoveredAmount, errors);

        if (filing is { } f && closing is { } c && c < f)
        {
            Add(errors, row, ExportColumn.ClosingDate, "结案日期早于立案日期", "the closing date is before the filing date");
        }
        CheckNotFuture(row, ExportColumn.FilingDate, filing, errors);
        CheckNotFuture(row, ExportColumn.ClosingDate, closing, errors);
        CheckNotFuture(row, ExportColumn.AppealDate, appeal, errors);
        CheckNotFuture(row, ExportColumn.TransferDate, transfer, errors);
        if (closing is not null && disposition is null && Present(row, ExportColumn.Disposition) is null)
        {
            Add(errors, row, ExportColumn.Disposition, "已结案件缺少结案方式", "a closed case has no disposition");
        }
        // Stored as pending it would count as open in every indicator while the court says it was closed.
        if (disposition is not null && closing is null && Present(row, ExportColumn.ClosingDate) is null)
        {
            Add(errors, row, ExportColumn.ClosingDate, "有结案方式但缺少结案日期", "a disposition is given but the closing date is missing");
        }

        if (errors.Count > before)
        {
            return null;
        }
        return new CaseRecord
        {
            CaseNumber = caseNumber!,
            Court = caseNumber!.IsLegacy ? uploadingCourt : caseNumber.CourtCode,
            FilingDate = filing!.Value,
            ClosingDate = closing,
            Disposition = disposition,
            DeadlineDate = deadline,
            OriginCaseNumber = origin,
            HearingHeld = hearing,
            AppealDate = appeal,
            TransferDate = transfer,
            ClaimedAmount = claimed,
            RecoveredAmount = recovered,
            Cause = Present(row, ExportColumn.Cause),
            Division = Present(row, ExportColumn.Division),
            Judge = Present(row, ExportColumn.Judge),
        };
    }

    /// <summary>
    /// A legacy number carries an abbreviation, not a 法院代字, so it can only be checked against the uploader's province,
    /// and only when it starts with a province's character; one without any abbreviation is the Supreme People's Court's.
    /// A local abbreviation (锡 for 无锡, 二中) cannot be checked, and since a legacy case is stored under its uploader,
    /// two courts' different cases of one such number would count as one: as a row's own 案号 it is refused. (As a
    /// 原审案号 it is accepted: it only links to the original case.)
    /// </summary>
    private bool BelongsToUploader(CaseNumber number) => number.IsLegacy
        ? number.CourtCode.Length == 0
            ? uploadingCourt == CourtCode.Supreme
            : CourtCode.IsHighCourtCharacter(number.CourtCode[0]) && CourtCode.ProvinceOf(uploadingCourt) == number.CourtCode[0]
        : number.CourtCode == uploadingCourt;

    private string? Present(RawRow row, ExportColumn column)
    {
        if (_tooLong[(int)column])
        {
            return null;
        }
        var value = row[column];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private CaseNumber? ReadCaseNumber(RawRow row, ExportColumn column, List<RowError> errors, bool required)
    {
        var text = Present(row, column);
        if (text is null)
        {
            if (required && !_tooLong[(int)column])
            {
                Add(errors, row, column, "必填字段为空", "a required field is empty");
            }
            return null;
        }
        if (CaseNumber.TryParse(text, out var number, out var error))
        {
            if (number!.Year > uploadDate.Year)
            {
                // A 收案年度 not yet begun: a typing error that would file the case under a year no period reaches.
                Add(errors, row, column, $"收案年度{number.Year}晚于上传日期所在年份{uploadDate.Year}", $"the receipt year {number.Year} is after the upload year {uploadDate.Year}");
                return null;
            }
            return number;
        }
        Add(errors, row, column, error!.MessageZh, error.MessageEn);
        return null;
    }

    private DateOnly? ReadDate(RawRow row, ExportColumn column, List<RowError> errors, bool required = false)
    {
        var text = Present(row, column);
        if (text is null)
        {
            if (required && !_tooLong[(int)column])
            {
                Add(errors, row, column, "必填字段为空", "a required field is empty");
            }
            return null;
        }
        if (FieldValues.TryParseDate(text, row.IsNumber[(int)column], date1904, out var date))
        {
            return date;
        }
        Add(errors, row, column, "日期无法识别（应为2024-03-05、2024/3/5、2024.03.05或2024年3月5日）",
            "the date is not recognised (expected 2024-03-05, 2024/3/5, 2024.03.05 or 2024年3月5日)");
        return null;
    }

    private decimal? ReadMoney(RawRow row, ExportColumn column, List<RowError> errors)
    {
        var text = Present(row, column);
        if (text is null)
        {
            return null;
        }
        if (FieldValues.TryParseMoney(text, out var amount))
        {
            return amount;
        }
        Add(errors, row, column, "金额无法识别（应为元，可带千分位、“元”或“万元”）",
            "the amount is not recognised (expected yuan, optionally with thousands separators, 元 or 万元)");
        return null;
    }

    private void CheckNotFuture(RawRow row, ExportColumn column, DateOnly? date, List<RowError> errors)
    {
        if (date is { } d && d > uploadDate)
        {
            Add(errors, row, column, $"日期晚于上传日期{uploadDate:yyyy-MM-dd}", $"the date is after the upload date {uploadDate:yyyy-MM-dd}");
        }
    }

    private static void Add(List<RowError> errors, RawRow row, ExportColumn column, string zh, string en)
    {
        var value = row[column];
        if (value is { Length: > ShownValueLength })
        {
            value = value[..ShownValueLength] + "…";
        }
        errors.Add(new RowError(row.RowNumber, column.ChineseName(), value, zh, en));
    }
}
