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
        if (Utf8.IsValid(sampleIsWholeFile ? sample : WithoutCutUtf8Character(sample)))
        {
            return new DetectedEncoding("UTF-8", StrictUtf8, 0);
        }
        if (IsValidGb18030(sample, sampleIsWholeFile))
        {
            return new DetectedEncoding("GB18030", StrictGb18030, 0);
        }
        throw new ExportRejectedException(
            "文件编码无法识别：既不是有效的UTF-8，也不是有效的GB18030/GBK",
            "the encoding cannot be decoded: the file is neither valid UTF-8 nor valid GB18030/GBK");
    }

    /// <summary>A sample may end inside a GB18030 character (2 or 4 bytes): allow up to 3 bytes cut off at its end.</summary>
    private static bool IsValidGb18030(ReadOnlySpan<byte> bytes, bool whole)
    {
        for (var cut = 0; cut <= (whole ? 0 : Math.Min(3, bytes.Length)); cut++)
        {
            try
            {
                StrictGb18030.GetCharCount(bytes[..^cut]);
                return true;
            }
            catch (DecoderFallbackException)
            {
                // try a shorter sample: the cut may have split a character
            }
        }
        return false;
    }

    /// <summary>Drops a UTF-8 sequence that the sample's end cut short (its lead byte promises more bytes than follow).</summary>
    internal static ReadOnlySpan<byte> WithoutCutUtf8Character(ReadOnlySpan<byte> bytes)
    {
        var i = bytes.Length - 1;
        while (i >= 0 && i >= bytes.Length - 4 && (bytes[i] & 0xC0) == 0x80)
        {
            i--;
        }
        if (i < 0 || bytes[i] < 0xC0)
        {
            return bytes;
        }
        var length = bytes[i] >= 0xF0 ? 4 : bytes[i] >= 0xE0 ? 3 : 2;
        return i + length > bytes.Length ? bytes[..i] : bytes;
    }
}
