namespace Reporting.Core.Cases;

/// <summary>One 类型代字 of 《人民法院案件类型及其代字标准》 with the analytics stage we give it.</summary>
public sealed record CaseType(string Code, string Name, CaseStage Stage);

/// <summary>
/// The 类型代字 table (docs/research/indicators.md §3.4, stages per docs/domain/indicators.md).
/// Codes are matched longest first, so 民辖终 wins over 民辖 and 执恢 over 执.
/// </summary>
public static class CaseTypes
{
    private static readonly CaseType[] All =
    [
        // 一审
        new("民初", "民事一审案件", CaseStage.First),
        new("刑初", "刑事一审案件", CaseStage.First),
        new("行初", "行政一审案件", CaseStage.First),
        new("行赔初", "行政赔偿一审案件", CaseStage.First),
        new("民撤", "第三人撤销之诉案件", CaseStage.First),
        // 二审
        new("民终", "民事二审案件", CaseStage.Appeal),
        new("刑终", "刑事二审案件", CaseStage.Appeal),
        new("行终", "行政二审案件", CaseStage.Appeal),
        new("行赔终", "行政赔偿二审案件", CaseStage.Appeal),
        new("破终", "破产上诉案件", CaseStage.Appeal),
        new("清终", "强制清算上诉案件", CaseStage.Appeal),
        // 再审审查
        new("民申", "民事申请再审审查案件", CaseStage.RetrialReview),
        new("民监", "民事依职权再审审查案件", CaseStage.RetrialReview),
        new("民抗", "民事抗诉再审审查案件", CaseStage.RetrialReview),
        new("刑申", "刑事申诉再审审查案件", CaseStage.RetrialReview),
        new("刑监", "刑事依职权再审审查案件", CaseStage.RetrialReview),
        new("刑抗", "刑事抗诉再审审查案件", CaseStage.RetrialReview),
        new("行申", "行政申请再审审查案件", CaseStage.RetrialReview),
        new("行监", "行政依职权再审审查案件", CaseStage.RetrialReview),
        new("行抗", "行政抗诉再审审查案件", CaseStage.RetrialReview),
        new("行赔申", "行政赔偿申请再审审查案件", CaseStage.RetrialReview),
        new("行赔监", "行政赔偿依职权再审审查案件", CaseStage.RetrialReview),
        new("行赔抗", "行政赔偿抗诉再审审查案件", CaseStage.RetrialReview),
        // 再审
        new("民再", "民事再审案件", CaseStage.Retrial),
        new("刑再", "刑事再审案件", CaseStage.Retrial),
        new("行再", "行政再审案件", CaseStage.Retrial),
        new("行赔再", "行政赔偿再审案件", CaseStage.Retrial),
        // 执行实施
        new("执", "首次执行案件", CaseStage.Enforcement),
        new("执恢", "恢复执行案件", CaseStage.Enforcement),
        new("执保", "财产保全执行案件", CaseStage.Enforcement),
        // 执行审查
        new("执异", "执行异议案件", CaseStage.EnforcementReview),
        new("执复", "执行复议案件", CaseStage.EnforcementReview),
        new("执监", "执行监督案件", CaseStage.EnforcementReview),
        new("执协", "执行协调案件", CaseStage.EnforcementReview),
        // 非诉
        new("民特", "特别程序案件", CaseStage.NonContentious),
        new("民催", "公示催告案件", CaseStage.NonContentious),
        new("民督", "申请支付令审查案件", CaseStage.NonContentious),
        new("财保", "非诉财产保全审查案件", CaseStage.NonContentious),
        new("行保", "非诉行为保全审查案件", CaseStage.NonContentious),
        new("证保", "非诉证据保全审查案件", CaseStage.NonContentious),
        new("行审", "非诉行政行为申请执行审查案件", CaseStage.NonContentious),
        new("民保令", "人身安全保护令申请审查案件", CaseStage.NonContentious),
        // 破产
        new("破申", "破产申请审查案件", CaseStage.Insolvency),
        new("清申", "强制清算申请审查案件", CaseStage.Insolvency),
        new("破", "破产案件", CaseStage.Insolvency),
        new("强清", "强制清算案件", CaseStage.Insolvency),
        // 诉前. 民诉前调 is the form seen in real numbers; 诉前调确/诉前调书 (since 2022) are also seen with a 民 prefix.
        new("民诉前调", "诉前调解案件", CaseStage.PreLitigation),
        new("诉前调确", "诉前调解司法确认案件", CaseStage.PreLitigation),
        new("诉前调书", "诉前调解出具调解书案件", CaseStage.PreLitigation),
        new("民诉前调确", "诉前调解司法确认案件", CaseStage.PreLitigation),
        new("民诉前调书", "诉前调解出具调解书案件", CaseStage.PreLitigation),
        // 其他: parsed so that real numbers are accepted, never counted as 件.
        new("民特监", "民事特别程序监督案件", CaseStage.Other),
        new("民督监", "支付令监督案件", CaseStage.Other),
        new("民辖", "民事管辖案件", CaseStage.Other),
        new("民辖终", "民事管辖上诉案件", CaseStage.Other),
        new("民辖监", "民事管辖监督案件", CaseStage.Other),
        new("民他", "其他民事案件", CaseStage.Other),
        new("民保更", "人身安全保护令变更案件", CaseStage.Other),
        new("刑核", "刑事复核案件", CaseStage.Other),
        new("刑更", "刑罚与执行变更审查案件", CaseStage.Other),
        new("刑更监", "刑罚与执行变更监督案件", CaseStage.Other),
        new("刑更备", "刑罚与执行变更备案案件", CaseStage.Other),
        new("刑医", "强制医疗审查案件", CaseStage.Other),
        new("刑医解", "解除强制医疗审查案件", CaseStage.Other),
        new("刑医复", "强制医疗复议案件", CaseStage.Other),
        new("刑医监", "强制医疗监督案件", CaseStage.Other),
        new("刑没", "申请没收违法所得案件", CaseStage.Other),
        new("刑止", "停止执行死刑案件", CaseStage.Other),
        new("刑止调", "停止执行死刑调查案件", CaseStage.Other),
        new("刑止核", "停止执行死刑复核案件", CaseStage.Other),
        new("刑辖", "刑事管辖案件", CaseStage.Other),
        new("刑他", "其他刑事案件", CaseStage.Other),
        new("刑教", "安置教育案件", CaseStage.Other),
        new("刑教解", "解除安置教育案件", CaseStage.Other),
        new("刑教复", "安置教育复议案件", CaseStage.Other),
        new("刑教监", "安置教育监督案件", CaseStage.Other),
        new("行审复", "非诉行政行为执行审查复议案件", CaseStage.Other),
        new("行辖", "行政管辖案件", CaseStage.Other),
        new("行他", "其他行政案件", CaseStage.Other),
        new("行赔他", "其他行政赔偿案件", CaseStage.Other),
        new("赔辖", "行政赔偿管辖案件", CaseStage.Other),
        new("赔辖终", "行政赔偿管辖上诉案件", CaseStage.Other),
        // Not in the 2015/2018 standard, but the Supreme People's Court's international commercial court numbers its
        // cases so ((2022)最高法商初7号). Not among the counted stages of indicators.md: accepted, not counted.
        new("商初", "国际商事一审案件（国际商事法庭）", CaseStage.Other),
        new("行辖终", "行政管辖上诉案件", CaseStage.Other),
        new("行保复", "非诉行为保全复议案件", CaseStage.Other),
        new("法赔", "法院作为赔偿义务机关审查案件", CaseStage.Other),
        new("委赔", "赔偿委员会审理赔偿案件", CaseStage.Other),
        new("委赔监", "赔偿委员会监督案件", CaseStage.Other),
        new("委赔提", "赔偿委员会提审案件", CaseStage.Other),
        new("委赔再", "赔偿委员会重新审理案件", CaseStage.Other),
        new("赔确监", "确认违法监督案件", CaseStage.Other),
        new("赔他", "其他国家赔偿案件", CaseStage.Other),
        new("司救刑", "刑事司法救助案件", CaseStage.Other),
        new("司救民", "民事司法救助案件", CaseStage.Other),
        new("司救行", "行政司法救助案件", CaseStage.Other),
        new("司救赔", "国家赔偿司法救助案件", CaseStage.Other),
        new("司救执", "执行司法救助案件", CaseStage.Other),
        new("司救访", "涉诉信访司法救助案件", CaseStage.Other),
        new("司救他", "其他司法救助案件", CaseStage.Other),
        new("认台", "认可台湾地区法院裁判案件", CaseStage.Other),
        new("认港", "认可香港特区法院裁判案件", CaseStage.Other),
        new("认澳", "认可澳门特区法院裁判案件", CaseStage.Other),
        new("认复", "认可和执行复议案件", CaseStage.Other),
        new("认他", "其他认可和执行案件", CaseStage.Other),
        new("请台送", "请求台湾地区送达文书案件", CaseStage.Other),
        new("请港送", "请求香港特区送达文书案件", CaseStage.Other),
        new("请澳送", "请求澳门特区送达文书案件", CaseStage.Other),
        new("台请送", "台湾地区请求送达文书案件", CaseStage.Other),
        new("港请送", "香港特区请求送达文书案件", CaseStage.Other),
        new("澳请送", "澳门特区请求送达文书案件", CaseStage.Other),
        new("请台调", "请求台湾地区调查取证案件", CaseStage.Other),
        new("请港调", "请求香港特区调查取证案件", CaseStage.Other),
        new("请澳调", "请求澳门特区调查取证案件", CaseStage.Other),
        new("台请调", "台湾地区请求调查取证案件", CaseStage.Other),
        new("港请调", "香港特区请求调查取证案件", CaseStage.Other),
        new("澳请调", "澳门特区请求调查取证案件", CaseStage.Other),
        new("请移管", "请求移管被判刑人案件", CaseStage.Other),
        new("助移管", "协助移管被判刑人案件", CaseStage.Other),
        new("请移赃", "请求移交赃款赃物案件", CaseStage.Other),
        new("助移赃", "协助移交赃款赃物案件", CaseStage.Other),
        new("协外认", "协助外国承认与执行案件", CaseStage.Other),
        new("协外送", "协助外国送达文书案件", CaseStage.Other),
        new("请外送", "请求外国送达文书案件", CaseStage.Other),
        new("协外调", "协助外国调查取证案件", CaseStage.Other),
        new("请外调", "请求外国调查取证案件", CaseStage.Other),
        new("请外移", "请求外国移管被判刑人案件", CaseStage.Other),
        new("协外移", "协助外国移管被判刑人案件", CaseStage.Other),
        new("请外引", "请求外国引渡案件", CaseStage.Other),
        new("协外引", "协助外国引渡案件", CaseStage.Other),
        new("协他", "其他司法协助案件", CaseStage.Other),
        new("司惩", "司法制裁审查案件", CaseStage.Other),
        new("司惩复", "司法制裁复议案件", CaseStage.Other),
        new("执他", "其他执行案件", CaseStage.Other),
        new("破监", "破产监督案件", CaseStage.Other),
        new("清监", "强制清算监督案件", CaseStage.Other),
    ];

    private static readonly Dictionary<string, CaseType> ByCode = All.ToDictionary(t => t.Code, StringComparer.Ordinal);
    private static readonly Dictionary<string, CaseType>.AlternateLookup<ReadOnlySpan<char>> BySpan =
        ByCode.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The longest code among the table's, in characters.</summary>
    public static int LongestCode { get; } = All.Max(t => t.Code.Length);

    public static IReadOnlyList<CaseType> Table => All;

    private static readonly Dictionary<string, int> Positions = All.Select((t, i) => (t.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);

    /// <summary>Position of a code in <see cref="Table"/>, −1 when it is not there (a legacy body, say).</summary>
    public static int IndexOf(string code) => Positions.TryGetValue(code, out var index) ? index : -1;

    public static bool TryGet(ReadOnlySpan<char> code, out CaseType type) => BySpan.TryGetValue(code, out type!);

    public static CaseType Get(string code) =>
        ByCode.TryGetValue(code, out var type) ? type : throw new ArgumentException($"Unknown 类型代字 '{code}'.", nameof(code));

    /// <summary>The longest code that <paramref name="text"/> starts with.</summary>
    public static bool TryMatchLongest(ReadOnlySpan<char> text, out CaseType type)
    {
        for (var length = Math.Min(LongestCode, text.Length); length > 0; length--)
        {
            if (BySpan.TryGetValue(text[..length], out type!))
            {
                return true;
            }
        }
        type = null!;
        return false;
    }
}
