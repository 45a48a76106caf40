using System.Globalization;
using System.Reflection;
using Vigie.Sigma.Rules;
using Vigie.Sigma.Yaml;

namespace Vigie.Sigma;

/// <summary>
/// Where each Sigma log source of Windows rules is found: data read from YAML (the file shipped with
/// Vigie, <c>windows-logsources.yml</c>, optionally overridden entry by entry by a user file).
/// </summary>
public sealed class LogsourceMapping
{
    private static readonly Lazy<LogsourceMapping> s_default = new(LoadDefault);

    private readonly Dictionary<string, IReadOnlyList<LogsourceTarget>> _services;
    private readonly Dictionary<string, IReadOnlyList<LogsourceTarget>> _categories;

    private LogsourceMapping(
        Dictionary<string, IReadOnlyList<LogsourceTarget>> services,
        Dictionary<string, IReadOnlyList<LogsourceTarget>> categories,
        string fingerprint)
    {
        _services = services;
        _categories = categories;
        Fingerprint = fingerprint;
    }

    /// <summary>The YAML texts this mapping was made of (the compiled rule cache's key includes them).</summary>
    internal string Fingerprint { get; }

    /// <summary>The mapping shipped with Vigie.</summary>
    public static LogsourceMapping Default => s_default.Value;

    /// <summary>The YAML text of the mapping shipped with Vigie.</summary>
    public static string DefaultYaml
    {
        get
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Vigie.Sigma.windows-logsources.yml")
                ?? throw new InvalidOperationException("the embedded logsource mapping is missing");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    /// <summary>The Sigma services this mapping knows.</summary>
    public IEnumerable<string> Services => _services.Keys;

    /// <summary>The Sigma categories this mapping knows.</summary>
    public IEnumerable<string> Categories => _categories.Keys;

    /// <summary>Reads a mapping from YAML text; null and a message when the text is not a valid mapping.</summary>
    public static LogsourceMapping? Parse(string yaml, out string error) => Parse(yaml, null, out error);

    /// <summary>This mapping with the entries of <paramref name="yaml"/> added or replacing those of the same name.</summary>
    public LogsourceMapping? Override(string yaml, out string error) => Parse(yaml, this, out error);

    /// <summary>The targets of a rule's log source, or null with a message when the mapping does not know it.</summary>
    public IReadOnlyList<LogsourceTarget>? Resolve(SigmaLogsource logsource, out string error)
    {
        ArgumentNullException.ThrowIfNull(logsource);
        error = "";
        if (logsource.Product is { } product && !product.Equals("windows", StringComparison.OrdinalIgnoreCase))
        {
            error = $"product '{product}' is not a Windows log source";
            return null;
        }

        if (logsource.Category is { } category)
        {
            if (_categories.TryGetValue(category, out var targets))
            {
                return targets;
            }

            error = $"category '{category}' is not in the logsource mapping";
            return null;
        }

        if (logsource.Service is { } service)
        {
            if (_services.TryGetValue(service, out var targets))
            {
                return targets;
            }

            error = $"service '{service}' is not in the logsource mapping";
            return null;
        }

        if (logsource.Product is null)
        {
            error = "the log source names no product, category or service";
            return null;
        }

        return [];
    }

    private static LogsourceMapping LoadDefault() =>
        Parse(DefaultYaml, null, out var error) ?? throw new InvalidOperationException("embedded logsource mapping: " + error);

    private static LogsourceMapping? Parse(string yaml, LogsourceMapping? baseMapping, out string error)
    {
        error = "";
        var read = YamlReader.ReadDocuments(yaml, YamlLimits.Default);
        if (read.Error is not null || read.Documents.Count != 1 || read.Documents[0] is not YMap root)
        {
            error = read.Error ?? "the logsource mapping must be one YAML mapping";
            return null;
        }

        var services = baseMapping is null
            ? new Dictionary<string, IReadOnlyList<LogsourceTarget>>(StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, IReadOnlyList<LogsourceTarget>>(baseMapping._services, StringComparer.OrdinalIgnoreCase);
        var categories = baseMapping is null
            ? new Dictionary<string, IReadOnlyList<LogsourceTarget>>(StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, IReadOnlyList<LogsourceTarget>>(baseMapping._categories, StringComparer.OrdinalIgnoreCase);
        try
        {
            if (root["services"] is YMap serviceMap)
            {
                foreach (var (name, node) in serviceMap.Entries)
                {
                    services[name] = Targets(name, node);
                }
            }

            if (root["categories"] is YMap categoryMap)
            {
                foreach (var (name, node) in categoryMap.Entries)
                {
                    categories[name] = Targets(name, node);
                }
            }
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return null;
        }

        return new LogsourceMapping(services, categories, (baseMapping?.Fingerprint ?? "") + "\n---\n" + yaml);
    }

    private static List<LogsourceTarget> Targets(string name, YNode node) => node switch
    {
        YScalar s => [new LogsourceTarget { Name = name, Channels = [s.Value] }],
        YSeq seq when seq.Items.All(i => i is YScalar) => [new LogsourceTarget { Name = name, Channels = RuleParser.Strings(seq) }],
        YSeq seq => [.. seq.Items.Select((i, n) => Target($"{name}-{n + 1}", i))],
        YMap map => [Target(name, map)],
        _ => throw new FormatException($"'{name}': expected a channel, a list of channels or targets"),
    };

    private static LogsourceTarget Target(string fallbackName, YNode node)
    {
        if (node is not YMap map)
        {
            throw new FormatException($"'{fallbackName}': a target must be a mapping");
        }

        var channels = RuleParser.Strings(map["channel"]).Concat(RuleParser.Strings(map["channels"])).ToList();
        if (channels.Count == 0)
        {
            throw new FormatException($"'{fallbackName}': a target needs a channel");
        }

        var eventIds = new List<int>();
        foreach (var text in RuleParser.Strings(map["event_ids"]))
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                throw new FormatException($"'{fallbackName}': event id '{text}' is not a number");
            }

            eventIds.Add(id);
        }

        var renames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (map["renames"] is YMap renameMap)
        {
            foreach (var (from, to) in renameMap.Entries)
            {
                renames[from] = RuleParser.Text(to) ?? throw new FormatException($"'{fallbackName}': rename of '{from}' has no target");
            }
        }

        var valueMaps = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        if (map["values"] is YMap valueMap)
        {
            foreach (var (field, pairsNode) in valueMap.Entries)
            {
                if (pairsNode is not YMap pairs)
                {
                    throw new FormatException($"'{fallbackName}': values of '{field}' must map rule values to event values");
                }

                valueMaps[field] = pairs.Entries.ToDictionary(e => e.Key, e => RuleParser.Text(e.Value) ?? "", StringComparer.OrdinalIgnoreCase);
            }
        }

        var conditions = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        if (map["conditions"] is YMap conditionMap)
        {
            foreach (var (field, values) in conditionMap.Entries)
            {
                conditions[field] = RuleParser.Strings(values);
            }
        }

        return new LogsourceTarget
        {
            Name = RuleParser.Text(map["name"]) ?? fallbackName,
            Channels = channels,
            EventIds = eventIds,
            Renames = renames,
            Unavailable = new HashSet<string>(RuleParser.Strings(map["unavailable"]), StringComparer.OrdinalIgnoreCase),
            Conditions = conditions,
            Values = valueMaps,
        };
    }
}
