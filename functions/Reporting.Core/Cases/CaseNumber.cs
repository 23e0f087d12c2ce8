using System.Globalization;
using System.Text;
using Reporting.Core.Courts;

namespace Reporting.Core.Cases;

/// <summary>
/// A 案号 per 法〔2015〕137号 as amended by 法〔2018〕335号:
/// （收案年度）法院代字 [专门审判代字 知] 类型代字 编号 号 [之一].
/// Pre-2016 numbers such as （2011）浙甬民一终字第00658号 parse as <see cref="IsLegacy"/>: their court part is an
/// abbreviation, not a 法院代字, so level is unknown and the type is read from the characters before 字第.
/// </summary>
public sealed record CaseNumber
{
    // The normal form, kept once known: most exports already write it, and it is asked for on every row.
    // Every init accessor clears it, so a `with` copy never carries a stale text; equality ignores it.
    private string? _text;
    private readonly int _year;
    private readonly string _courtCode = "";
    private readonly bool _ip;
    private readonly string _typeCode = "";
    private readonly long _sequence;
    private readonly long? _sequenceEnd;
    private readonly int _suffix;
    private readonly bool _legacy;
    private readonly string? _legacyBody;

    public required int Year { get => _year; init { _year = value; _text = null; } }
    /// <summary>法院代字 (e.g. 京0105); for a legacy number the abbreviation as written (e.g. 浙甬).</summary>
    public required string CourtCode { get => _courtCode; init { _courtCode = value; _text = null; } }
    /// <summary>The 2018 specialised-trial character 知 was present.</summary>
    public bool IsIntellectualProperty { get => _ip; init { _ip = value; _text = null; } }
    public required string TypeCode { get => _typeCode; init { _typeCode = value; _text = null; } }
    public required long Sequence { get => _sequence; init { _sequence = value; _text = null; } }
    /// <summary>Last number of a joint range such as 18775-18776号.</summary>
    public long? SequenceEnd { get => _sequenceEnd; init { _sequenceEnd = value; _text = null; } }
    /// <summary>1 for 之一, 2 for 之二 …; 0 when absent.</summary>
    public int SuffixOrdinal { get => _suffix; init { _suffix = value; _text = null; } }
    public bool IsLegacy { get => _legacy; init { _legacy = value; _text = null; } }
    /// <summary>Legacy only: the division and type characters as written (e.g. 民一终).</summary>
    public string? LegacyBody { get => _legacyBody; init { _legacyBody = value; _text = null; } }

    public bool Equals(CaseNumber? other) =>
        other is not null && _year == other._year && _courtCode == other._courtCode && _ip == other._ip && _typeCode == other._typeCode
        && _sequence == other._sequence && _sequenceEnd == other._sequenceEnd && _suffix == other._suffix && _legacy == other._legacy
        && _legacyBody == other._legacyBody;

    public override int GetHashCode() => HashCode.Combine(_year, _courtCode, _typeCode, _sequence, _sequenceEnd, _suffix, _legacyBody);

    /// <summary>Used by the parser when the input already was the normal form.</summary>
    internal CaseNumber WithNormalText(string text)
    {
        _text = text;
        return this;
    }

    public CourtLevel CourtLevel => IsLegacy ? CourtLevel.Unknown : Courts.CourtCode.LevelOf(CourtCode);

    public CaseStage Stage => CaseTypes.TryGet(TypeCode, out var type) ? type.Stage : CaseStage.Other;

    /// <summary>Normal form: full-width brackets, no leading zeros, no 字第 padding.</summary>
    public override string ToString() => _text ??= Format();

    private string Format()
    {
        var sb = new StringBuilder(24);
        sb.Append('（').Append(Year.ToString(CultureInfo.InvariantCulture)).Append('）').Append(CourtCode);
        if (IsLegacy)
        {
            sb.Append(LegacyBody).Append("字第");
        }
        else
        {
            if (IsIntellectualProperty)
            {
                sb.Append('知');
            }
            sb.Append(TypeCode);
        }
        sb.Append(Sequence.ToString(CultureInfo.InvariantCulture));
        if (SequenceEnd is { } end)
        {
            sb.Append('-').Append(end.ToString(CultureInfo.InvariantCulture));
        }
        sb.Append('号');
        if (SuffixOrdinal > 0)
        {
            sb.Append('之').Append(ChineseNumerals.Format(SuffixOrdinal));
        }
        return sb.ToString();
    }

    public static CaseNumber Parse(string text) => CaseNumberParser.Parse(text);

    public static bool TryParse(string? text, out CaseNumber? caseNumber, out CaseNumberFormatException? error)
    {
        caseNumber = null;
        error = null;
        if (text is null)
        {
            error = new CaseNumberFormatException("", CaseNumberPart.Whole, "为空", "is empty");
            return false;
        }
        try
        {
            caseNumber = CaseNumberParser.Parse(text);
            return true;
        }
        catch (CaseNumberFormatException e)
        {
            error = e;
            return false;
        }
    }

    /// <summary>Normal form of <paramref name="text"/>, so that （2025）, (2025) and 〔2025〕 compare equal.</summary>
    public static string Normalize(string text) => Parse(text).ToString();
}
