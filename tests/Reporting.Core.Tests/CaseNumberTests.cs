using CsCheck;
using Reporting.Core.Cases;
using Reporting.Core.Courts;

namespace Reporting.Core.Tests;

public sealed class CaseNumberTests
{
    [Theory]
    [InlineData("（2024）京0105民初12345号", 2024, "京0105", "民初", 12345L, CaseStage.First, CourtLevel.Basic)]
    [InlineData("(2024)京0105民初12345号", 2024, "京0105", "民初", 12345L, CaseStage.First, CourtLevel.Basic)]
    [InlineData("〔2024〕京0105民初12345号", 2024, "京0105", "民初", 12345L, CaseStage.First, CourtLevel.Basic)]
    [InlineData("（2016）粤03民终2926号", 2016, "粤03", "民终", 2926L, CaseStage.Appeal, CourtLevel.Intermediate)]
    [InlineData("（2023）京民终88号", 2023, "京", "民终", 88L, CaseStage.Appeal, CourtLevel.High)]
    [InlineData("（2023）最高法民申4567号", 2023, "最高法", "民申", 4567L, CaseStage.RetrialReview, CourtLevel.Supreme)]
    [InlineData("（2023）最高法知民终123号", 2023, "最高法", "民终", 123L, CaseStage.Appeal, CourtLevel.Supreme)]
    [InlineData("（2019）京73民初1234号", 2019, "京73", "民初", 1234L, CaseStage.First, CourtLevel.Intermediate)]
    [InlineData("（2024）内01刑初5号", 2024, "内01", "刑初", 5L, CaseStage.First, CourtLevel.Intermediate)]
    [InlineData("（2024）军事法院 刑终1号", 0, "", "", 0L, CaseStage.Other, CourtLevel.Unknown)]
    [InlineData("（2024）兵0101执恢77号", 2024, "兵0101", "执恢", 77L, CaseStage.Enforcement, CourtLevel.Basic)]
    [InlineData("（2024）浙0102执12号", 2024, "浙0102", "执", 12L, CaseStage.Enforcement, CourtLevel.Basic)]
    [InlineData("（2024）浙0102执异3号", 2024, "浙0102", "执异", 3L, CaseStage.EnforcementReview, CourtLevel.Basic)]
    [InlineData("（2024）浙0102执保9号", 2024, "浙0102", "执保", 9L, CaseStage.Enforcement, CourtLevel.Basic)]
    [InlineData("（2024）浙01行赔终2号", 2024, "浙01", "行赔终", 2L, CaseStage.Appeal, CourtLevel.Intermediate)]
    [InlineData("（2024）浙01民辖终6号", 2024, "浙01", "民辖终", 6L, CaseStage.Other, CourtLevel.Intermediate)]
    [InlineData("（2021）川0104民诉前调801号", 2021, "川0104", "民诉前调", 801L, CaseStage.PreLitigation, CourtLevel.Basic)]
    [InlineData("（2022）粤0604诉前调确15号", 2022, "粤0604", "诉前调确", 15L, CaseStage.PreLitigation, CourtLevel.Basic)]
    [InlineData("（2024）沪0115财保100号", 2024, "沪0115", "财保", 100L, CaseStage.NonContentious, CourtLevel.Basic)]
    [InlineData("（2024）沪03破21号", 2024, "沪03", "破", 21L, CaseStage.Insolvency, CourtLevel.Intermediate)]
    [InlineData("（2024）沪03破申21号", 2024, "沪03", "破申", 21L, CaseStage.Insolvency, CourtLevel.Intermediate)]
    [InlineData("（2024）苏刑核12345678号", 2024, "苏", "刑核", 12345678L, CaseStage.Other, CourtLevel.High)]
    [InlineData("（2024）苏05民再3号", 2024, "苏05", "民再", 3L, CaseStage.Retrial, CourtLevel.Intermediate)]
    [InlineData("（2024）苏05民撤3号", 2024, "苏05", "民撤", 3L, CaseStage.First, CourtLevel.Intermediate)]
    [InlineData("（2024）苏0505民保令1号", 2024, "苏0505", "民保令", 1L, CaseStage.NonContentious, CourtLevel.Basic)]
    [InlineData("（２０２４）京０１０５民初００１２号", 2024, "京0105", "民初", 12L, CaseStage.First, CourtLevel.Basic)]
    public void Parse_RealFormats_DerivesParts(string text, int year, string court, string type, long sequence, CaseStage stage, CourtLevel level)
    {
        if (year == 0)
        {
            Assert.False(CaseNumber.TryParse(text, out _, out _));
            return;
        }
        var number = CaseNumber.Parse(text);
        Assert.Equal(year, number.Year);
        Assert.Equal(court, number.CourtCode);
        Assert.Equal(type, number.TypeCode);
        Assert.Equal(sequence, number.Sequence);
        Assert.Equal(stage, number.Stage);
        Assert.Equal(level, number.CourtLevel);
    }

    [Fact]
    public void Parse_IntellectualPropertyCharacter_IsKeptAndIgnoredForStage()
    {
        var number = CaseNumber.Parse("（2023）京73知民初55号");
        Assert.True(number.IsIntellectualProperty);
        Assert.Equal("民初", number.TypeCode);
        Assert.Equal(CaseStage.First, number.Stage);
        Assert.Equal("（2023）京73知民初55号", number.ToString());
    }

    [Fact]
    public void Parse_JointRangeAndSuffix_AreRead()
    {
        var number = CaseNumber.Parse("（2016）粤0304民初18775-18776号之一");
        Assert.Equal(18775, number.Sequence);
        Assert.Equal(18776, number.SequenceEnd);
        Assert.Equal(1, number.SuffixOrdinal);
        Assert.Equal("（2016）粤0304民初18775-18776号之一", number.ToString());
        Assert.Equal(12, CaseNumber.Parse("（2016）粤0304民初5号之十二").SuffixOrdinal);
    }

    [Fact]
    public void Parse_LegacyForm_IsRecognisedWithStageFromItsTypeCharacters()
    {
        var number = CaseNumber.Parse("（2011）浙甬民一终字第00658号");
        Assert.True(number.IsLegacy);
        Assert.Equal("浙甬", number.CourtCode);
        Assert.Equal("民终", number.TypeCode);
        Assert.Equal(CaseStage.Appeal, number.Stage);
        Assert.Equal(658, number.Sequence);
        Assert.Equal(CourtLevel.Unknown, number.CourtLevel);
        Assert.Equal("（2011）浙甬民一终字第658号", number.ToString());
        Assert.Equal(CaseStage.Enforcement, CaseNumber.Parse("(2014)浙杭执字第123号").Stage);
        Assert.Equal(CaseStage.Retrial, CaseNumber.Parse("（2013）浙民提字第9号").Stage);
    }

    [Theory]
    // The Supreme People's Court's own numbers had no court abbreviation.
    [InlineData("(2012)民四终字第1号", "", "民终", CaseStage.Appeal)]
    [InlineData("(2015)民申字第2532号", "", "民申", CaseStage.RetrialReview)]
    // Local abbreviations that do not start with the province's character.
    [InlineData("(2013)锡民终字第497号", "锡", "民终", CaseStage.Appeal)]
    [InlineData("(2008)二中民终字第00453号", "二中", "民终", CaseStage.Appeal)]
    // Commercial cases were civil ones; an IP division's case carried a bracketed 知.
    [InlineData("（2014）浙杭商初字第100号", "浙杭", "民初", CaseStage.First)]
    [InlineData("（2014）浙杭商终字第7号", "浙杭", "民终", CaseStage.Appeal)]
    [InlineData("(2009)沪一中民五(知)初字第211号", "沪一中", "民初", CaseStage.First)]
    // 商 and 清 also begin place names (商丘, 清远); court parts that parsed before still do.
    [InlineData("(2010)豫商民初字第1号", "豫", "民初", CaseStage.First)]
    [InlineData("(2014)商民初字第1号", "商", "民初", CaseStage.First)]
    [InlineData("(2013)清中法民一终字第1号", "清中法", "民终", CaseStage.Appeal)]
    [InlineData("(2016)豫1402民初字第5号", "豫1402", "民初", CaseStage.First)]
    [InlineData("(2008)沪二中(知)民初字第1号", "沪二中(知)", "民初", CaseStage.First)]
    public void Parse_LegacyForms_CourtsWroteBefore2016(string text, string court, string type, CaseStage stage)
    {
        var number = CaseNumber.Parse(text);

        Assert.True(number.IsLegacy);
        Assert.Equal((court, type, stage), (number.CourtCode, number.TypeCode, number.Stage));
        Assert.Equal(number, CaseNumber.Parse(number.ToString()));
    }

    [Theory]
    [InlineData("（2025）粤0304港请送1号", CaseStage.Other)]
    [InlineData("（2025）闽0203台请调2号", CaseStage.Other)]
    [InlineData("（2017）陕赔辖1号", CaseStage.Other)]
    [InlineData("（2025）京0105行他3号", CaseStage.Other)]
    [InlineData("（2022）最高法商初7号", CaseStage.Other)]
    public void Parse_TypeCodesOfTheStandardAndTheInternationalCommercialCourt_AreKnown(string text, CaseStage stage) =>
        Assert.Equal(stage, CaseNumber.Parse(text).Stage);

    [Fact]
    public void Parse_AnUnknownCodeStartingWithAKnownOne_IsNamedAsAnUnknownCode()
    {
        Assert.False(CaseNumber.TryParse("（2025）浙0102执前调1号", out _, out var error));
        Assert.Equal(CaseNumberPart.TypeCode, error!.Part);
        Assert.Contains("执前调", error.MessageZh, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("（2025）京0105民初5号", "(2025)京0105民初5号")]
    [InlineData("（2025）京0105民初5号", "〔2025〕京0105民初005号")]
    [InlineData("（2025）京0105民初5号", " （2025） 京0105民初5号 ")]
    public void Normalize_EquivalentSpellings_AreEqual(string a, string b) =>
        Assert.Equal(CaseNumber.Normalize(a), CaseNumber.Normalize(b));

    [Theory]
    [InlineData("", CaseNumberPart.Whole)]
    [InlineData("2024京0105民初1号", CaseNumberPart.Year)]
    [InlineData("（24）京0105民初1号", CaseNumberPart.Year)]
    [InlineData("（2024京0105民初1号", CaseNumberPart.Year)]
    [InlineData("（2024）X0105民初1号", CaseNumberPart.Court)]
    [InlineData("（2024）京010民初1号", CaseNumberPart.Court)]
    [InlineData("（2024）京0105民X1号", CaseNumberPart.TypeCode)]
    [InlineData("（2024）京0105民初号", CaseNumberPart.Sequence)]
    [InlineData("（2024）京0105民初12", CaseNumberPart.Sequence)]
    [InlineData("（2024）京0105民初0号", CaseNumberPart.Sequence)]
    [InlineData("（2024）京0105民初9-3号", CaseNumberPart.Sequence)]
    [InlineData("（2024）京0105民初12号abc", CaseNumberPart.Suffix)]
    [InlineData("（2024）京0105民初12号之", CaseNumberPart.Suffix)]
    public void Parse_Malformed_NamesThePartThatFailed(string text, CaseNumberPart part)
    {
        var error = Assert.Throws<CaseNumberFormatException>(() => CaseNumber.Parse(text));
        Assert.Equal(part, error.Part);
        Assert.Contains(" / ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EveryTypeCodeInTheTable_MatchesItselfNotAShorterPrefix()
    {
        foreach (var type in CaseTypes.Table)
        {
            var number = CaseNumber.Parse($"（2024）浙0102{type.Code}7号");
            Assert.Equal(type.Code, number.TypeCode);
            Assert.Equal(type.Stage, number.Stage);
        }
    }

    private static readonly Gen<string> Courts = Gen.OneOf(
        Gen.Const(CourtCode.Supreme),
        Gen.Char[CourtCode.HighCourtCharacters].Select(c => c.ToString()),
        Gen.Select(Gen.Char[CourtCode.HighCourtCharacters], Gen.Int[1, 99], (c, n) => $"{c}{n:00}"),
        Gen.Select(Gen.Char[CourtCode.HighCourtCharacters], Gen.Int[101, 9999], (c, n) => $"{c}{n:0000}"));

    private static readonly Gen<CaseNumber> Numbers =
        Gen.Select(Gen.Int[1990, 2099], Courts, Gen.Bool, Gen.Int[0, CaseTypes.Table.Count - 1], Gen.Long[1, 99_999_999], Gen.Int[0, 5], Gen.Int[0, 20])
            .Select((year, court, ip, type, sequence, range, suffix) => new CaseNumber
            {
                Year = year,
                CourtCode = court,
                IsIntellectualProperty = ip,
                TypeCode = CaseTypes.Table[type].Code,
                Sequence = sequence,
                SequenceEnd = range == 0 ? sequence + 1 : null,
                SuffixOrdinal = suffix,
            });


    [Fact]
    public void Parse_ArbitraryText_ThrowsOnlyItsOwnError() =>
        Gen.String.Sample(text =>
        {
            if (!CaseNumber.TryParse(text, out var number, out var error))
            {
                Assert.NotNull(error);
            }
            else
            {
                Assert.Equal(number!, CaseNumber.Parse(number!.ToString()));
            }
        }, iter: 20_000);

    // Pre-2016 numbers: an abbreviation of the province character plus city characters that are no category character.
    private static readonly Gen<CaseNumber> LegacyNumbers =
        Gen.Select(Gen.Char[CourtCode.HighCourtCharacters], Gen.String[Gen.Char["甬杭温嘉湖绍金衢舟台丽"], 0, 2], Gen.Char["民刑行执赔破清"],
                Gen.String[Gen.Char["一二三四五商"], 0, 1], Gen.String[Gen.Char["初终申提恢监"], 0, 1], Gen.Long[1, 99_999_999], Gen.Int[0, 20])
            .Select((province, city, category, division, stage, sequence, suffix) => CaseNumber.Parse(
                $"（2011）{province}{city}{category}{division}{stage}字第{sequence}号{(suffix == 0 ? "" : "之" + ChineseNumerals.Format(suffix))}"));

    private static readonly Gen<CaseNumber> AnyNumbers = Gen.Frequency((3, Numbers), (1, LegacyNumbers));

    /// <summary>Every character the parser gives a meaning to, and the ones a clerk's tool or a broken export adds.</summary>
    private static readonly string Alphabet =
        "0123456789０１２３４５６７８９(（〔[［【﹝)）〕]］】﹞-－—–~～号之字第零一二三四五六七八九十知最高法"
        + CourtCode.HighCourtCharacters + string.Concat(CaseTypes.Table.Select(t => t.Code))
        + " \u3000\t\r\n\u00A0\u2028\0\u0001\u001F\u007F\u0085\uFEFF\uD800\uDC00\uD840\uDC00";

    /// <summary>Insert, delete, replace or cut at a position: how a valid number gets mangled on its way to us.</summary>
    private static readonly Gen<(int Kind, int At, char Char)[]> Edits = Gen.Select(Gen.Int[0, 6], Gen.Int[0, 99], Gen.Char[Alphabet]).Array[1, 4];

    private static string Mangle(string text, (int Kind, int At, char Char)[] edits)
    {
        var sb = new System.Text.StringBuilder(text);
        foreach (var (kind, at, c) in edits)
        {
            var i = at % (sb.Length + 1);
            if (kind <= 1)
            {
                sb.Insert(i, c);
            }
            else if (i < sb.Length && kind <= 3)
            {
                sb.Remove(i, 1);
            }
            else if (i < sb.Length && kind <= 5)
            {
                sb[i] = c;
            }
            else
            {
                sb.Length = i;
            }
        }
        return sb.ToString();
    }

    /// <summary>The contract every input must meet: our own error naming the input, or a number whose normal form is stable.</summary>
    private static void AssertParsesOrFailsWithOwnError(string text)
    {
        if (CaseNumber.TryParse(text, out var number, out var error))
        {
            var normal = number!.ToString();
            Assert.Equal(number, CaseNumber.Parse(normal));
            Assert.Equal(normal, CaseNumber.Normalize(normal));
            // The parser may keep the input as the normal form; it must be what formatting the fields gives.
            Assert.Equal(normal, (number with { Sequence = number.Sequence }).ToString());
        }
        else
        {
            Assert.Equal(text, error!.Input);
            Assert.Contains(" / ", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_TextOfCaseNumberCharacters_ParsesOrThrowsOnlyItsOwnError() =>
        Gen.Char[Alphabet].Array[0, 40].Select(chars => new string(chars)).Sample(AssertParsesOrFailsWithOwnError, iter: 20_000);

    [Fact]
    public void Parse_MangledValidNumbers_ParseOrThrowOnlyTheirOwnError() =>
        Gen.Select(AnyNumbers, Edits).Sample((number, edits) => AssertParsesOrFailsWithOwnError(Mangle(number.ToString(), edits)), iter: 20_000);

    [Fact]
    public void Parse_VeryLongText_FailsWithItsOwnError() =>
        Gen.Select(Gen.OneOf(Gen.Const("（2024）京0105民初"), Gen.Const("（"), Gen.Const("（2024）浙甬民一终字第1号之")), Gen.Char[Alphabet], Gen.Int[1_000, 50_000])
            .Sample((prefix, c, length) => AssertParsesOrFailsWithOwnError(prefix + new string(c, length)), iter: 300);

    /// <summary>How exports spell one number: any bracket pair, full-width digits, zero padding, spaces, another dash.</summary>
    private static readonly Gen<(CaseNumber Number, string Text)> Spellings =
        Gen.Select(AnyNumbers, Gen.Int[0, 6], Gen.Int[0, 6], Gen.Bool, Gen.Int[0, 4], Gen.Char["-－—–~～"], Gen.Int[0, 30], Gen.Char[" \u3000\t"])
            .Select((number, open, close, fullWidth, zeros, dash, spaceAt, space) =>
            {
                var pad = new string('0', zeros);
                var body = number.IsLegacy ? number.LegacyBody + "字第" : (number.IsIntellectualProperty ? "知" : "") + number.TypeCode;
                var range = number.SequenceEnd is { } end ? $"{dash}{pad}{end}" : "";
                var suffix = number.SuffixOrdinal > 0 ? "之" + ChineseNumerals.Format(number.SuffixOrdinal) : "";
                var text = $"{"(（〔[［【﹝"[open]}{number.Year}{")）〕]］】﹞"[close]}{number.CourtCode}{body}{pad}{number.Sequence}{range}号{suffix}";
                if (fullWidth)
                {
                    text = string.Concat(text.Select(c => char.IsAsciiDigit(c) ? (char)(c - '0' + '０') : c));
                }
                return (number, text.Insert(Math.Min(spaceAt, text.Length), space.ToString()));
            });

    [Fact]
    public void Parse_AnySpellingOfAValidNumber_GivesItsFieldsAndNormalForm() =>
        Spellings.Sample((number, text) =>
        {
            var parsed = CaseNumber.Parse(text);
            Assert.Equal(number, parsed);
            Assert.Equal(number.ToString(), parsed.ToString());
        }, iter: 10_000);

    [Fact]
    public void FormatThenParse_RoundTrips() =>
        AnyNumbers.Sample(number =>
        {
            var text = number.ToString();
            var parsed = CaseNumber.Parse(text);
            Assert.Equal(number, parsed);
            Assert.Equal(text, parsed.ToString());
        }, iter: 5_000);

    [Fact]
    public void WithCopy_FormatsItsOwnNumber_AndEqualityIgnoresHowTheTextWasSpelled()
    {
        var parsed = CaseNumber.Parse("（2025）浙0102民初5号");
        var copy = parsed with { Sequence = 6 };
        Assert.Equal("（2025）浙0102民初6号", copy.ToString());
        Assert.Equal(parsed, CaseNumber.Parse("(2025)浙0102民初05号"));
        Assert.Equal(parsed.GetHashCode(), CaseNumber.Parse("(2025)浙0102民初05号").GetHashCode());
        Assert.Equal("（2025）浙0102民初5号", CaseNumber.Parse("(2025)浙0102民初05号").ToString());
    }

    [Theory]
    [InlineData(1, "一")]
    [InlineData(10, "十")]
    [InlineData(12, "十二")]
    [InlineData(20, "二十")]
    [InlineData(99, "九十九")]
    public void ChineseNumerals_FormatAndParse(int value, string text)
    {
        Assert.Equal(text, ChineseNumerals.Format(value));
        Assert.True(ChineseNumerals.TryParse(text, out var parsed));
        Assert.Equal(value, parsed);
    }
}
