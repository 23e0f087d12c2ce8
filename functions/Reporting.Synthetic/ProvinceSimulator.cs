using Reporting.Core.Cases;
using Reporting.Core.Courts;

namespace Reporting.Synthetic;

/// <summary>
/// Simulates a province's caseload month by month from a seed: first-instance intake, pre-litigation mediation, appeals
/// to the parent court, 发回重审 retrials, retrial petitions, enforcement of judgments, resumed enforcement and
/// enforcement objections. Rates sit in the ranges of docs/research/indicators.md §4; the same seed always gives
/// the same cases.
/// </summary>
public sealed class ProvinceSimulator
{
    private readonly CourtRegistry _registry;
    private readonly Random _random;
    private readonly double _scale;
    private readonly DateOnly _start;
    private readonly DateOnly _end;
    private readonly Dictionary<(string Court, string Type, int Year), long> _sequences = [];
    private readonly List<SimulatedCase> _cases = [];

    public ProvinceSimulator(CourtRegistry registry, int seed, double scale, DateOnly start, DateOnly end)
    {
        _registry = registry;
        _random = new Random(seed);
        _scale = scale;
        _start = start;
        _end = end;
    }

    public IReadOnlyList<SimulatedCase> Run()
    {
        for (var month = _start; month <= _end; month = month.AddMonths(1))
        {
            foreach (var court in _registry.Courts)
            {
                SimulateIntake(court, month);
            }
        }
        return _cases;
    }

    /// <summary>
    /// How far the simulation is, 0 at the first month and 1 at the last: rates drift gently toward better values over
    /// time, as the SPC's published figures did after 2023, so that year-on-year comparisons show movement both ways.
    /// </summary>
    private double _progress;

    private void SimulateIntake(Court court, DateOnly month)
    {
        var span = Math.Max(1, (_end.Year * 12 + _end.Month) - (_start.Year * 12 + _start.Month));
        _progress = ((month.Year * 12 + month.Month) - (_start.Year * 12 + _start.Month)) / (double)span;
        switch (court.Level)
        {
            case CourtLevel.Basic:
                Repeat(25, month, day => PreLitigation(court.Code, day));
                Repeat(30, month, day => CivilFirst(court.Code, day, null, 0));
                Repeat(5, month, day => CriminalFirst(court.Code, day));
                Repeat(1.5, month, day => AdministrativeFirst(court.Code, day));
                Repeat(2, month, day => NonContentious(court.Code, day, "财保", "诉前财产保全"));
                Repeat(2, month, day => NonContentious(court.Code, day, "民特", "申请司法确认调解协议"));
                Repeat(4, month, day => Enforcement(court.Code, day, null, "执", Money(20_000, 600_000)));
                break;
            case CourtLevel.Intermediate when court.IsSpecialised:
                Repeat(12, month, day => CivilFirst(court.Code, day, null, 0));
                break;
            case CourtLevel.Intermediate:
                Repeat(3, month, day => CivilFirst(court.Code, day, null, 0));
                Repeat(1, month, day => AdministrativeFirst(court.Code, day));
                Repeat(0.5, month, day => CriminalFirst(court.Code, day));
                Repeat(0.4, month, day => Insolvency(court.Code, day));
                break;
        }
    }

    private void Repeat(double perMonth, DateOnly month, Action<DateOnly> create)
    {
        var expected = perMonth * _scale;
        var count = (int)expected + (_random.NextDouble() < expected - Math.Floor(expected) ? 1 : 0);
        var days = DateTime.DaysInMonth(month.Year, month.Month);
        for (var i = 0; i < count; i++)
        {
            create(month.AddDays(_random.Next(days)));
        }
    }

    private void PreLitigation(string court, DateOnly filed)
    {
        var mediation = Add(court, "民诉前调", filed, null, null, Pick(CivilCauses), "诉调对接中心");
        var closed = filed.AddDays(_random.Next(5, 31));
        var success = _random.NextDouble() < 0.40 + 0.10 * _progress;
        Close(mediation, closed, success ? Disposition.调解成功 : Disposition.调解不成);
        if (!success && _random.NextDouble() < 0.7)
        {
            CivilFirst(court, closed.AddDays(_random.Next(1, 11)), mediation.Number, 0);
        }
    }

    private void CivilFirst(string court, DateOnly filed, CaseNumber? origin, int retrialDepth)
    {
        var simple = _random.NextDouble() < 0.6;
        var deadline = filed.AddDays(simple ? 90 : 180);
        var civil = Add(court, "民初", filed, deadline, origin, Pick(CivilCauses), _random.NextDouble() < 0.5 ? "民一庭" : "民二庭");
        var duration = (int)(LongTail(simple ? 20 : 60, simple ? 90 : 200, deadline.DayNumber - filed.DayNumber) * (1 - 0.08 * _progress));
        var disposition = PickWeighted(
            (Disposition.判决, 38), (Disposition.调解, 20), (Disposition.撤诉, 25), (Disposition.驳回起诉, 4),
            (Disposition.裁定, 5), (Disposition.移送, 3), (Disposition.其他, 5));
        var effective = Close(civil, filed.AddDays(duration), disposition);
        CaseNumber judgment = civil.Number;
        if (disposition is Disposition.判决 or Disposition.驳回起诉 && _random.NextDouble() < 0.13 - 0.03 * _progress && retrialDepth < 2)
        {
            var appeal = Appeal(civil, "民终", Pick(CivilCauses), "民事审判庭", 0.3, out var remanded);
            if (appeal is null)
            {
                return;
            }
            if (remanded)
            {
                CivilFirst(court, appeal.Closed!.Value.AddDays(_random.Next(10, 31)), appeal.Number, retrialDepth + 1);
                return;
            }
            if (appeal.Disposition is not (Disposition.维持 or Disposition.改判))
            {
                return;
            }
            effective = appeal.Closed!.Value;
            judgment = appeal.Number;
            MaybePetition(appeal);
        }
        else if (disposition == Disposition.判决)
        {
            MaybePetition(civil);
        }
        if (disposition is Disposition.判决 or Disposition.调解 && _random.NextDouble() < 0.27 - 0.05 * _progress)
        {
            Enforcement(court, effective.AddDays(_random.Next(30, 181)), judgment, "执", Money(10_000, 2_000_000));
        }
    }

    private void CriminalFirst(string court, DateOnly filed)
    {
        var deadline = filed.AddDays(90);
        var criminal = Add(court, "刑初", filed, deadline, null, Pick(CriminalCauses), "刑事审判庭");
        var disposition = PickWeighted((Disposition.判决, 90), (Disposition.撤诉, 5), (Disposition.裁定, 5));
        Close(criminal, filed.AddDays(LongTail(15, 80, 90)), disposition);
        if (disposition == Disposition.判决 && _random.NextDouble() < 0.10)
        {
            var appeal = Appeal(criminal, "刑终", criminal.Cause, "刑事审判庭", 0.35, out _);
            if (appeal is { Disposition: Disposition.维持 } && _random.NextDouble() < 0.02)
            {
                Petition(appeal, "刑申");
            }
        }
    }

    private void AdministrativeFirst(string court, DateOnly filed)
    {
        var deadline = filed.AddDays(180);
        var admin = Add(court, "行初", filed, deadline, null, Pick(AdministrativeCauses), "行政审判庭");
        var disposition = PickWeighted((Disposition.判决, 55), (Disposition.撤诉, 25), (Disposition.驳回起诉, 15), (Disposition.裁定, 5));
        Close(admin, filed.AddDays(LongTail(40, 150, 180)), disposition);
        if (disposition is Disposition.判决 or Disposition.驳回起诉 && _random.NextDouble() < 0.2)
        {
            Appeal(admin, "行终", admin.Cause, "行政审判庭", 0.4, out _);
        }
    }

    /// <summary>A 非诉 case; an order to preserve property (财保) is usually carried out as a 执保 case.</summary>
    private void NonContentious(string court, DateOnly filed, string type, string cause)
    {
        var item = Add(court, type, filed, filed.AddDays(30), null, cause, "立案庭");
        var closed = Close(item, filed.AddDays(_random.Next(2, 30)), Disposition.裁定);
        if (type == "财保" && _random.NextDouble() < 0.8)
        {
            var executed = closed.AddDays(_random.Next(1, 4));
            var preservation = Add(court, "执保", executed, null, item.Number, "财产保全", "执行局");
            Close(preservation, executed.AddDays(_random.Next(5, 31)), Disposition.执行完毕);
        }
    }

    /// <summary>破申 at an intermediate court; an accepted application becomes a 破 case that runs for months.</summary>
    private void Insolvency(string court, DateOnly filed)
    {
        var application = Add(court, "破申", filed, null, null, "破产清算", "破产审判庭");
        var decided = Close(application, filed.AddDays(_random.Next(15, 60)), Disposition.裁定);
        if (_random.NextDouble() < 0.6)
        {
            var opened = decided.AddDays(_random.Next(1, 10));
            var bankruptcy = Add(court, "破", opened, null, application.Number, "破产清算", "破产审判庭");
            Close(bankruptcy, opened.AddDays(_random.Next(120, 700)), Disposition.裁定);
        }
    }

    /// <summary>Appeal of a closed first-instance case to the court above; sets appeal and transfer dates on it.</summary>
    private SimulatedCase? Appeal(SimulatedCase first, string type, string cause, string division, double hearingRate, out bool remanded)
    {
        remanded = false;
        var appealed = first.Closed!.Value.AddDays(_random.Next(3, 16));
        if (appealed > _end)
        {
            return null;
        }
        first.Appealed = appealed;
        var transferred = appealed.AddDays(LongTail(10, 40, 60));
        if (transferred > _end)
        {
            return null;
        }
        first.Transferred = transferred;
        var appellate = AppellateCourt(first.Court);
        var filed = transferred.AddDays(_random.Next(1, 8));
        var appeal = Add(appellate, type, filed, filed.AddDays(90), first.Number, cause, division);
        var disposition = PickWeighted((Disposition.维持, 72), (Disposition.改判, 12), (Disposition.发回重审, 5), (Disposition.撤诉, 8), (Disposition.裁定, 3));
        Close(appeal, filed.AddDays(LongTail(30, 100, 90)), disposition);
        appeal.Hearing = _random.NextDouble() < hearingRate + 0.08 * _progress;
        remanded = disposition == Disposition.发回重审;
        return appeal;
    }

    private void MaybePetition(SimulatedCase judgment)
    {
        if (_random.NextDouble() < 0.015)
        {
            Petition(judgment, judgment.Number.TypeCode.StartsWith('刑') ? "刑申" : "民申");
        }
    }

    /// <summary>再审审查 at the court above the one that decided; some lead to 再审 at the same court.</summary>
    private void Petition(SimulatedCase judgment, string type)
    {
        var court = AppellateCourt(judgment.Court);
        var filed = judgment.Closed!.Value.AddDays(_random.Next(60, 301));
        var review = Add(court, type, filed, null, judgment.Number, judgment.Cause, "审判监督庭");
        Close(review, filed.AddDays(_random.Next(30, 91)), Disposition.裁定);
        if (_random.NextDouble() >= 0.1)
        {
            return;
        }
        var retrialFiled = review.Closed!.Value.AddDays(_random.Next(5, 30));
        var retrial = Add(court, type[0] + "再", retrialFiled, retrialFiled.AddDays(180), judgment.Number, judgment.Cause, "审判监督庭");
        Close(retrial, retrialFiled.AddDays(_random.Next(60, 200)),
            PickWeighted((Disposition.改判, 40), (Disposition.维持, 35), (Disposition.发回重审, 15), (Disposition.调解, 10)));
    }

    private void Enforcement(string court, DateOnly filed, CaseNumber? origin, string type, decimal claimed)
    {
        var enforcement = Add(court, type, filed, null, origin, "申请执行", "执行局", claimed);
        var disposition = PickWeighted(
            (Disposition.执行完毕, 42 + (int)(6 * _progress)), (Disposition.终结本次执行程序, 32 - (int)(6 * _progress)), (Disposition.终结执行, 10), (Disposition.不予执行, 2),
            (Disposition.销案, 3), (Disposition.其他, 10));
        var closed = Close(enforcement, filed.AddDays(LongTail(30, 200, 365)), disposition);
        if (_random.NextDouble() < 0.03)
        {
            var objectionFiled = filed.AddDays(_random.Next(10, 90));
            var objection = Add(court, "执异", objectionFiled, null, enforcement.Number, "执行异议", "执行裁决庭");
            Close(objection, objectionFiled.AddDays(_random.Next(15, 61)), Disposition.裁定);
        }
        enforcement.Recovered = disposition switch
        {
            Disposition.执行完毕 => claimed,
            Disposition.终结本次执行程序 => decimal.Round(claimed * (decimal)(_random.NextDouble() * 0.3), 2),
            _ => decimal.Round(claimed * (decimal)(_random.NextDouble() * 0.6), 2),
        };
        if (disposition == Disposition.终结本次执行程序 && type == "执" && _random.NextDouble() < 0.12)
        {
            Enforcement(court, closed.AddDays(_random.Next(90, 401)), enforcement.Number, "执恢", claimed - enforcement.Recovered.Value);
        }
    }

    /// <summary>Basic → its intermediate court; intermediate (incl. specialised) → the high court; high stays.</summary>
    private string AppellateCourt(string court)
    {
        var parent = _registry.Get(court).Parent;
        return parent ?? court;
    }

    private SimulatedCase Add(string court, string type, DateOnly filed, DateOnly? deadline, CaseNumber? origin, string cause, string division,
        decimal? claimed = null)
    {
        var year = filed.Year;
        var key = (court, type, year);
        _sequences.TryGetValue(key, out var sequence);
        _sequences[key] = ++sequence;
        var item = new SimulatedCase
        {
            Court = court,
            Number = new CaseNumber { Year = year, CourtCode = court, TypeCode = type, Sequence = sequence },
            Filed = filed,
            Deadline = deadline,
            Origin = origin,
            Claimed = claimed,
            Cause = cause,
            Division = division,
            Judge = $"示例法官{court[^Math.Min(2, court.Length)..]}{_random.Next(1, 13):00}",
        };
        if (filed <= _end)
        {
            _cases.Add(item);
        }
        return item;
    }

    /// <summary>
    /// Closes the case on that day. A day after the simulated end is kept too: exports show the case as pending
    /// until a window's end passes its closing day.
    /// </summary>
    private static DateOnly Close(SimulatedCase item, DateOnly closed, Disposition disposition)
    {
        item.Closed = closed;
        item.Disposition = disposition;
        return closed;
    }

    /// <summary>Mostly between low and high days; a few cases run past the deadline, very few past a year.</summary>
    private int LongTail(int low, int high, int deadlineDays)
    {
        var roll = _random.NextDouble();
        if (roll < 0.01)
        {
            return _random.Next(366, 800);
        }
        if (roll < 0.04)
        {
            return deadlineDays + _random.Next(1, 60);
        }
        return _random.Next(low, Math.Max(low + 1, Math.Min(high, deadlineDays)));
    }

    private decimal Money(int low, int high) => decimal.Round((decimal)(low * Math.Pow((double)high / low, _random.NextDouble())), 2);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private Disposition PickWeighted(params (Disposition Value, int Weight)[] options)
    {
        var roll = _random.Next(options.Sum(o => o.Weight));
        foreach (var (value, weight) in options)
        {
            if (roll < weight)
            {
                return value;
            }
            roll -= weight;
        }
        return options[^1].Value;
    }

    private static readonly string[] CivilCauses =
        ["民间借贷纠纷", "买卖合同纠纷", "离婚纠纷", "机动车交通事故责任纠纷", "劳动争议", "物业服务合同纠纷", "金融借款合同纠纷", "房屋租赁合同纠纷"];

    private static readonly string[] CriminalCauses = ["盗窃罪", "危险驾驶罪", "诈骗罪", "故意伤害罪", "帮助信息网络犯罪活动罪"];

    private static readonly string[] AdministrativeCauses = ["行政处罚", "行政许可", "政府信息公开", "行政强制"];
}
