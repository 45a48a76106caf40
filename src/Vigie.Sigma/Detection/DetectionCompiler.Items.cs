using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Vigie.Sigma.Yaml;

namespace Vigie.Sigma.Detection;

internal sealed partial class DetectionCompiler
{
    private const int MaxWindashPositions = 5;
    private const int MaxExpansions = 10_000;

    private static readonly HashSet<string> s_known = new(StringComparer.Ordinal)
    {
        "all", "startswith", "endswith", "contains", "exists", "cased", "neq", "windash", "re", "i", "m", "s",
        "ignorecase", "multiline", "dotall", "base64", "base64offset", "utf16le", "utf16be", "utf16", "wide",
        "lt", "lte", "gt", "gte", "minute", "hour", "day", "week", "month", "year", "cidr", "expand", "fieldref",
    };

    private static readonly HashSet<string> s_timeParts = new(StringComparer.Ordinal) { "minute", "hour", "day", "week", "month", "year" };
    private static readonly HashSet<string> s_compare = new(StringComparer.Ordinal) { "lt", "lte", "gt", "gte" };

    /// <summary>One <c>field|modifiers: values</c> entry (field empty for keywords).</summary>
    private Node Item(string identifier, string key, YNode valueNode)
    {
        var parts = key.Split('|');
        var fieldName = parts[0].Trim();
        var modifiers = parts.Skip(1).Select(m => m.Trim().ToLowerInvariant()).Where(m => m.Length > 0).ToList();
        foreach (var modifier in modifiers)
        {
            if (!s_known.Contains(modifier))
            {
                throw new RuleException($"unknown modifier '{modifier}' in '{identifier}'");
            }
        }

        var values = valueNode switch
        {
            YScalar s => [s],
            YSeq seq when seq.Items.All(i => i is YScalar) => seq.Items.Cast<YScalar>().ToList(),
            YSeq => throw new RuleException($"'{key}' in '{identifier}' has a value that is not a plain value"),
            _ => throw new RuleException($"'{key}' in '{identifier}' has a map as value"),
        };
        if (values.Count == 0)
        {
            throw new RuleException($"'{key}' in '{identifier}' has an empty list of values");
        }

        var keyword = fieldName.Length == 0;
        SigmaField field = default;
        if (!keyword)
        {
            if (_context.Resolve(fieldName) is not { } resolved)
            {
                return new UnknownNode(fieldName);
            }

            field = resolved;
            if (_context.ValueMap(fieldName) is { } valueMap)
            {
                // The target writes this field's values differently: only plain equalities with known values translate.
                if (modifiers.Any(m => m is not ("all" or "neq")))
                {
                    return new UnknownNode(fieldName);
                }

                var translated = new List<YScalar>();
                foreach (var value in values)
                {
                    if (value.IsNull)
                    {
                        translated.Add(value);
                    }
                    else if (valueMap.TryGetValue(value.Value, out var mapped))
                    {
                        translated.Add(new YScalar(mapped.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("*", "\\*", StringComparison.Ordinal).Replace("?", "\\?", StringComparison.Ordinal), plain: false, value.Line));
                    }
                    else
                    {
                        return new UnknownNode(fieldName);
                    }
                }

                values = translated;
            }
        }

        var all = modifiers.Contains("all");
        var negate = modifiers.Contains("neq");
        var cased = modifiers.Contains("cased");

        if (modifiers.Contains("exists"))
        {
            if (keyword || modifiers.Count != 1 || values.Count != 1 || !values[0].TryGetBool(out var expected))
            {
                throw new RuleException($"'{key}' in '{identifier}': exists takes a field and one boolean value");
            }

            return new ExistsNode(field, expected);
        }

        if (modifiers.Contains("fieldref"))
        {
            return FieldRef(identifier, key, keyword, field, modifiers, values, all, negate, cased);
        }

        var matchers = new List<ValueMatcher>();
        var matchNull = false;
        if (modifiers.Contains("re"))
        {
            if (modifiers[0] != "re" || modifiers.Any(m => m is not ("re" or "i" or "m" or "s" or "ignorecase" or "multiline" or "dotall"
                    or "all" or "neq" or "contains" or "startswith" or "endswith" or "cased")))
            {
                throw new RuleException($"'{key}' in '{identifier}': 're' must come first and only takes i, m, s, all, neq");
            }

            var options = RegexOptions.CultureInvariant;
            if (modifiers.Contains("i") || modifiers.Contains("ignorecase"))
            {
                options |= RegexOptions.IgnoreCase;
            }

            if (modifiers.Contains("m") || modifiers.Contains("multiline"))
            {
                options |= RegexOptions.Multiline;
            }

            if (modifiers.Contains("s") || modifiers.Contains("dotall"))
            {
                options |= RegexOptions.Singleline;
            }

            foreach (var value in values)
            {
                if (value.IsNull)
                {
                    throw new RuleException($"'{key}' in '{identifier}': a regular expression cannot be null");
                }

                matchers.Add(CompileRegex(value.Value, options));
            }
        }
        else if (modifiers.Contains("cidr"))
        {
            if (modifiers[0] != "cidr" || modifiers.Any(m => m is not ("cidr" or "all" or "neq")))
            {
                throw new RuleException($"'{key}' in '{identifier}': 'cidr' must come first and only takes all, neq");
            }

            foreach (var value in values)
            {
                matchers.Add(CidrMatcher.TryCreate(value.Value) ?? throw new RuleException($"'{value.Value}' is not a network (CIDR)"));
            }
        }
        else if (modifiers.Any(s_timeParts.Contains) || modifiers.Any(s_compare.Contains))
        {
            var part = modifiers.FirstOrDefault(s_timeParts.Contains);
            var op = modifiers.FirstOrDefault(s_compare.Contains) ?? "eq";
            if (modifiers.Any(m => !s_timeParts.Contains(m) && !s_compare.Contains(m) && m is not ("all" or "neq")) ||
                modifiers.Count(s_timeParts.Contains) > 1 || modifiers.Count(s_compare.Contains) > 1)
            {
                throw new RuleException($"'{key}' in '{identifier}': numeric modifiers do not combine with string modifiers");
            }

            foreach (var value in values)
            {
                if (!CompareMatcher.TryParseNumber(value.Value, out var number) || value.IsNull)
                {
                    throw new RuleException($"'{key}' in '{identifier}': '{value.Value}' is not a number");
                }

                matchers.Add(part is null ? new CompareMatcher(op, number) : new TimePartMatcher(part, op, number));
            }
        }
        else
        {
            foreach (var value in values)
            {
                if (value.IsNull)
                {
                    matchNull = true;
                    continue;
                }

                foreach (var text in Transform(identifier, key, value.Value, modifiers, keyword))
                {
                    matchers.Add(StringMatcherFor(text, cased));
                }
            }

            matchers = Group(matchers, cased, all && !keyword ? values.Count > 1 : all, _context.MatcherCache);
        }

        if (all && values.Count < 2 && !keyword)
        {
            // The specification forbids 'all' on a single value; it changes nothing, so accept it.
            all = false;
        }

        if (keyword)
        {
            if (matchNull || negate)
            {
                throw new RuleException($"keyword search in '{identifier}' cannot use null or neq");
            }

            return new KeywordNode([.. matchers], all);
        }

        return new FieldNode(field, [.. matchers], all, matchNull, negate);
    }

    private Node FieldRef(string identifier, string key, bool keyword, SigmaField field, List<string> modifiers,
        List<YScalar> values, bool all, bool negate, bool cased)
    {
        if (keyword || modifiers.Any(m => m is not ("fieldref" or "contains" or "startswith" or "endswith" or "all" or "neq" or "cased")))
        {
            throw new RuleException($"'{key}' in '{identifier}': fieldref takes a field and only contains, startswith, endswith, all, neq, cased");
        }

        var kind = modifiers.Contains("contains") ? StringMatchKind.Contains
            : modifiers.Contains("startswith") ? StringMatchKind.StartsWith
            : modifiers.Contains("endswith") ? StringMatchKind.EndsWith
            : StringMatchKind.Equals;
        var nodes = new List<Node>();
        foreach (var value in values)
        {
            if (value.IsNull || SigmaText.HasWildcards(SigmaText.Parse(value.Value)))
            {
                throw new RuleException($"'{key}' in '{identifier}': a field reference must be a plain field name");
            }

            if (_context.Resolve(value.Value) is not { } other)
            {
                nodes.Add(new UnknownNode(value.Value));
                continue;
            }

            nodes.Add(new FieldRefNode(field, other, kind, cased, negate: false));
        }

        Node node = all ? new AndNode([.. nodes]) : new OrNode([.. nodes]);
        return negate ? new NotNode(node) : node;
    }

    /// <summary>One matcher per pattern and options for the whole rule set (immutable, so rules and targets share it).</summary>
    private RegexMatcher CompileRegex(string pattern, RegexOptions options)
    {
        if (pattern.Length > 32_768)
        {
            throw new RuleException("regular expression longer than 32,768 characters");
        }

        if (_context.RegexCache.TryGetValue((pattern, options), out var cached))
        {
            return cached;
        }

        Regex regex;
        try
        {
            // Linear-time matching where the pattern allows it (no timeout needed: the linear engine cannot run away,
            // and skipping the timeout spares a clock read per match); backtracking with the timeout otherwise.
            regex = new Regex(pattern, options | RegexOptions.NonBacktracking, Regex.InfiniteMatchTimeout);
        }
        catch (NotSupportedException)
        {
            regex = TryBacktracking(pattern, options);
        }
        catch (ArgumentException ex)
        {
            throw new RuleException($"invalid regular expression '{pattern}': {ex.Message}");
        }
        catch (OutOfMemoryException)
        {
            throw new RuleException($"regular expression '{pattern}' is too large");
        }

        var matcher = new RegexMatcher(regex);
        _context.RegexCache[(pattern, options)] = matcher;
        return matcher;
    }

    private Regex TryBacktracking(string pattern, RegexOptions options)
    {
        try
        {
            return new Regex(pattern, options, _context.RegexTimeout);
        }
        catch (ArgumentException ex)
        {
            throw new RuleException($"invalid regular expression '{pattern}': {ex.Message}");
        }
    }

    /// <summary>Applies expand, then the string modifiers in their order, to one value.</summary>
    private List<string> Transform(string identifier, string key, string raw, List<string> modifiers, bool keyword)
    {
        var raws = modifiers.Contains("expand") ? Expand(identifier, raw) : [raw];
        var values = raws.Select(r => (Text: SigmaText.Parse(r), Bytes: false)).ToList();
        foreach (var modifier in modifiers)
        {
            switch (modifier)
            {
                case "contains":
                    values = [.. values.Select(v => (Wrap(v.Text, true, true), v.Bytes))];
                    break;
                case "startswith":
                    values = [.. values.Select(v => (Wrap(v.Text, false, true), v.Bytes))];
                    break;
                case "endswith":
                    values = [.. values.Select(v => (Wrap(v.Text, true, false), v.Bytes))];
                    break;
                case "windash":
                    values = [.. values.SelectMany(v => Windash(v.Text).Select(t => (t, v.Bytes)))];
                    break;
                case "base64":
                    values = [.. values.Select(v => (Convert.ToBase64String(BytesOf(key, v.Text, v.Bytes)), false))];
                    break;
                case "base64offset":
                    values = [.. values.SelectMany(v => Base64Offsets(BytesOf(key, v.Text, v.Bytes)).Select(t => (t, false)))];
                    break;
                case "wide" or "utf16le":
                    values = [.. values.Select(v => (Utf16(key, v.Text, v.Bytes, bigEndian: false, bom: false), true))];
                    break;
                case "utf16be":
                    values = [.. values.Select(v => (Utf16(key, v.Text, v.Bytes, bigEndian: true, bom: false), true))];
                    break;
                case "utf16":
                    values = [.. values.Select(v => (Utf16(key, v.Text, v.Bytes, bigEndian: false, bom: true), true))];
                    break;
                default:
                    break;
            }

            if (values.Count > MaxExpansions)
            {
                throw new RuleException($"'{key}' in '{identifier}' expands to more than {MaxExpansions} values");
            }
        }

        if (keyword)
        {
            // A keyword is searched anywhere in the event's values.
            values = [.. values.Select(v => (Wrap(v.Text, true, true), v.Bytes))];
        }

        return [.. values.Select(v => v.Text)];
    }

    private static string Wrap(string text, bool start, bool end)
    {
        if (start && (text.Length == 0 || text[0] != SigmaText.Many))
        {
            text = SigmaText.Many + text;
        }

        if (end && text[^1] != SigmaText.Many)
        {
            text += SigmaText.Many;
        }

        return text;
    }

    private static byte[] BytesOf(string key, string text, bool bytes)
    {
        if (SigmaText.HasWildcards(text))
        {
            throw new RuleException($"'{key}': base64 of a value with wildcards is not defined");
        }

        if (!bytes)
        {
            return Encoding.UTF8.GetBytes(text);
        }

        var result = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            result[i] = (byte)text[i];
        }

        return result;
    }

    /// <summary>The three base64 renderings of a byte string at offsets 0, 1 and 2, without the unstable edges.</summary>
    internal static IEnumerable<string> Base64Offsets(byte[] data)
    {
        int[] starts = [0, 2, 3];
        int[] ends = [0, -3, -2];
        for (var i = 0; i < 3; i++)
        {
            var shifted = new byte[data.Length + i];
            Array.Fill(shifted, (byte)' ', 0, i);
            data.CopyTo(shifted, i);
            var encoded = Convert.ToBase64String(shifted);
            var end = ends[(data.Length + i) % 3];
            var stop = end == 0 ? encoded.Length : encoded.Length + end;
            yield return stop > starts[i] ? encoded[starts[i]..stop] : "";
        }
    }

    /// <summary>UTF-16 bytes of the text, one char per byte (wildcards kept as they are).</summary>
    private static string Utf16(string key, string text, bool bytes, bool bigEndian, bool bom)
    {
        if (bytes)
        {
            throw new RuleException($"'{key}': a value cannot be UTF-16 encoded twice");
        }

        var sb = new StringBuilder(text.Length * 2 + 2);
        if (bom)
        {
            sb.Append(bigEndian ? "\u00FE\u00FF" : "\u00FF\u00FE");
        }

        foreach (var c in text)
        {
            if (SigmaText.IsWildcard(c))
            {
                sb.Append(c);
                continue;
            }

            var lo = (char)(c & 0xFF);
            var hi = (char)(c >> 8);
            sb.Append(bigEndian ? hi : lo).Append(bigEndian ? lo : hi);
        }

        return sb.ToString();
    }

    /// <summary>
    /// Every combination of <c>-</c>, <c>/</c>, en dash, em dash and horizontal bar at each dash or slash
    /// that starts a word (not preceded by a word character, followed by one), as pySigma does.
    /// </summary>
    internal static List<string> Windash(string text)
    {
        var positions = new List<int>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '-' or '/' && (i == 0 || !IsWordChar(text[i - 1])) && i + 1 < text.Length && IsWordChar(text[i + 1]))
            {
                positions.Add(i);
            }
        }

        if (positions.Count > MaxWindashPositions)
        {
            throw new RuleException($"windash on '{SigmaText.Display(text)}' has {positions.Count} dashes (at most {MaxWindashPositions})");
        }

        var results = new List<string> { text };
        foreach (var position in positions)
        {
            var next = new List<string>(results.Count * 5);
            foreach (var r in results)
            {
                foreach (var dash in "-/\u2013\u2014\u2015")
                {
                    next.Add(string.Concat(r.AsSpan(0, position), [dash], r.AsSpan(position + 1)));
                }
            }

            results = next;
        }

        return results;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private List<string> Expand(string identifier, string raw)
    {
        var results = new List<string> { "" };
        var i = 0;
        while (i < raw.Length)
        {
            if (raw[i] == '\\' && i + 1 < raw.Length && raw[i + 1] == '%')
            {
                results = [.. results.Select(r => r + "%")];
                i += 2;
                continue;
            }

            if (raw[i] == '%')
            {
                var close = raw.IndexOf('%', i + 1);
                if (close > i + 1)
                {
                    var name = raw[(i + 1)..close];
                    if (!_context.Placeholders.TryGetValue(name, out var replacements) || replacements.Count == 0)
                    {
                        throw new RuleException($"placeholder '%{name}%' in '{identifier}' has no values (give them in a placeholder file)");
                    }

                    results = [.. results.SelectMany(r => replacements.Select(v => r + v))];
                    if (results.Count > MaxExpansions)
                    {
                        throw new RuleException($"placeholders in '{identifier}' expand to more than {MaxExpansions} values");
                    }

                    i = close + 1;
                    continue;
                }
            }

            var c = raw[i];
            results = [.. results.Select(r => r + c)];
            i++;
        }

        return results;
    }

    private static ValueMatcher StringMatcherFor(string text, bool cased)
    {
        var inner = text.AsSpan();
        var leading = inner.Length > 0 && inner[0] == SigmaText.Many;
        var trailing = inner.Length > 1 && inner[^1] == SigmaText.Many;
        var core = inner[(leading ? 1 : 0)..(inner.Length - (trailing ? 1 : 0))];
        if (core.IndexOfAny(SigmaText.Many, SigmaText.One) >= 0 || (inner.Length == 1 && leading))
        {
            return inner.Length == 1 && leading
                ? new StringMatcher(StringMatchKind.StartsWith, "", cased)
                : new GlobMatcher(text, cased);
        }

        var kind = (leading, trailing) switch
        {
            (true, true) => StringMatchKind.Contains,
            (true, false) => StringMatchKind.EndsWith,
            (false, true) => StringMatchKind.StartsWith,
            _ => StringMatchKind.Equals,
        };
        return new StringMatcher(kind, core.ToString(), cased);
    }

    /// <summary>
    /// Under OR, many values of one kind become one matcher: plain equalities a hash set, case-insensitive
    /// contains a vectorised multi-string search, case-insensitive suffixes a hash lookup per length.
    /// </summary>
    private static List<ValueMatcher> Group(List<ValueMatcher> matchers, bool cased, bool all, Dictionary<string, ValueMatcher> cache)
    {
        if (all)
        {
            return matchers;
        }

        var result = new List<ValueMatcher>();
        var equals = matchers.OfType<StringMatcher>().Where(m => m.Kind == StringMatchKind.Equals).ToList();
        var contains = matchers.OfType<StringMatcher>().Where(m => m.Kind == StringMatchKind.Contains && !m.Cased && m.Text.Length > 0).ToList();
        var suffixes = matchers.OfType<StringMatcher>().Where(m => m.Kind == StringMatchKind.EndsWith && !m.Cased && m.Text.Length > 0).ToList();
        var grouped = new HashSet<ValueMatcher>();
        if (equals.Count >= 4)
        {
            result.Add(Cached(cache, (cased ? "=c\0" : "=\0") + string.Join('\0', equals.Select(m => m.Text)), () => new EqualsSetMatcher(equals.Select(m => m.Text), cased)));
            grouped.UnionWith(equals);
        }

        if (contains.Count >= 2)
        {
            result.Add(Cached(cache, "*\0" + string.Join('\0', contains.Select(m => m.Text)), () => new ContainsAnyMatcher([.. contains.Select(m => m.Text)])));
            grouped.UnionWith(contains);
        }

        if (suffixes.Count >= 4)
        {
            result.Add(Cached(cache, ">\0" + string.Join('\0', suffixes.Select(m => m.Text)), () => new SuffixSetMatcher([.. suffixes.Select(m => m.Text)])));
            grouped.UnionWith(suffixes);
        }

        result.AddRange(matchers.Where(m => !grouped.Contains(m)));
        return result;
    }

    private static ValueMatcher Cached(Dictionary<string, ValueMatcher> cache, string key, Func<ValueMatcher> create)
    {
        if (!cache.TryGetValue(key, out var matcher))
        {
            cache[key] = matcher = create();
        }

        return matcher;
    }

    internal static string Invariant(double d) => d.ToString(CultureInfo.InvariantCulture);
}
