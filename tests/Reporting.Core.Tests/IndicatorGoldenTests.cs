using Reporting.Core.Cases;
using Reporting.Core.Courts;
using Reporting.Core.Indicators;
using Reporting.Core.Periods;

namespace Reporting.Core.Tests;

/// <summary>
/// A hand-built province with every expected value worked out by hand below (period 2025-Q2 = 2025-04-01..06-30).
///
/// 浙0102 (basic): 民初1 A1 filed 04-01 closed 05-10 判决, deadline 06-30, appealed 05-15, transferred 05-30
///                 民初2 A2 04-02 → 05-01 调解, deadline 06-30;  民初3 A3 04-03 → 06-20 撤诉, deadline 06-01 (late)
///                 民初4 A4 04-05 → 06-01 判决, deadline 07-05;   民初5 A5 04-10 pending, origin 民诉前调1 (failed mediation)
///                 民诉前调1 P1 03-20 → 04-05 调解不成; 民诉前调2 P2 04-01 → 04-20 调解成功; 民诉前调3 P3 04-02 → 04-25 调解成功
///                 执1 E1 06-05 → 06-25 执行完毕, origin A4, claimed 100,000 recovered 100,000
///                 执2 E2 04-08 → 06-28 终本, no origin, claimed 50,000 recovered 10,000
///                 执恢1 E3 05-02 → 06-15 执行完毕, origin (2024)浙0102执9号 (not in the data), claimed 20,000, no recovered amount
///                 民初6 L1 filed 2024-03-01, pending (486 days old on 06-30)
///                 民初7 R1 06-10 pending, origin 浙01民终1 (a 发回重审 retrial)
/// 浙0103 (basic): 刑初1 B1 04-01 → 04-30 判决, deadline 06-30, appealed 05-05, transferred 05-20
///                 刑初2 B2 04-02 → 05-02 判决, deadline 06-30;  行初1 B3 04-03 → 05-15 驳回起诉, deadline 09-30
/// 浙01 (intermediate): 民终1 C1 06-02 → 06-08 发回重审, no hearing, origin A1;  刑终1 C2 05-22 → 06-20 改判, hearing, origin B1
///                 刑申1 C3 06-01 pending, origin B2;  民初1 C4 05-01 → 06-30 判决, deadline 11-01
/// 浙0202 (basic, under 浙02):
///                 民初1 D1 04-01 → 04-21 判决, deadline 07-01, appealed 04-25, transferred 05-05
///                 民初2 D2 04-02 → 05-12 判决, deadline 07-02 (petitioned: 浙02民申1)
///                 民初3 D3 04-03 → 04-13 调解, deadline 07-03;  民初4 D4 04-04 → 06-04 驳回起诉, deadline 07-04
///                 民初5 D5 04-05 pending, deadline 07-05;  刑初1 D6 filed 2024-01-10, pending (537 days old on 06-30)
///                 民诉前调1 D7 04-06 → 04-26 调解成功
///                 执3 E4 05-20 → 06-20 终本, origin D3, claimed 80,000 recovered 20,000;  执恢2 E5 06-25 pending, origin 执3
///                 执4 E6 04-07 → 05-07 执行完毕, no origin, claimed 30,000 recovered 30,000;  执异1 E7 05-10 → 05-30 裁定, origin 执3
///                 财保1 F1 04-12 → 04-15 裁定;  执保1 F2 04-16 → 04-30 执行完毕, origin 财保1
/// 浙02 (intermediate): 民终2 G1 05-08 → 06-10 改判, hearing, origin D1;  民申1 G2 06-15 pending, origin D2
///                 民再1 G3 04-10 → 06-01 发回重审, origin (2024)浙0202民初99号 (not in the data);  民初1 G4 04-11 → 06-11 判决
/// </summary>
public sealed class IndicatorGoldenTests
{
    private static readonly Period Q2 = Period.Parse("2025-Q2");
    private static readonly IndicatorSheet Sheet = Build();

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    private static CaseRecord Case(string number, string filed, string? closed = null, Disposition? disposition = null, string? deadline = null,
        string? origin = null, bool? hearing = null, string? appeal = null, string? transfer = null, decimal? claimed = null, decimal? recovered = null)
    {
        var parsed = CaseNumber.Parse(number);
        return new CaseRecord
        {
            CaseNumber = parsed,
            Court = parsed.CourtCode,
            FilingDate = D(filed),
            ClosingDate = closed is null ? null : D(closed),
            Disposition = disposition,
            DeadlineDate = deadline is null ? null : D(deadline),
            OriginCaseNumber = origin is null ? null : CaseNumber.Parse(origin),
            HearingHeld = hearing,
            AppealDate = appeal is null ? null : D(appeal),
            TransferDate = transfer is null ? null : D(transfer),
            ClaimedAmount = claimed,
            RecoveredAmount = recovered,
        };
    }

    private static IndicatorSheet Build()
    {
        var table = new CaseTable();
        CaseRecord[] cases =
        [
            Case("（2025）浙0102民初1号", "2025-04-01", "2025-05-10", Disposition.判决, "2025-06-30", appeal: "2025-05-15", transfer: "2025-05-30"),
            Case("（2025）浙0102民初2号", "2025-04-02", "2025-05-01", Disposition.调解, "2025-06-30"),
            Case("（2025）浙0102民初3号", "2025-04-03", "2025-06-20", Disposition.撤诉, "2025-06-01"),
            Case("（2025）浙0102民初4号", "2025-04-05", "2025-06-01", Disposition.判决, "2025-07-05"),
            Case("（2025）浙0102民初5号", "2025-04-10", deadline: "2025-10-10", origin: "（2025）浙0102民诉前调1号"),
            Case("（2025）浙0102民诉前调1号", "2025-03-20", "2025-04-05", Disposition.调解不成),
            Case("（2025）浙0102民诉前调2号", "2025-04-01", "2025-04-20", Disposition.调解成功),
            Case("（2025）浙0102民诉前调3号", "2025-04-02", "2025-04-25", Disposition.调解成功),
            Case("（2025）浙0102执1号", "2025-06-05", "2025-06-25", Disposition.执行完毕, origin: "（2025）浙0102民初4号", claimed: 100_000, recovered: 100_000),
            Case("（2025）浙0102执2号", "2025-04-08", "2025-06-28", Disposition.终结本次执行程序, claimed: 50_000, recovered: 10_000),
            Case("（2025）浙0102执恢1号", "2025-05-02", "2025-06-15", Disposition.执行完毕, origin: "（2024）浙0102执9号", claimed: 20_000),
            Case("（2024）浙0102民初6号", "2024-03-01", deadline: "2024-09-01"),
            Case("（2025）浙0102民初7号", "2025-06-10", deadline: "2025-12-10", origin: "（2025）浙01民终1号"),
            Case("（2025）浙0103刑初1号", "2025-04-01", "2025-04-30", Disposition.判决, "2025-06-30", appeal: "2025-05-05", transfer: "2025-05-20"),
            Case("（2025）浙0103刑初2号", "2025-04-02", "2025-05-02", Disposition.判决, "2025-06-30"),
            Case("（2025）浙0103行初1号", "2025-04-03", "2025-05-15", Disposition.驳回起诉, "2025-09-30"),
            Case("（2025）浙01民终1号", "2025-06-02", "2025-06-08", Disposition.发回重审, "2025-09-02", "（2025）浙0102民初1号", hearing: false),
            Case("（2025）浙01刑终1号", "2025-05-22", "2025-06-20", Disposition.改判, "2025-08-22", "（2025）浙0103刑初1号", hearing: true),
            Case("（2025）浙01刑申1号", "2025-06-01", origin: "（2025）浙0103刑初2号"),
            Case("（2025）浙01民初1号", "2025-05-01", "2025-06-30", Disposition.判决, "2025-11-01"),
            Case("（2025）浙0202民初1号", "2025-04-01", "2025-04-21", Disposition.判决, "2025-07-01", appeal: "2025-04-25", transfer: "2025-05-05"),
            Case("（2025）浙0202民初2号", "2025-04-02", "2025-05-12", Disposition.判决, "2025-07-02"),
            Case("（2025）浙0202民初3号", "2025-04-03", "2025-04-13", Disposition.调解, "2025-07-03"),
            Case("（2025）浙0202民初4号", "2025-04-04", "2025-06-04", Disposition.驳回起诉, "2025-07-04"),
            Case("（2025）浙0202民初5号", "2025-04-05", deadline: "2025-07-05"),
            Case("（2024）浙0202刑初1号", "2024-01-10", deadline: "2024-04-10"),
            Case("（2025）浙0202民诉前调1号", "2025-04-06", "2025-04-26", Disposition.调解成功),
            Case("（2025）浙0202执3号", "2025-05-20", "2025-06-20", Disposition.终结本次执行程序, origin: "（2025）浙0202民初3号", claimed: 80_000, recovered: 20_000),
            Case("（2025）浙0202执恢2号", "2025-06-25", origin: "（2025）浙0202执3号", claimed: 60_000),
            Case("（2025）浙0202执4号", "2025-04-07", "2025-05-07", Disposition.执行完毕, claimed: 30_000, recovered: 30_000),
            Case("（2025）浙0202执异1号", "2025-05-10", "2025-05-30", Disposition.裁定, origin: "（2025）浙0202执3号"),
            Case("（2025）浙0202财保1号", "2025-04-12", "2025-04-15", Disposition.裁定),
            Case("（2025）浙0202执保1号", "2025-04-16", "2025-04-30", Disposition.执行完毕, origin: "（2025）浙0202财保1号"),
            Case("（2025）浙02民终2号", "2025-05-08", "2025-06-10", Disposition.改判, "2025-08-08", "（2025）浙0202民初1号", hearing: true),
            Case("（2025）浙02民申1号", "2025-06-15", origin: "（2025）浙0202民初2号"),
            Case("（2025）浙02民再1号", "2025-04-10", "2025-06-01", Disposition.发回重审, "2025-10-10", "（2024）浙0202民初99号"),
            Case("（2025）浙02民初1号", "2025-04-11", "2025-06-11", Disposition.判决, "2025-10-11"),
        ];
        foreach (var c in cases)
        {
            table.Add(c);
        }
        table.Link();
        return new IndicatorEngine(IndicatorCatalog.Default()).Compute(table, CourtRegistry.Demo());
    }

    private static IndicatorValue V(string court, string id)
    {
        Assert.True(Sheet.Catalog.TryGet(id, out var indicator));
        return Sheet.Value(court, Q2, indicator);
    }

    private static void Expect(string court, string id, double numerator, double denominator, string display)
    {
        var value = V(court, id);
        Assert.Equal((numerator, denominator), (value.Numerator, value.Denominator));
        Sheet.Catalog.TryGet(id, out var indicator);
        Assert.Equal(display, IndicatorFormat.Display(indicator, value.Value));
    }

    // 1 案-件比: 件 filed in Q2 at 浙0102 = A1–A5, E1, E2, E3, R1 = 9; 案 = A1–A5 (A5's origin is 诉前) + E2 = 6 → 1.5
    [Fact] public void CaseMatterRatio() => Expect("浙0102", "case-matter-ratio", 9, 6, "1:1.50");

    // 2 上诉率: 一审 closed by 判决/驳回起诉 = A1, A4; appealed = A1 → 1/2
    [Fact] public void AppealRate() => Expect("浙0102", "appeal-rate", 1, 2, "50.00%");

    // 3 一审服判息诉率: 一审 closed = A1–A4; A1 was appealed (date and linked 民终1) → 3/4
    [Fact] public void FirstInstanceAcceptanceRate() => Expect("浙0102", "first-instance-acceptance-rate", 3, 4, "75.00%");

    // 4 申诉申请再审率 at 浙0103: 刑申1 (filed at 浙01) derives from 刑初2 of 浙0103 → 1; 一审+二审 closed at 浙0103 = B1, B2, B3 → 1/3
    [Fact] public void RetrialPetitionRate() => Expect("浙0103", "retrial-petition-rate", 1, 3, "33.33%");

    // 5 二审改判-发回重审比 at 浙01 (scope): 改判 C2 / 发回重审 C1 = 1/1; at 浙0102 there is no 二审: undefined
    [Fact]
    public void AppealReversalRemandRatio()
    {
        Expect("浙01", "appeal-reversal-remand-ratio", 1, 1, "1.00");
        Expect("浙0102", "appeal-reversal-remand-ratio", 0, 0, "—");
    }

    // 6 再审改判-发回重审比: no 再审 in 浙01's scope: zero denominator, undefined, never 0;
    //   at 浙02 one 再审 (G3) was remanded and none modified: 0/1 = 0.00, defined
    [Fact]
    public void RetrialReversalRemandRatio()
    {
        Expect("浙01", "retrial-reversal-remand-ratio", 0, 0, "—");
        Expect("浙02", "retrial-reversal-remand-ratio", 0, 1, "0.00");
    }

    // 7 二审开庭率 at 浙01: C2 heard, C1 not → 1/2
    [Fact] public void AppealHearingRate() => Expect("浙01", "appeal-hearing-rate", 1, 2, "50.00%");

    // 8 审限内结案率: closed with a deadline = A1–A4; A3 closed 06-20 after its 06-01 deadline → 3/4
    [Fact] public void OnTimeClosureRate() => Expect("浙0102", "on-time-closure-rate", 3, 4, "75.00%");

    // 9 超12个月未结案件比: pending at 06-30 and older than 365 days = L1 → 1; pending at start (L1) 1 + filed in Q2 9 = 10
    [Fact] public void LongPendingRatio() => Expect("浙0102", "long-pending-ratio", 1, 10, "10.00%");

    // 10 平均结案时间: A1 39 + A2 29 + A3 78 + A4 57 = 203 days over 4 cases = 50.75 → 50.8
    [Fact] public void AverageClosureDays() => Expect("浙0102", "average-closure-days", 203, 4, "50.8");

    // 11 上诉案件移送时间: A1 transferred 05-30, appealed 05-15 → 15 days over 1
    [Fact] public void AppealTransferDays() => Expect("浙0102", "appeal-transfer-days", 15, 1, "15.0");

    // 12 结收比: counted closed in Q2 = A1–A4, E1, E2, E3 = 7; filed 9 → 77.78%
    [Fact] public void ClosureReceiptRatio() => Expect("浙0102", "closure-receipt-ratio", 7, 9, "77.78%");

    // 13 民事调解撤诉率: 民初 closed = A1–A4; 调解 A2, 撤诉 A3 → 2/4
    [Fact] public void MediationWithdrawalRate() => Expect("浙0102", "mediation-withdrawal-rate", 2, 4, "50.00%");

    // 14 诉前调解成功分流率: 调解成功 P2, P3 = 2; 诉前 closed P1–P3 = 3 + 民初 filed whose origin is not 诉前 = A1–A4, R1 = 5 → 2/8
    [Fact] public void PreLitigationMediationRate() => Expect("浙0102", "pre-litigation-mediation-rate", 2, 8, "25.00%");

    // 15 民事裁判申请执行率: 执 from a 民初/民终 of 浙0102 filed in Q2 = E1 → 1; 民初/民终 closed by 判决/调解 = A1, A2, A4 → 1/3
    [Fact] public void EnforcementApplicationRate() => Expect("浙0102", "enforcement-application-rate", 1, 3, "33.33%");

    // 16 执行到位率: E1 100,000/100,000 + E2 10,000/50,000 + E3 0 (missing)/20,000 = 110,000/170,000 = 64.71%
    [Fact] public void EnforcementRecoveryRate() => Expect("浙0102", "enforcement-recovery-rate", 110_000, 170_000, "64.71%");

    // 17 执行完毕率: 执 closed = E1, E2 (执恢 E3 is not 首执); 执行完毕 E1 → 1/2
    [Fact] public void EnforcementCompletionRate() => Expect("浙0102", "enforcement-completion-rate", 1, 2, "50.00%");

    // 18 首执案件终本率: 终本 E2 → 1/2
    [Fact] public void EnforcementTerminationRate() => Expect("浙0102", "enforcement-termination-rate", 1, 2, "50.00%");

    // Roll-up to 浙01 sums numerators and denominators over 浙01, 浙0102 … 浙0105:
    // 案-件比: 件 9 (浙0102) + 3 (B1–B3) + 4 (C1–C4) = 16; 案 6 + 3 + 1 (C4) = 10 → 1.6
    // 上诉率: 判决/驳回起诉 A1, A4, B1, B2, B3, C4 = 6; appealed A1, B1 → 2/6
    // 申诉申请再审率: C3 (origin in scope) 1; 一审+二审 closed 4 + 3 + 3 (C1, C2, C4) = 10
    [Fact]
    public void RollUp_SumsNumeratorsAndDenominators()
    {
        Expect("浙01", "case-matter-ratio", 16, 10, "1:1.60");
        Expect("浙01", "appeal-rate", 2, 6, "33.33%");
        Expect("浙01", "retrial-petition-rate", 1, 10, "10.00%");
    }

    // Linked 案-件比 at 浙0102: roots A1–A5, E2 = 6; counted cases whose root is among them: those 6, C1 (→A1), R1 (→C1→A1), E1 (→A4) = 9;
    // E3's chain leaves the data. At 浙0103: roots B1–B3, plus C2 (→B1) and C3 (→B2) → 5/3.
    [Fact]
    public void LinkedCaseMatterRatio_FollowsChainsAcrossCourts()
    {
        Expect("浙0102", "case-matter-ratio-linked", 9, 6, "1:1.50");
        Expect("浙0103", "case-matter-ratio-linked", 5, 3, "1:1.67");
    }

    // CEPEJ DT at 浙0102: pending at 06-30 = A5, L1, R1 = 3; closed in Q2 = 7; 91 days × 3 / 7 = 39.0
    [Fact] public void DispositionTime() => Expect("浙0102", "disposition-time", 3, 7, "39.0");

    // CourTools pending age at 06-30: A5 81 days, R1 20 days (0–90: 2 of 3); L1 486 days (366–730: 1 of 3)
    [Fact]
    public void PendingAgeBands()
    {
        Expect("浙0102", "pending-age-0-90", 2, 3, "66.67%");
        Expect("浙0102", "pending-age-91-180", 0, 3, "0.00%");
        Expect("浙0102", "pending-age-366-730", 1, 3, "33.33%");
    }

    // The second group, 浙0202 alone (its own cases only; 浙02's cases are not in its scope):
    //  1 件 D1–D5, E4, E5, E6, E7, F1, F2 = 11; 案 D1–D5, E6, F1 = 7 (E4 derives from D3, F2 from F1) → 1.5714
    //  2 判决/驳回起诉 D1, D2, D4; appealed D1 → 1/3;  3 closed D1–D4; D1 appealed, D2 petitioned → 2/4
    //  4 民申1 (at 浙02) derives from D2 → 1; 一审 closed 4 → 1/4;  8 all four within their deadlines → 4/4
    //  9 D6 pending 537 days → 1; pending at start (D6) 1 + filed 11 → 1/12
    // 10 D1 20 + D2 40 + D3 10 + D4 61 = 131 days / 4 = 32.75 → 32.8;  11 D1 05-05 − 04-25 = 10 days
    // 12 closed D1–D4, E4, E6, E7, F1, F2 = 9 of 11 filed;  13 调解 D3 of D1–D4 → 1/4
    // 14 调解成功 D7 → 1; 诉前 closed D7 1 + 民初 not from 诉前 D1–D5 5 → 1/6
    // 15 E4 from D3 → 1; 判决/调解 D1, D2, D3 → 1/3;  16 E4 20,000/80,000 + E6 30,000/30,000 = 50,000/110,000
    // 17 执 closed E4, E6; 执行完毕 E6 → 1/2;  18 终本 E4 → 1/2
    [Fact]
    public void SecondGroup_BasicCourt()
    {
        Expect("浙0202", "case-matter-ratio", 11, 7, "1:1.57");
        Expect("浙0202", "appeal-rate", 1, 3, "33.33%");
        Expect("浙0202", "first-instance-acceptance-rate", 2, 4, "50.00%");
        Expect("浙0202", "retrial-petition-rate", 1, 4, "25.00%");
        Expect("浙0202", "on-time-closure-rate", 4, 4, "100.00%");
        Expect("浙0202", "long-pending-ratio", 1, 12, "8.33%");
        Expect("浙0202", "average-closure-days", 131, 4, "32.8");
        Expect("浙0202", "appeal-transfer-days", 10, 1, "10.0");
        Expect("浙0202", "closure-receipt-ratio", 9, 11, "81.82%");
        Expect("浙0202", "mediation-withdrawal-rate", 1, 4, "25.00%");
        Expect("浙0202", "pre-litigation-mediation-rate", 1, 6, "16.67%");
        Expect("浙0202", "enforcement-application-rate", 1, 3, "33.33%");
        Expect("浙0202", "enforcement-recovery-rate", 50_000, 110_000, "45.45%");
        Expect("浙0202", "enforcement-completion-rate", 1, 2, "50.00%");
        Expect("浙0202", "enforcement-termination-rate", 1, 2, "50.00%");
    }

    // 浙02's scope (浙02 + 浙0202 … 浙0205): 5 改判 G1 / 发回重审 among 二审 none → undefined; 7 G1 heard → 1/1
    //  1 件 11 + G1, G2, G3, G4 = 15; 案 7 + G4 = 8 → 1.875 → 1.88;  4 G2 → 1; 一审+二审 closed D1–D4, G1, G4 = 6
    // 浙 (the whole province): 案-件比 件 16 + 15 = 31, 案 10 + 8 = 18 → 1.7222
    // Linked 案-件比 at 浙0202: roots D1–D5, E6, F1 = 7; plus G1 (→D1), G2 (→D2), E4 (→D3), E5 (→E4→D3), E7 (→E4→D3),
    //  F2 (→F1) = 13 → 1.857; G3's origin is not in the data, so it has no root
    [Fact]
    public void SecondGroup_IntermediateScope_TheProvince_AndLinkedChains()
    {
        Expect("浙02", "appeal-reversal-remand-ratio", 1, 0, "—");
        Expect("浙02", "appeal-hearing-rate", 1, 1, "100.00%");
        Expect("浙02", "case-matter-ratio", 15, 8, "1:1.88");
        Expect("浙02", "retrial-petition-rate", 1, 6, "16.67%");
        Expect("浙", "case-matter-ratio", 31, 18, "1:1.72");
        Expect("浙0202", "case-matter-ratio-linked", 13, 7, "1:1.86");
    }

    [Fact]
    public void EveryIndicator_IsLowSampleHere()
    {
        var read = Sheet.Read("浙0102", Q2, Comparison.YearOnYear);
        Assert.All(read.Readings.Where(r => r.Current.Denominator < 10), r => Assert.True(r.LowSample));
        Assert.Equal(0, read.Summary.Comparable);
    }
}
