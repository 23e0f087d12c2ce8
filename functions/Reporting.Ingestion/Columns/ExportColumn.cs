namespace Reporting.Ingestion.Columns;

/// <summary>The columns of court export format v1 (docs/domain/export-format.md). Only these are ever stored.</summary>
public enum ExportColumn
{
    CaseNumber,
    FilingDate,
    ClosingDate,
    Disposition,
    DeadlineDate,
    OriginCaseNumber,
    HearingHeld,
    AppealDate,
    TransferDate,
    ClaimedAmount,
    RecoveredAmount,
    Cause,
    Division,
    Judge,
}

public enum ColumnKind
{
    CaseNumber,
    Date,
    Disposition,
    YesNo,
    Money,
    Text,
}

public sealed record ExportColumnInfo(ExportColumn Column, string ChineseName, string Alias, bool Required, ColumnKind Kind, string[] ExtraNames);

public static class ExportColumns
{
    public const int Count = 14;

    /// <summary>
    /// Header names per column. Besides the format's Chinese name and alias, a few names case management systems
    /// commonly print are accepted (our choice, listed in the README): 收案日期, 结案方式/结案方式名称 etc.
    /// </summary>
    public static IReadOnlyList<ExportColumnInfo> All { get; } =
    [
        new(ExportColumn.CaseNumber, "案号", "case_number", true, ColumnKind.CaseNumber, ["案件编号"]),
        new(ExportColumn.FilingDate, "立案日期", "filing_date", true, ColumnKind.Date, ["收案日期", "立案时间"]),
        new(ExportColumn.ClosingDate, "结案日期", "closing_date", false, ColumnKind.Date, ["结案时间"]),
        new(ExportColumn.Disposition, "结案方式", "disposition", false, ColumnKind.Disposition, []),
        new(ExportColumn.DeadlineDate, "审限届满日期", "deadline_date", false, ColumnKind.Date, ["审限到期日期", "审限届满日"]),
        new(ExportColumn.OriginCaseNumber, "原审案号", "origin_case_number", false, ColumnKind.CaseNumber, ["原案号"]),
        new(ExportColumn.HearingHeld, "是否开庭", "hearing_held", false, ColumnKind.YesNo, []),
        new(ExportColumn.AppealDate, "上诉日期", "appeal_date", false, ColumnKind.Date, []),
        new(ExportColumn.TransferDate, "移送日期", "transfer_date", false, ColumnKind.Date, ["移送上诉日期"]),
        new(ExportColumn.ClaimedAmount, "申请执行标的额", "claimed_amount", false, ColumnKind.Money, ["申请标的额"]),
        new(ExportColumn.RecoveredAmount, "执行到位金额", "recovered_amount", false, ColumnKind.Money, ["到位金额"]),
        new(ExportColumn.Cause, "案由", "cause", false, ColumnKind.Text, []),
        new(ExportColumn.Division, "承办部门", "division", false, ColumnKind.Text, []),
        new(ExportColumn.Judge, "承办法官", "judge", false, ColumnKind.Text, ["承办人"]),
    ];

    public static ExportColumnInfo Info(this ExportColumn column) => All[(int)column];

    public static string ChineseName(this ExportColumn column) => All[(int)column].ChineseName;
}
