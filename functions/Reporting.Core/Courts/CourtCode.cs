namespace Reporting.Core.Courts;

/// <summary>
/// 法院代字 rules of 《各级法院代字表》: 最高法; a high court is its province's one-character abbreviation
/// (内, 军 and 兵 included); an intermediate court adds 2 digits (71–99 are specialised courts); a basic court 4.
/// </summary>
public static class CourtCode
{
    public const string Supreme = "最高法";

    /// <summary>The one-character high-court codes. Province list from general knowledge (research §3.3 marks it unconfirmed).</summary>
    public const string HighCourtCharacters = "京津冀晋内辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔云藏陕甘青宁新军兵";

    public static bool IsHighCourtCharacter(char c) => HighCourtCharacters.Contains(c, StringComparison.Ordinal);

    /// <summary>Level implied by the code's form, or <see cref="CourtLevel.Unknown"/> when the code is not well formed.</summary>
    public static CourtLevel LevelOf(string code)
    {
        if (code == Supreme)
        {
            return CourtLevel.Supreme;
        }
        if (code.Length == 0 || !IsHighCourtCharacter(code[0]))
        {
            return CourtLevel.Unknown;
        }
        var digits = code.AsSpan(1);
        foreach (var d in digits)
        {
            if (!char.IsAsciiDigit(d))
            {
                return CourtLevel.Unknown;
            }
        }
        return digits.Length switch
        {
            0 => CourtLevel.High,
            2 => CourtLevel.Intermediate,
            4 => CourtLevel.Basic,
            _ => CourtLevel.Unknown,
        };
    }

    public static bool IsWellFormed(string code) => LevelOf(code) != CourtLevel.Unknown;

    /// <summary>71–99: railway, maritime, IP, forestry, 农垦 and cross-region intermediate courts (法〔2018〕335号).</summary>
    public static bool IsSpecialisedIntermediate(string code) =>
        LevelOf(code) == CourtLevel.Intermediate && int.Parse(code.AsSpan(1), provider: System.Globalization.CultureInfo.InvariantCulture) >= 71;

    /// <summary>The province character a code belongs to ('\0' for 最高法 or a malformed code).</summary>
    public static char ProvinceOf(string code) => code.Length > 0 && IsHighCourtCharacter(code[0]) ? code[0] : '\0';
}
