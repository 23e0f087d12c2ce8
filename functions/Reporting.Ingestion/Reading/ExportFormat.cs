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
        ExportFormat.JsonLines => "jsonl",
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
        if (LooksLikeUtf16(head))
        {
            reasonZh = "文件编码为UTF-16（无字节顺序标记），仅支持UTF-8或GB18030/GBK，请另存为UTF-8";
            reasonEn = "the file is UTF-16 (without a byte order mark); only UTF-8 and GB18030/GBK are accepted, save it as UTF-8";
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
        switch (first >= 0 ? text[first] : (byte)0)
        {
            case (byte)'{':
                return ExportFormat.JsonLines;
            case (byte)'<':
                // Case systems often save an HTML table or an XML Spreadsheet 2003 file as ".xls"; no CSV header starts with '<'.
                reasonZh = "文件是网页（HTML）或XML格式（常见于另存为.xls的导出），不是CSV、XLSX或JSON Lines；请用Excel打开后另存为XLSX或CSV";
                reasonEn = "the file is HTML or XML (often an export saved as .xls), not CSV, XLSX or JSON Lines; open it in Excel and save it as XLSX or CSV";
                return null;
            case (byte)'[':
                reasonZh = "文件是JSON数组，不是JSON Lines（每行一个JSON对象）";
                reasonEn = "the file is a JSON array, not JSON Lines (one JSON object per line)";
                return null;
            default:
                return ExportFormat.Csv;
        }
    }

    /// <summary>
    /// Text in UTF-16 without a BOM: a good share of the bytes at one parity are NUL (every ASCII character: digits,
    /// commas, dates, line ends) and almost none at the other. UTF-8 and GB18030 text has no NUL byte at all.
    /// </summary>
    private static bool LooksLikeUtf16(ReadOnlySpan<byte> head)
    {
        var sample = head[..(Math.Min(head.Length, 4096) & ~1)];
        if (sample.Length < 8)
        {
            return false;
        }
        int evenNul = 0, oddNul = 0;
        for (var i = 0; i < sample.Length; i += 2)
        {
            evenNul += sample[i] == 0 ? 1 : 0;
            oddNul += sample[i + 1] == 0 ? 1 : 0;
        }
        var pairs = sample.Length / 2;
        return (evenNul > pairs * 0.2 && oddNul < pairs * 0.02) || (oddNul > pairs * 0.2 && evenNul < pairs * 0.02);
    }
}
