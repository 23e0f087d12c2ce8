namespace Reporting.Ingestion.Reading;

public enum ExportFormat
{
    Csv,
    Tsv,
    Xlsx,
    JsonLines,
}

public static class ExportFormats
{
    public static string Id(this ExportFormat format) => format switch
    {
        ExportFormat.Csv => "csv",
        ExportFormat.Tsv => "tsv",
        ExportFormat.Xlsx => "xlsx",
        _ => "jsonl",
    };
}

/// <summary>Decides what a file is from its first bytes, whatever its name says.</summary>
public static class FormatSniffer
{
    public static ExportFormat? Sniff(ReadOnlySpan<byte> head, out string? reasonZh, out string? reasonEn)
    {
        reasonZh = reasonEn = null;
        if (head.IsEmpty)
        {
            reasonZh = "文件为空";
            reasonEn = "the file is empty";
            return null;
        }
        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            return ExportFormat.Xlsx;
        }
        if (head.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0 }))
        {
            reasonZh = "文件是旧版Excel（.xls）或其他Office二进制格式，请另存为XLSX或CSV";
            reasonEn = "the file is a legacy Excel (.xls) or other Office binary file; save it as XLSX or CSV";
            return null;
        }
        if (head.StartsWith("%PDF"u8) || head.StartsWith(new byte[] { 0x1F, 0x8B }) || head.StartsWith("Rar!"u8)
            || head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47 }) || head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF })
            || head.StartsWith("7z"u8))
        {
            reasonZh = "文件不是CSV、XLSX或JSON Lines格式（检测到PDF、压缩包或图片）";
            reasonEn = "the file is not CSV, XLSX or JSON Lines (a PDF, archive or image was detected)";
            return null;
        }
        if (head.StartsWith(new byte[] { 0xFF, 0xFE }) || head.StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            reasonZh = "文件编码为UTF-16，仅支持UTF-8或GB18030/GBK，请另存为UTF-8";
            reasonEn = "the file is UTF-16; only UTF-8 and GB18030/GBK are accepted, save it as UTF-8";
            return null;
        }
        if (head.IndexOf((byte)0) >= 0)
        {
            reasonZh = "文件含有NUL字节，不是文本文件";
            reasonEn = "the file contains NUL bytes and is not a text file";
            return null;
        }
        var text = head.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }) ? head[3..] : head;
        var first = text.IndexOfAnyExcept(" \t\r\n"u8);
        return first >= 0 && text[first] == (byte)'{' ? ExportFormat.JsonLines : ExportFormat.Csv;
    }
}
