using System.Reflection;
using System.Text.Json;
using Reporting.Core.Cases;

namespace Reporting.Core.Indicators;

public sealed class IndicatorCatalogException(string source, IReadOnlyList<string> problems)
    : Exception($"指标目录“{source}”有误 / indicator catalogue '{source}' is invalid:{Environment.NewLine}" + string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// The indicators as data (docs/domain/indicators.md): the shipped catalogue holds our working definitions of the
/// 18 and the extra international measures; a deployment can load its own. Every entry is validated at load, and
/// every problem names the entry and the field.
/// </summary>
public sealed class IndicatorCatalog
{
    private readonly Dictionary<string, IndicatorDefinition> _byId;

    private IndicatorCatalog(string version, string note, NewMatterRule newMatter, IReadOnlyList<IndicatorDefinition> indicators)
    {
        Version = version;
        Note = note;
        NewMatter = newMatter;
        Indicators = indicators;
        _byId = indicators.ToDictionary(i => i.Id, StringComparer.Ordinal);
    }

    public string Version { get; }

    /// <summary>What the catalogue says of itself (that its ranges are illustrative, for the shipped one).</summary>
    public string Note { get; }

    /// <summary>What makes a case a 案: the catalogue's <c>newMatter</c> entry, or the working definition when it has none.</summary>
    public NewMatterRule NewMatter { get; }

    /// <summary>Every indicator in catalogue order: the 18 first, then the extras.</summary>
    public IReadOnlyList<IndicatorDefinition> Indicators { get; }

    public IEnumerable<IndicatorDefinition> Main => Indicators.Where(i => !i.Extra);

    public bool TryGet(string id, out IndicatorDefinition indicator) => _byId.TryGetValue(id, out indicator!);

    public static IndicatorCatalog Default()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Reporting.Core.Indicators.catalogue.json")
            ?? throw new InvalidOperationException("The shipped indicator catalogue is missing from Reporting.Core.");
        return Load(stream, "catalogue.json");
    }

    public static IndicatorCatalog Load(Stream json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new IndicatorCatalogException(source, [$"不是有效的JSON / not valid JSON: {e.Message}"]);
        }
        using (document)
        {
            var reader = new Reader();
            var root = document.RootElement;
            var version = reader.String(root, "catalogue", "version") ?? "";
            var note = reader.String(root, "catalogue", "note") ?? "";
            var newMatter = reader.NewMatter(root);
            var indicators = new List<IndicatorDefinition>();
            if (!root.TryGetProperty("indicators", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                reader.Problem("catalogue", "indicators", "缺少指标数组 / an array of indicators is required");
            }
            else
            {
                var index = 0;
                foreach (var entry in list.EnumerateArray())
                {
                    var id = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("id", out var idValue) && idValue.ValueKind == JsonValueKind.String
                        ? idValue.GetString()! : $"#{index}";
                    var definition = reader.Indicator(entry, $"indicators[{index}] '{id}'");
                    if (definition is not null)
                    {
                        if (indicators.Any(i => i.Id == definition.Id))
                        {
                            reader.Problem($"indicators[{index}] '{id}'", "id", "与前面的指标重复 / duplicates an earlier indicator");
                        }
                        indicators.Add(definition);
                    }
                    index++;
                }
            }
            if (reader.Problems.Count > 0)
            {
                throw new IndicatorCatalogException(source, reader.Problems);
            }
            return new IndicatorCatalog(version, note, newMatter, indicators);
        }
    }

    /// <summary>Reads entries field by field, collecting every problem instead of stopping at the first.</summary>
    private sealed class Reader
    {
        private static readonly CaseStage[] Counted = Enum.GetValues<CaseStage>().Where(s => s.IsCounted()).ToArray();

        public List<string> Problems { get; } = [];

        public void Problem(string entry, string field, string message) => Problems.Add($"{entry}.{field}: {message}");

        /// <summary>The <c>newMatter</c> entry: <c>stages</c> and <c>types</c> that open a matter, <c>originStages</c> a new matter's 原审案号 may have.</summary>
        public NewMatterRule NewMatter(JsonElement root)
        {
            if (!root.TryGetProperty("newMatter", out var e))
            {
                return NewMatterRule.Default;
            }
            const string At = "newMatter";
            if (e.ValueKind != JsonValueKind.Object)
            {
                Problem("catalogue", At, "应为对象 / must be an object");
                return NewMatterRule.Default;
            }
            var stages = Stages(e, At, "stages") ?? new HashSet<CaseStage>();
            var types = Types(e, At, "types") ?? new HashSet<string>(StringComparer.Ordinal);
            if (stages.Count == 0 && types.Count == 0)
            {
                Problem(At, "stages", "至少要有一个阶段或类型代字 / name at least one stage or case type code");
            }
            return new NewMatterRule(stages, types, Stages(e, At, "originStages") ?? new HashSet<CaseStage>());
        }

        public IndicatorDefinition? Indicator(JsonElement e, string entry)
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                Problem(entry, "", "应为对象 / must be an object");
                return null;
            }
            var before = Problems.Count;
            var number = Int(e, entry, "number", required: true) ?? 0;
            var id = String(e, entry, "id", required: true) ?? "";
            var name = String(e, entry, "name", required: true) ?? "";
            var english = String(e, entry, "englishName", required: true) ?? "";
            var group = String(e, entry, "group", required: true) ?? "";
            var unit = Choice(e, entry, "unit", new Dictionary<string, IndicatorUnit>
            {
                ["percent"] = IndicatorUnit.Percent, ["days"] = IndicatorUnit.Days, ["ratio"] = IndicatorUnit.Ratio, ["ratio-1x"] = IndicatorUnit.RatioOneTo,
            });
            var better = Choice(e, entry, "better", new Dictionary<string, bool> { ["higher"] = true, ["lower"] = false });
            var precision = Int(e, entry, "precision", required: true) ?? 0;
            if (precision is < 0 or > 6)
            {
                Problem(entry, "precision", $"应在0–6之间，实为{precision} / must be 0–6, got {precision}");
            }
            var minSample = Int(e, entry, "minSample", required: false) ?? 10;
            ReferenceRange? range = null;
            if (e.TryGetProperty("range", out var r) && r.ValueKind == JsonValueKind.Object)
            {
                var low = Double(r, entry, "range.low");
                var high = Double(r, entry, "range.high");
                if (low is { } l && high is { } h && l > h)
                {
                    Problem(entry, "range", $"下限{l}大于上限{h} / low {l} is above high {h}");
                }
                range = new ReferenceRange(low, high);
            }
            UnusualMove? unusual = null;
            if (!e.TryGetProperty("unusual", out var u) || u.ValueKind != JsonValueKind.Object)
            {
                Problem(entry, "unusual", "缺少异动阈值 / the unusual-move threshold is required");
            }
            else
            {
                var relative = Choice(u, entry + ".unusual", "kind", new Dictionary<string, bool> { ["absolute"] = false, ["relative"] = true });
                var value = Double(u, entry, "unusual.value");
                if (value is not > 0)
                {
                    Problem(entry, "unusual.value", "应为正数 / must be a positive number");
                }
                unusual = new UnusualMove(relative, value ?? 0);
            }
            var numerator = Terms(e, entry, "numerator");
            var denominator = Terms(e, entry, "denominator");
            var extra = e.TryGetProperty("extra", out var x) && x.ValueKind == JsonValueKind.True;
            var scale = String(e, entry, "scale", required: false);
            if (scale is not null and not "periodDays")
            {
                Problem(entry, "scale", $"“{scale}”无法识别（只可为 periodDays）/ '{scale}' is not recognised (only periodDays)");
            }
            if (Problems.Count > before)
            {
                return null;
            }
            return new IndicatorDefinition
            {
                Number = number, Id = id, Name = name, EnglishName = english, Group = group, Unit = unit, HigherIsBetter = better,
                Precision = precision, Range = range, Unusual = unusual!, MinSample = minSample, Numerator = numerator, Denominator = denominator,
                Extra = extra, ScaleByPeriodDays = scale == "periodDays",
            };
        }

        private List<CaseTerm> Terms(JsonElement e, string entry, string field)
        {
            var terms = new List<CaseTerm>();
            if (!e.TryGetProperty(field, out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            {
                Problem(entry, field, "应为非空数组 / must be a non-empty array");
                return terms;
            }
            var i = 0;
            foreach (var t in list.EnumerateArray())
            {
                var at = $"{entry}.{field}[{i++}]";
                if (t.ValueKind != JsonValueKind.Object)
                {
                    Problem(at, "", "应为对象 / must be an object");
                    continue;
                }
                var term = new CaseTerm
                {
                    Stages = Stages(t, at, "stages"),
                    Types = Types(t, at, "types"),
                    NewMatterOnly = t.TryGetProperty("newMatter", out var nm) && nm.ValueKind == JsonValueKind.True,
                    Event = Choice(t, at, "event", new Dictionary<string, CaseEvent>
                    {
                        ["filed"] = CaseEvent.Filed, ["closed"] = CaseEvent.Closed, ["transferred"] = CaseEvent.Transferred,
                        ["pendingAtEnd"] = CaseEvent.PendingAtEnd, ["pendingAtStart"] = CaseEvent.PendingAtStart, ["rootFiled"] = CaseEvent.RootFiled,
                    }),
                    Dispositions = DispositionSet(t, at),
                    Conditions = Conditions(t, at),
                    Origin = t.TryGetProperty("origin", out var o) && o.ValueKind == JsonValueKind.Object
                        ? new OriginFilter(Stages(o, at + ".origin", "stages"), Types(o, at + ".origin", "types"), Stages(o, at + ".origin", "notStages"))
                        : null,
                    Attribution = t.TryGetProperty("attribution", out _)
                        ? Choice(t, at, "attribution", new Dictionary<string, Attribution> { ["own"] = Attribution.Own, ["origin"] = Attribution.Origin, ["root"] = Attribution.Root })
                        : Attribution.Own,
                    Measure = t.TryGetProperty("measure", out _)
                        ? Choice(t, at, "measure", new Dictionary<string, Measure>
                        {
                            ["count"] = Measure.Count, ["closureDays"] = Measure.ClosureDays, ["transferDays"] = Measure.TransferDays,
                            ["recoveredAmount"] = Measure.RecoveredAmount, ["claimedAmount"] = Measure.ClaimedAmount,
                        })
                        : Measure.Count,
                    OlderThanDays = Int(t, at, "olderThanDays", required: false),
                    AtMostDays = Int(t, at, "atMostDays", required: false),
                };
                if ((term.OlderThanDays is not null || term.AtMostDays is not null) && term.Event != CaseEvent.PendingAtEnd)
                {
                    Problem(at, "olderThanDays", "只能与 pendingAtEnd 一起使用 / only goes with event pendingAtEnd");
                }
                if ((term.Event == CaseEvent.RootFiled) != (term.Attribution == Attribution.Root))
                {
                    Problem(at, "attribution", "rootFiled 与 attribution root 必须同时使用 / event rootFiled and attribution root go together");
                }
                terms.Add(term);
            }
            return terms;
        }

        private IReadOnlySet<CaseStage>? Stages(JsonElement e, string at, string field)
        {
            if (!e.TryGetProperty(field, out var list))
            {
                return null;
            }
            var set = new HashSet<CaseStage>();
            foreach (var item in Strings(list, at, field))
            {
                if (item == "counted")
                {
                    set.UnionWith(Counted);
                    continue;
                }
                try
                {
                    set.Add(CaseStages.FromId(item));
                }
                catch (ArgumentException)
                {
                    Problem(at, field, $"阶段“{item}”无法识别 / stage '{item}' is not recognised");
                }
            }
            return set;
        }

        private IReadOnlySet<string>? Types(JsonElement e, string at, string field)
        {
            if (!e.TryGetProperty(field, out var list))
            {
                return null;
            }
            var set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in Strings(list, at, field))
            {
                if (!CaseTypes.TryGet(item, out _))
                {
                    Problem(at, field, $"类型代字“{item}”无法识别 / case type code '{item}' is not recognised");
                }
                set.Add(item);
            }
            return set;
        }

        private IReadOnlySet<Disposition>? DispositionSet(JsonElement e, string at)
        {
            if (!e.TryGetProperty("dispositions", out var list))
            {
                return null;
            }
            var set = new HashSet<Disposition>();
            foreach (var item in Strings(list, at, "dispositions"))
            {
                if (Dispositions.TryParse(item, out var d))
                {
                    set.Add(d);
                }
                else
                {
                    Problem(at, "dispositions", $"结案方式“{item}”无法识别 / disposition '{item}' is not recognised");
                }
            }
            return set;
        }

        private List<CaseCondition> Conditions(JsonElement e, string at)
        {
            var result = new List<CaseCondition>();
            if (!e.TryGetProperty("conditions", out var list))
            {
                return result;
            }
            foreach (var item in Strings(list, at, "conditions"))
            {
                if (Enum.TryParse<CaseCondition>(item, ignoreCase: true, out var condition) && char.IsLower(item[0]))
                {
                    result.Add(condition);
                }
                else
                {
                    Problem(at, "conditions", $"条件“{item}”无法识别（可用：{string.Join(", ", Enum.GetNames<CaseCondition>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}）/ condition '{item}' is not recognised");
                }
            }
            return result;
        }

        private List<string> Strings(JsonElement list, string at, string field)
        {
            if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
            {
                Problem(at, field, "应为字符串数组 / must be an array of strings");
                return [];
            }
            return list.EnumerateArray().Select(v => v.GetString()!).ToList();
        }

        private T Choice<T>(JsonElement e, string at, string field, Dictionary<string, T> choices)
        {
            var text = String(e, at, field, required: true);
            if (text is not null && choices.TryGetValue(text, out var value))
            {
                return value;
            }
            if (text is not null)
            {
                Problem(at, field, $"“{text}”不是 {string.Join("、", choices.Keys)} 之一 / '{text}' is not one of {string.Join(", ", choices.Keys)}");
            }
            return default!;
        }

        public string? String(JsonElement e, string at, string field, bool required = true)
        {
            if (e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0)
            {
                return v.GetString();
            }
            if (required || e.TryGetProperty(field, out _))
            {
                Problem(at, field, "应为非空字符串 / must be a non-empty string");
            }
            return null;
        }

        private int? Int(JsonElement e, string at, string field, bool required)
        {
            if (e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n >= 0)
            {
                return n;
            }
            if (required || e.TryGetProperty(field, out _))
            {
                Problem(at, field, "应为非负整数 / must be a whole number of 0 or more");
            }
            return null;
        }

        private double? Double(JsonElement e, string at, string path)
        {
            var field = path[(path.LastIndexOf('.') + 1)..];
            if (!e.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
            if (v.ValueKind == JsonValueKind.Number)
            {
                return v.GetDouble();
            }
            Problem(at, path, "应为数字或null / must be a number or null");
            return null;
        }
    }
}
