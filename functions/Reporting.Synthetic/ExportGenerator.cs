using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Reporting.Core.Cases;
using Reporting.Core.Courts;
using Reporting.Synthetic.Writers;

namespace Reporting.Synthetic;

/// <summary>
/// Writes simulated cases as court exports: {out}/{court}/{yyyy-MM}/{court}-{yyyy-MM}.{ext}. A monthly export holds the
/// cases filed or closed in that month, as they stood at its end, so later windows update earlier ones.
/// </summary>
public sealed class ExportGenerator(CourtRegistry registry)
{
    private static readonly string[] ChineseHeader =
        ["案号", "立案日期", "结案日期", "结案方式", "审限届满日期", "原审案号", "是否开庭", "上诉日期", "移送日期", "申请执行标的额", "执行到位金额", "案由", "承办部门", "承办法官"];

    private static readonly string[] Aliases =
        ["case_number", "filing_date", "closing_date", "disposition", "deadline_date", "origin_case_number", "hearing_held", "appeal_date",
         "transfer_date", "claimed_amount", "recovered_amount", "cause", "division", "judge"];

    public IReadOnlyList<GeneratedFile> Generate(string outputFolder, GeneratorOptions options, IProgress<long>? progress = null)
    {
        if (options.Court is { } only && !registry.Contains(only))
        {
            throw new ArgumentException(CourtRegistry.NotRegistered(only));
        }
        var scale = options.Scale;
        if (options.Rows is { } target)
        {
            var pilot = Simulate(options with { Scale = 1 });
            var perScale = Math.Max(1, CountRows(pilot, options));
            scale = Math.Max(options.Scale, target * 1.05 / perScale);
        }
        var cases = Simulate(options with { Scale = scale });
        return Write(outputFolder, cases, options, progress);
    }

    private IReadOnlyList<SimulatedCase> Simulate(GeneratorOptions options)
    {
        var end = options.EndMonth;
        var start = end.AddMonths(-(options.Months - 1));
        var all = new ProvinceSimulator(registry, options.Seed, options.Scale, start, new DateOnly(end.Year, end.Month, DateTime.DaysInMonth(end.Year, end.Month))).Run();
        return options.Court is { } court ? all.Where(c => c.Court == court).ToList() : all;
    }

    private long CountRows(IReadOnlyList<SimulatedCase> cases, GeneratorOptions options) =>
        Batches(cases, options).Sum(b => (long)b.Cases.Count);

    private IReadOnlyList<GeneratedFile> Write(string outputFolder, IReadOnlyList<SimulatedCase> cases, GeneratorOptions options, IProgress<long>? progress)
    {
        var files = new List<GeneratedFile>();
        long total = 0;
        foreach (var batch in Batches(cases, options))
        {
            if (options.Rows is { } limit && total >= limit)
            {
                break;
            }
            var window = batch.WindowEnd.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            var folder = Path.Combine(outputFolder, batch.Court, window);
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, $"{batch.Court}-{window}.{options.Format.Extension()}");
            var random = new Random(options.Seed ^ (int)XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(batch.Court + window)));
            var renderer = new RowRenderer(options.Messy, random, batch.Court, batch.WindowEnd);
            long rows = 0;
            using (var stream = File.Create(path))
            using (var writer = ExportWriters.Create(options.Format, stream, renderer.Header(), utf8Bom: options.Messy))
            {
                foreach (var item in batch.Cases)
                {
                    if (options.Rows is { } max && total >= max)
                    {
                        break;
                    }
                    writer.WriteRow(renderer.Render(item, options.Format == ExportFileFormat.Xlsx));
                    rows++;
                    total++;
                    if ((total & 0xFFFF) == 0)
                    {
                        progress?.Report(total);
                    }
                }
                foreach (var bad in renderer.BadRows(batch.Cases, rows))
                {
                    writer.WriteRow(bad);
                    rows++;
                    total++;
                }
            }
            files.Add(new GeneratedFile(path, batch.Court, window, rows));
        }
        progress?.Report(total);
        return files;
    }

    private sealed record Batch(string Court, DateOnly WindowEnd, List<SimulatedCase> Cases);

    /// <summary>Per court (registry order), per window (chronological): the cases the export shows.</summary>
    private IEnumerable<Batch> Batches(IReadOnlyList<SimulatedCase> cases, GeneratorOptions options)
    {
        var end = options.EndMonth;
        var lastDay = new DateOnly(end.Year, end.Month, DateTime.DaysInMonth(end.Year, end.Month));
        var byCourt = cases.GroupBy(c => c.Court).ToDictionary(g => g.Key, g => g.OrderBy(c => c.Filed).ThenBy(c => c.Number.Sequence).ToList());
        foreach (var court in registry.Courts)
        {
            if (!byCourt.TryGetValue(court.Code, out var list))
            {
                continue;
            }
            if (options.Snapshot)
            {
                yield return new Batch(court.Code, lastDay, list);
                continue;
            }
            var windows = new SortedDictionary<int, List<SimulatedCase>>();
            foreach (var item in list)
            {
                Touch(windows, item.Filed, item);
                if (item.Closed is { } closed && closed <= lastDay && MonthIndex(closed) != MonthIndex(item.Filed))
                {
                    Touch(windows, closed, item);
                }
            }
            foreach (var (index, touched) in windows)
            {
                var month = new DateOnly(index / 12, index % 12 + 1, 1);
                yield return new Batch(court.Code, month.AddMonths(1).AddDays(-1), touched);
            }
        }
    }

    private static int MonthIndex(DateOnly day) => day.Year * 12 + day.Month - 1;

    private static void Touch(SortedDictionary<int, List<SimulatedCase>> windows, DateOnly day, SimulatedCase item)
    {
        var index = MonthIndex(day);
        if (!windows.TryGetValue(index, out var list))
        {
            windows[index] = list = [];
        }
        list.Add(item);
    }

    /// <summary>Turns a simulated case into the cells of one export row, as of the window's end.</summary>
    private sealed class RowRenderer(bool messy, Random random, string court, DateOnly windowEnd)
    {
        private readonly bool[] _alias = Enumerable.Range(0, ChineseHeader.Length).Select(_ => messy && random.NextDouble() < 0.4).ToArray();
        private readonly string?[] _cells = new string?[ChineseHeader.Length + (messy ? 3 : 0)];

        public string[] Header()
        {
            var header = ChineseHeader.Select((h, i) => _alias[i] ? Aliases[i] : h).ToList();
            if (messy)
            {
                header.AddRange(["当事人", "联系电话", "备注"]);
            }
            return [.. header];
        }

        public string?[] Render(SimulatedCase item, bool xlsx)
        {
            var closed = item.Closed is { } c && c <= windowEnd ? c : (DateOnly?)null;
            _cells[0] = Number(item.Number);
            _cells[1] = Date(item.Filed, xlsx);
            _cells[2] = closed is { } day ? Date(day, xlsx) : null;
            _cells[3] = closed is null ? null : item.Disposition!.Value.Name();
            _cells[4] = item.Deadline is { } deadline ? Date(deadline, xlsx) : null;
            _cells[5] = item.Origin is { } origin ? Number(origin) : null;
            _cells[6] = closed is null || item.Hearing is null ? null : item.Hearing.Value ? "是" : "否";
            _cells[7] = item.Appealed is { } appealed && appealed <= windowEnd ? Date(appealed, xlsx) : null;
            _cells[8] = item.Transferred is { } transferred && transferred <= windowEnd ? Date(transferred, xlsx) : null;
            _cells[9] = item.Claimed is { } claimed ? Money(claimed) : null;
            _cells[10] = closed is not null && item.Recovered is { } recovered ? Money(recovered) : null;
            _cells[11] = item.Cause;
            _cells[12] = item.Division;
            _cells[13] = item.Judge;
            if (messy)
            {
                _cells[14] = random.NextDouble() < 0.5 ? "某甲公司" : "张某某";
                _cells[15] = $"1380000{random.Next(10000):0000}";
                _cells[16] = random.NextDouble() < 0.1 ? "=HYPERLINK(\"http://example.invalid\")" : null;
            }
            return _cells;
        }

        /// <summary>Messy files end with about 2% rows that break one rule each, so every rule shows in the report.</summary>
        public IEnumerable<string?[]> BadRows(List<SimulatedCase> cases, long goodRows)
        {
            if (!messy || cases.Count == 0)
            {
                yield break;
            }
            var count = Math.Max(1, (int)(goodRows * 0.02));
            for (var i = 0; i < count; i++)
            {
                var row = (string?[])Render(cases[random.Next(cases.Count)], xlsx: false).Clone();
                switch (i % 7)
                {
                    case 0:
                        row[0] = $"（{windowEnd.Year}）{court}民X{random.Next(1, 999)}号";
                        break;
                    case 1:
                        row[1] = "2025-13-45";
                        break;
                    case 2:
                        row[2] = Date(CaseFiled(row).AddDays(-3), false);
                        row[3] = "判决";
                        break;
                    case 3:
                        row[2] = Date(windowEnd, false);
                        row[3] = "结了";
                        break;
                    case 4:
                        row[1] = "2099-01-01";
                        break;
                    case 5:
                        row[2] = Date(windowEnd, false);
                        row[3] = null;
                        break;
                    default:
                        row[0] = $"（{windowEnd.Year}）京0105民初{random.Next(1, 999)}号";
                        break;
                }
                yield return row;
            }
        }

        private static DateOnly CaseFiled(string?[] row) =>
            DateOnly.TryParse(row[1], CultureInfo.InvariantCulture, out var d) ? d : new DateOnly(2020, 1, 1);

        private string Number(CaseNumber number)
        {
            var text = number.ToString();
            if (!messy)
            {
                return text;
            }
            return random.Next(3) switch
            {
                0 => text,
                1 => text.Replace('（', '(').Replace('）', ')'),
                _ => text.Replace('（', '〔').Replace('）', '〕'),
            };
        }

        private string Date(DateOnly day, bool xlsx)
        {
            if (!messy)
            {
                return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
            return random.Next(xlsx ? 5 : 4) switch
            {
                0 => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                1 => day.ToString("yyyy/M/d", CultureInfo.InvariantCulture),
                2 => day.ToString("yyyy.MM.dd", CultureInfo.InvariantCulture),
                3 => $"{day.Year}年{day.Month}月{day.Day}日",
                _ => XlsxExportWriter.SerialPrefix + (day.DayNumber - new DateOnly(1899, 12, 30).DayNumber).ToString(CultureInfo.InvariantCulture),
            };
        }

        private string Money(decimal amount)
        {
            if (!messy)
            {
                return amount.ToString("0.00", CultureInfo.InvariantCulture);
            }
            return random.Next(3) switch
            {
                0 => amount.ToString("#,##0.00", CultureInfo.InvariantCulture),
                1 => (amount / 10_000m).ToString("0.######", CultureInfo.InvariantCulture) + "万元",
                _ => amount.ToString("0.00", CultureInfo.InvariantCulture) + "元",
            };
        }
    }
}
