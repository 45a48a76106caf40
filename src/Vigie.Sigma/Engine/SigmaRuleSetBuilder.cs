using System.Text;
using System.Text.RegularExpressions;
using Vigie.Sigma.Caching;
using Vigie.Sigma.Correlation;
using Vigie.Sigma.Detection;
using Vigie.Sigma.Engine;
using Vigie.Sigma.Rules;
using Vigie.Sigma.Yaml;

namespace Vigie.Sigma;

/// <summary>
/// Loads Sigma rules (files, folders, YAML text): single rules, rule collections, filters and correlation
/// rules; then compiles them into a <see cref="SigmaRuleSet"/>. Never throws on a bad rule: every rule
/// that cannot be used becomes a <see cref="SigmaRejection"/> with its reason.
/// </summary>
public sealed class SigmaRuleSetBuilder(SigmaEngineOptions? options = null)
{
    private readonly SigmaEngineOptions _options = options ?? new SigmaEngineOptions();
    private readonly List<RuleInput> _inputs = [];

    /// <summary>Files read so far.</summary>
    public int FilesRead { get; private set; }

    /// <summary>Adds a rule file, or every <c>.yml</c>/<c>.yaml</c> file under a folder (recursively).</summary>
    public SigmaRuleSetBuilder AddPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            List<string> files;
            try
            {
                files = Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
                    .Where(f => f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal)
                    .ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Reject(path, $"cannot list the folder: {ex.Message}");
                return this;
            }

            // Read on every core (a rule folder is thousands of small files), kept in the folder's order.
            var read = new (byte[]? Bytes, string? Problem)[files.Count];
            Parallel.For(0, files.Count, i => read[i] = ReadRuleFile(files[i]));
            for (var i = 0; i < files.Count; i++)
            {
                Add(files[i], read[i]);
            }
        }
        else if (File.Exists(path))
        {
            AddFile(path);
        }
        else
        {
            Reject(path, "no such file or folder");
        }

        return this;
    }

    /// <summary>Adds the rules of a YAML text; <paramref name="source"/> names it in rejections.</summary>
    public SigmaRuleSetBuilder AddYaml(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        if (yaml.Length > _options.MaxRuleFileBytes)
        {
            Reject(source, $"larger than {_options.MaxRuleFileBytes:N0} bytes");
            return this;
        }

        _inputs.Add(new RuleInput(source, null, yaml, null));
        return this;
    }

    private void Reject(string source, string reason) => _inputs.Add(new RuleInput(source, null, null, new SigmaRejection(source, null, null, reason)));

    private void AddFile(string file) => Add(file, ReadRuleFile(file));

    private void Add(string file, (byte[]? Bytes, string? Problem) read)
    {
        FilesRead++;
        if (read.Problem is { } problem)
        {
            Reject(file, problem);
            return;
        }

        // Decoded when the rules are parsed (in parallel), not at all when the compiled rule set is in the cache.
        _inputs.Add(new RuleInput(file, read.Bytes!, null, null));
    }

    private (byte[]? Bytes, string? Problem) ReadRuleFile(string file)
    {
        try
        {
            var length = new FileInfo(file).Length;
            return length > _options.MaxRuleFileBytes
                ? (null, $"file of {length:N0} bytes is larger than the {_options.MaxRuleFileBytes:N0} bytes allowed for a rule file")
                : (File.ReadAllBytes(file), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot read the file: {ex.Message}");
        }
    }

    /// <summary>
    /// Compiles everything added so far; with <see cref="SigmaEngineOptions.CacheDirectory"/>, takes the rule set
    /// compiled from the very same inputs by an earlier run when there is one, and keeps this one otherwise.
    /// </summary>
    public SigmaRuleSet Build()
    {
        string? cacheFile = null;
        if (_options.CacheDirectory is { } cacheDirectory)
        {
            cacheFile = RuleSetCache.PathFor(cacheDirectory, RuleSetCache.Key(_options.Fingerprint, _inputs));
            if (RuleSetCache.TryLoad(cacheFile, _options) is { } cached)
            {
                return cached;
            }
        }

        var set = Compile(Parse());
        if (cacheFile is not null)
        {
            RuleSetCache.TrySave(cacheFile, set);
        }

        return set;
    }

    /// <summary>Every input's YAML read into definitions, in parallel, then gathered in the order they were added.</summary>
    private ParsedRules Parse()
    {
        var parts = new ParsedRules[_inputs.Count];
        Parallel.For(0, _inputs.Count, i =>
        {
            var input = _inputs[i];
            var part = new ParsedRules();
            if (input.Rejection is { } rejection)
            {
                part.Rejections.Add(rejection);
            }
            else if ((input.Text ?? Decode(input.Bytes!)) is not { } text)
            {
                part.Rejections.Add(new SigmaRejection(input.Source, null, null, "the file is not UTF-8 text"));
            }
            else
            {
                try
                {
                    RuleParser.Parse(text, input.Source, YamlLimits.Default, static (s, n, k) => new SigmaRule(s, n, k), part);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // A defect, not a bad rule: the file is rejected and loading goes on.
                    part.Rejections.Add(new SigmaRejection(input.Source, null, null, $"could not be read ({ex.GetType().Name}: {ex.Message})"));
                }
            }

            parts[i] = part;
        });

        var parsed = new ParsedRules();
        foreach (var part in parts)
        {
            parsed.Detections.AddRange(part.Detections);
            parsed.Filters.AddRange(part.Filters);
            parsed.Correlations.AddRange(part.Correlations);
            parsed.Rejections.AddRange(part.Rejections);
        }

        return parsed;
    }

    private SigmaRuleSet Compile(ParsedRules parsed)
    {
        var rejections = new List<SigmaRejection>(parsed.Rejections);
        var fields = new FieldTable();
        var regexCache = new Dictionary<(string, RegexOptions), RegexMatcher>();
        var matcherCache = new Dictionary<string, ValueMatcher>(StringComparer.Ordinal);
        var variants = new List<RuleVariant>();
        var rules = new List<SigmaRule>();
        var detections = ApplyFilters(parsed.Detections, parsed.Filters, rejections);

        foreach (var definition in detections)
        {
            var rule = definition.Rule;
            void Reject(string reason) => rejections.Add(new SigmaRejection(rule.Source, rule.Id, rule.Title, reason));

            var targets = _options.Logsources.Resolve(rule.Logsource, out var error);
            if (targets is null)
            {
                Reject(error);
                continue;
            }

            var compiled = new List<RuleVariant>();
            string? failure = null;
            foreach (var target in targets.Count == 0 ? [null] : targets.Cast<LogsourceTarget?>())
            {
                var context = new CompileContext(fields, target, _options.Placeholders, _options.RegexTimeout, regexCache, matcherCache);
                Node? root;
                try
                {
                    root = DetectionCompiler.Compile(definition.Detection, context, out error);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // A defect, not a bad rule: reject the rule and go on with the others.
                    root = null;
                    error = $"could not be compiled ({ex.GetType().Name}: {ex.Message})";
                }

                if (root is null)
                {
                    failure = error;
                    break;
                }

                if (target is not null && target.Conditions.Count > 0)
                {
                    root = DetectionCompiler.Simplify(new AndNode([.. target.Conditions.Select(c => (Node)new FieldNode(
                        fields.GetOrAdd(c.Key), [.. c.Value.Select(v => new StringMatcher(StringMatchKind.Equals, v, false))],
                        all: false, matchNull: false, negate: false)), root]));
                }

                if (root is ConstNode { Value: false })
                {
                    continue; // this target's events can never decide the rule (Sysmon-only fields on 4688)
                }

                IReadOnlyList<int>? ids = target is { EventIds.Count: > 0 } ? target.EventIds : null;
                if (EventIdAnalysis.RequiredEventIds(root, fields.EventId) is { } required)
                {
                    ids = ids is null ? [.. required.Order()] : [.. ids.Where(required.Contains)];
                }

                if (ids is { Count: 0 })
                {
                    continue;
                }

                compiled.Add(new RuleVariant(rule, target, root, ids));
            }

            if (failure is not null)
            {
                Reject(failure);
                continue;
            }

            if (compiled.Count == 0)
            {
                Reject("the condition can never be true for the events of its log source");
                continue;
            }

            rule.Index = rules.Count;
            rules.Add(rule);
            variants.AddRange(compiled);
        }

        var correlations = CorrelationCompiler.Compile(parsed.Correlations, rules, fields, rejections);
        foreach (var correlation in correlations)
        {
            correlation.Rule.Index = rules.Count;
            rules.Add(correlation.Rule);
        }

        var index = new RuleIndex(variants, _options.UsePrefilter);
        return new SigmaRuleSet(rules, rejections, variants, fields, index, correlations, loadedFromCache: false);
    }

    private static List<DetectionDefinition> ApplyFilters(List<DetectionDefinition> detections, List<FilterDefinition> filters, List<SigmaRejection> rejections)
    {
        if (filters.Count == 0)
        {
            return detections;
        }

        var result = new List<DetectionDefinition>(detections.Count);
        foreach (var definition in detections)
        {
            var detection = definition.Detection;
            var rule = definition.Rule;
            for (var f = 0; f < filters.Count; f++)
            {
                var filter = filters[f];
                if (!filter.Logsource.Contains(rule.Logsource))
                {
                    continue;
                }

                if (filter.Rules is not null && !filter.Rules.Any(r =>
                        string.Equals(r, rule.Id, StringComparison.OrdinalIgnoreCase) || string.Equals(r, rule.Name, StringComparison.Ordinal)))
                {
                    continue;
                }

                detection = WithFilter(detection, filter, $"_filter{f}_");
            }

            result.Add(ReferenceEquals(detection, definition.Detection) ? definition : definition with { Detection = detection });
        }

        return result;
    }

    /// <summary>The rule's detection with the filter's identifiers (renamed) and <c>(condition) and (filter condition)</c>.</summary>
    private static YMap WithFilter(YMap detection, FilterDefinition filter, string prefix)
    {
        var entries = detection.Entries.Where(e => e.Key != "condition").ToList();
        entries.AddRange(filter.Detection.Entries.Select(e => new KeyValuePair<string, YNode>(prefix + e.Key, e.Value)));
        var filterCondition = RenameIdentifiers(filter.Condition, prefix);
        var conditions = detection["condition"] switch
        {
            YScalar s => [s.Value],
            YSeq seq => seq.Items.OfType<YScalar>().Select(s => s.Value).ToList(),
            _ => [],
        };
        var combined = conditions.Select(c => (YNode)new YScalar($"({c}) and ({filterCondition})", false, detection.Line)).ToList();
        entries.Add(new KeyValuePair<string, YNode>("condition", combined.Count == 1 ? combined[0] : new YSeq(combined, detection.Line)));
        return new YMap(entries, detection.Line);
    }

    private static string RenameIdentifiers(string condition, string prefix)
    {
        var tokens = Regex.Split(condition, @"(\s+|\(|\))");
        for (var i = 0; i < tokens.Length; i++)
        {
            var t = tokens[i];
            if (t.Length == 0 || t.Trim().Length == 0 || t is "(" or ")")
            {
                continue;
            }

            var lower = t.ToLowerInvariant();
            if (lower is "and" or "or" or "not" or "of" or "all" || int.TryParse(t, out _))
            {
                continue;
            }

            tokens[i] = lower == "them" ? prefix + "*" : prefix + t;
        }

        return string.Concat(tokens);
    }

    private static string? Decode(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>One added file (its bytes) or text, or why it could not be read.</summary>
    internal sealed record RuleInput(string Source, byte[]? Bytes, string? Text, SigmaRejection? Rejection);
}
