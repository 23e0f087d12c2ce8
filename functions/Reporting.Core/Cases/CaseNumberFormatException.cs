
namespace Reporting.Core.Cases;

public sealed class CaseNumberFormatException(string input, CaseNumberPart part, string messageZh, string messageEn)
    : FormatException($"案号“{input}”{messageZh} / case number '{input}': {messageEn}")
{
    public string Input { get; } = input;
    public CaseNumberPart Part { get; } = part;
    public string MessageZh { get; } = messageZh;
    public string MessageEn { get; } = messageEn;
}
