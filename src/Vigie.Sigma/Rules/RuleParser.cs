using System.Globalization;
using Vigie.Sigma.Correlation;
using Vigie.Sigma.Detection;
using Vigie.Sigma.Yaml;

namespace Vigie.Sigma.Rules;

/// <summary>
/// Turns the YAML documents of one file into rule, filter and correlation definitions. Handles rule
/// collections (<c>action: global</c>, <c>reset</c>, <c>repeat</c>). Every problem becomes a rejection.
/// </summary>
internal static class RuleParser
{
    private static readonly Dictionary<string, CorrelationType> s_correlationTypes = new(StringComparer.Ordinal)
    {
        ["event_count"] = CorrelationType.EventCount, ["value_count"] = CorrelationType.ValueCount, ["temporal"] = CorrelationType.Temporal,
        ["temporal_ordered"] = CorrelationType.TemporalOrdered, ["value_sum"] = CorrelationType.ValueSum, ["value_avg"] = CorrelationType.ValueAvg,
        ["value_percentile"] = CorrelationType.ValuePercentile,
    };

    private static readonly Dictionary<string, ComparisonOperator> s_conditionOperators = new(StringComparer.Ordinal)
    {
        ["gt"] = ComparisonOperator.Gt, ["gte"] = ComparisonOperator.Gte, ["lt"] = ComparisonOperator.Lt,
        ["lte"] = ComparisonOperator.Lte, ["eq"] = ComparisonOperator.Eq, ["neq"] = ComparisonOperator.Neq,
    };

    public static void Parse(
        string text,
        string source,
        YamlLimits limits,
        Func<string, int, SigmaRuleKind, SigmaRule> newRule,
        ParsedRules output)
    {
        var read = YamlReader.ReadDocuments(text, limits);
        if (read.Error is not null)
        {
            output.Rejections.Add(new SigmaRejection(source, null, null, read.Error));
            return;
        }

        var documents = read.Documents;
        var multi = documents.Count > 1;
        YMap? global = null;
        YMap? previous = null;
        for (var i = 0; i < documents.Count; i++)
        {
            var docSource = multi ? $"{source}#{i + 1}" : source;
            if (documents[i] is null)
            {
                continue;
            }

            if (documents[i] is not YMap doc)
            {
                output.Rejections.Add(new SigmaRejection(docSource, null, null, "the document is not a YAML mapping"));
                continue;
            }

            var action = Text(doc["action"]);
            switch (action)
            {
                case null:
                    break;
                case "global":
                    global = Without(doc, "action");
                    previous = global;
                    continue;
                case "reset":
                    global = null;
                    continue;
                case "repeat":
                    if (previous is null)
                    {
                        output.Rejections.Add(new SigmaRejection(docSource, null, null, "'action: repeat' without a previous rule"));
                        continue;
                    }

                    doc = Merge(previous, Without(doc, "action"));
                    break;
                default:
                    output.Rejections.Add(new SigmaRejection(docSource, Text(doc["id"]), Text(doc["title"]),
                        $"unknown collection action '{action}'"));
                    continue;
            }

            if (action is null && global is not null)
            {
                doc = Merge(global, doc);
            }

            previous = doc;
            ParseDocument(doc, docSource, newRule, output);
        }
    }

    private static void ParseDocument(YMap doc, string source, Func<string, int, SigmaRuleKind, SigmaRule> newRule, ParsedRules output)
    {
        var id = Text(doc["id"]);
        var title = Text(doc["title"]);
        void Reject(string reason) => output.Rejections.Add(new SigmaRejection(source, id, title, reason));

        if (string.IsNullOrWhiteSpace(title))
        {
            Reject("the rule has no title");
            return;
        }

        if (doc["correlation"] is { } correlation)
        {
            ParseCorrelation(doc, correlation, source, newRule, output, Reject);
            return;
        }

        if (doc["filter"] is { } filter && doc["detection"] is null)
        {
            ParseFilter(doc, filter, source, id, title, output, Reject);
            return;
        }

        if (doc["detection"] is not YMap detection)
        {
            Reject(doc.Has("detection") ? "'detection' is not a mapping" : "the rule has no 'detection' section");
            return;
        }

        if (doc["logsource"] is not YMap logsource)
        {
            Reject(doc.Has("logsource") ? "'logsource' is not a mapping" : "the rule has no 'logsource' section");
            return;
        }

        if (detection["condition"] is null)
        {
            Reject("the detection has no 'condition'");
            return;
        }

        var rule = Metadata(doc, newRule(source, output.NextIndex++, SigmaRuleKind.Detection), ParseLogsource(logsource));
        output.Detections.Add(new DetectionDefinition(rule, detection));
    }

    private static void ParseFilter(YMap doc, YNode filterNode, string source, string? id, string title, ParsedRules output, Action<string> reject)
    {
        if (filterNode is not YMap filter)
        {
            reject("'filter' is not a mapping");
            return;
        }

        if (doc["logsource"] is not YMap logsource)
        {
            reject("the filter has no 'logsource' mapping");
            return;
        }

        if (Text(filter["condition"]) is not { } condition)
        {
            reject("the filter has no 'condition' string");
            return;
        }

        IReadOnlyList<string>? rules;
        switch (filter["rules"])
        {
            case YScalar s when s.Value.Equals("any", StringComparison.OrdinalIgnoreCase) || s.Value.Equals("all", StringComparison.OrdinalIgnoreCase):
                rules = null;
                break;
            case YScalar s:
                rules = [s.Value];
                break;
            case YSeq seq:
                rules = seq.Items.Count == 0 ? null : [.. seq.Items.Select(Text).OfType<string>()];
                break;
            default:
                reject("the filter has no 'rules' (a list of rule ids or names, or 'any')");
                return;
        }

        var detection = new YMap([.. filter.Entries.Where(e => e.Key is not "rules" and not "condition")], filter.Line);
        output.Filters.Add(new FilterDefinition(source, id, title, ParseLogsource(logsource), rules, detection, condition));
    }

    private static void ParseCorrelation(
        YMap doc,
        YNode node,
        string source,
        Func<string, int, SigmaRuleKind, SigmaRule> newRule,
        ParsedRules output,
        Action<string> reject)
    {
        if (node is not YMap c)
        {
            reject("'correlation' is not a mapping");
            return;
        }

        var typeName = Text(c["type"]);
        if (typeName is null || !s_correlationTypes.TryGetValue(typeName, out var type))
        {
            reject($"unknown correlation type '{typeName}'");
            return;
        }

        var rules = Strings(c["rules"]);
        if (rules.Count == 0)
        {
            reject("the correlation has no 'rules'");
            return;
        }

        var groupBy = Strings(c["group-by"]);
        if (Text(c["timespan"]) is not { } timespanText || !TryParseTimespan(timespanText, out var timespan))
        {
            reject($"the correlation 'timespan' is missing or not of the form 10s, 5m, 1h, 2d");
            return;
        }

        var condition = new List<(ComparisonOperator, double)>();
        var fields = new List<string>();
        if (c["condition"] is YMap conditionMap)
        {
            foreach (var (key, value) in conditionMap.Entries)
            {
                if (key == "field")
                {
                    fields.AddRange(Strings(value));
                    continue;
                }

                if (!s_conditionOperators.TryGetValue(key, out var op))
                {
                    reject($"unknown correlation condition operator '{key}'");
                    return;
                }

                if (!double.TryParse(Text(value), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    reject($"correlation condition '{key}' is not a number");
                    return;
                }

                condition.Add((op, number));
            }
        }
        else if (c.Has("condition"))
        {
            reject("the correlation 'condition' is not a mapping");
            return;
        }

        if (type is not (CorrelationType.Temporal or CorrelationType.TemporalOrdered) && condition.Count == 0)
        {
            reject($"a {typeName} correlation needs a 'condition'");
            return;
        }

        if (type is CorrelationType.ValueCount or CorrelationType.ValueSum or CorrelationType.ValueAvg or CorrelationType.ValuePercentile && fields.Count == 0)
        {
            reject($"a {typeName} correlation needs 'field' in its condition");
            return;
        }

        var aliases = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        if (c["aliases"] is YMap aliasMap)
        {
            foreach (var (alias, value) in aliasMap.Entries)
            {
                if (value is not YMap perRule)
                {
                    reject($"alias '{alias}' is not a mapping of rule name to field");
                    return;
                }

                aliases[alias] = perRule.Entries.ToDictionary(e => e.Key, e => Text(e.Value) ?? "", StringComparer.Ordinal);
            }
        }

        var generate = c["generate"] is YScalar g && g.TryGetBool(out var gen) && gen;
        var rule = Metadata(doc, newRule(source, output.NextIndex++, SigmaRuleKind.Correlation), new SigmaLogsource(null, null, null, null));
        output.Correlations.Add(new CorrelationDefinition(rule, type, rules, groupBy, timespan, condition, fields, aliases, generate));
    }

    internal static bool TryParseTimespan(string text, out TimeSpan timespan)
    {
        timespan = default;
        text = text.Trim();
        if (text.Length < 2 || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            return false;
        }

        switch (text[^1])
        {
            case 's':
                timespan = TimeSpan.FromSeconds(n);
                return true;
            case 'm':
                timespan = TimeSpan.FromMinutes(n);
                return true;
            case 'h':
                timespan = TimeSpan.FromHours(n);
                return true;
            case 'd':
                timespan = TimeSpan.FromDays(n);
                return true;
            case 'w':
                timespan = TimeSpan.FromDays(7 * n);
                return true;
            default:
                return false;
        }
    }

    private static SigmaLogsource ParseLogsource(YMap map) =>
        new(Text(map["product"])?.Trim(), Text(map["category"])?.Trim(), Text(map["service"])?.Trim(), Text(map["definition"]));

    private static SigmaRule Metadata(YMap doc, SigmaRule shell, SigmaLogsource logsource)
    {
        var related = new List<SigmaRelated>();
        if (doc["related"] is YSeq relatedSeq)
        {
            foreach (var item in relatedSeq.Items)
            {
                if (item is YMap r && Text(r["id"]) is { } rid)
                {
                    related.Add(new SigmaRelated(rid, Text(r["type"]) ?? ""));
                }
            }
        }

        return new SigmaRule(shell.Source, shell.Index, shell.Kind)
        {
            Id = Text(doc["id"]),
            Name = Text(doc["name"]),
            Title = Text(doc["title"]) ?? "",
            Status = Text(doc["status"]),
            Level = Text(doc["level"]),
            Description = Text(doc["description"]),
            Author = Text(doc["author"]),
            Date = Text(doc["date"]),
            Modified = Text(doc["modified"]),
            License = Text(doc["license"]),
            Tags = Strings(doc["tags"]),
            References = Strings(doc["references"]),
            FalsePositives = Strings(doc["falsepositives"]),
            Fields = Strings(doc["fields"]),
            Related = related,
            Logsource = logsource,
            RegressionTestsPath = Text(doc["regression_tests_path"]),
        };
    }

    internal static string? Text(YNode? node) => node is YScalar s && !s.IsNull ? s.Value : null;

    internal static List<string> Strings(YNode? node) => node switch
    {
        YScalar s when !s.IsNull => [s.Value],
        YSeq seq => [.. seq.Items.Select(Text).OfType<string>()],
        _ => [],
    };

    private static YMap Without(YMap map, string key) =>
        new([.. map.Entries.Where(e => e.Key != key)], map.Line);

    /// <summary>Deep merge: <paramref name="overlay"/> wins for scalars and lists, mappings merge.</summary>
    internal static YMap Merge(YMap baseMap, YMap overlay)
    {
        var entries = new List<KeyValuePair<string, YNode>>(baseMap.Entries);
        foreach (var (key, value) in overlay.Entries)
        {
            var index = entries.FindLastIndex(e => e.Key == key);
            if (index >= 0 && entries[index].Value is YMap left && value is YMap right)
            {
                entries[index] = new KeyValuePair<string, YNode>(key, Merge(left, right));
            }
            else if (index >= 0)
            {
                entries[index] = new KeyValuePair<string, YNode>(key, value);
            }
            else
            {
                entries.Add(new KeyValuePair<string, YNode>(key, value));
            }
        }

        return new YMap(entries, baseMap.Line);
    }
}

/// <summary>What <see cref="RuleParser"/> collects across files.</summary>
internal sealed class ParsedRules
{
    public List<DetectionDefinition> Detections { get; } = [];

    public List<FilterDefinition> Filters { get; } = [];

    public List<CorrelationDefinition> Correlations { get; } = [];

    public List<SigmaRejection> Rejections { get; } = [];

    public int NextIndex { get; set; }
}
