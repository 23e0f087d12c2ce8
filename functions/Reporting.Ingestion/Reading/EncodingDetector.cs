using System.Text;
using System.Text.Unicode;

namespace Reporting.Ingestion.Reading;

/// <summary>A text encoding as detected, with the name the ingestion report prints.</summary>
public sealed record DetectedEncoding(string Name, Encoding Encoding, int PreambleLength);

/// <summary>
/// UTF-8 (with or without BOM) or GB18030 (a superset of GBK). Never guesses silently: the report names the result,
/// and a byte sequence invalid in the chosen encoding later in the file rejects the file.
/// </summary>
public static class EncodingDetector
{
    public static Encoding StrictUtf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Encoding StrictGb18030 { get; } = CreateGb18030();

    private static Encoding CreateGb18030()
    {
        // GB18030 (code page 54936) is a code-page encoding: .NET has it only once the provider is registered.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    public static DetectedEncoding Detect(ReadOnlySpan<byte> sample, bool sampleIsWholeFile)
    {
        if (sample.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
        {
            return new DetectedEncoding("UTF-8 (BOM)", StrictUtf8, 3);
        }
        var trimmed = sampleIsWholeFile ? sample : TrimIncompleteTail(sample);
        if (Utf8.IsValid(trimmed))
        {
            return new DetectedEncoding("UTF-8", StrictUtf8, 0);
        }
        if (IsValidGb18030(trimmed))
        {
            return new DetectedEncoding("GB18030", StrictGb18030, 0);
        }
        throw new ExportRejectedException(
            "文件编码无法识别：既不是有效的UTF-8，也不是有效的GB18030/GBK",
            "the encoding cannot be decoded: the file is neither valid UTF-8 nor valid GB18030/GBK");
    }

    private static bool IsValidGb18030(ReadOnlySpan<byte> bytes)
    {
        try
        {
            StrictGb18030.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>Drops up to 3 trailing bytes that may be the start of a multi-byte character cut by the sample's end.</summary>
    private static ReadOnlySpan<byte> TrimIncompleteTail(ReadOnlySpan<byte> bytes)
    {
        var cut = bytes.Length;
        for (var i = 1; i <= 3 && i <= bytes.Length; i++)
        {
            if (bytes[^i] >= 0x80)
            {
                cut = bytes.Length - i;
            }
            else
            {
                break;
            }
        }
        return bytes[..cut];
    }
}
