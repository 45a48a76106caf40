using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Vigie.Sigma.Yaml;

namespace Vigie.Sigma.Detection;

internal sealed partial class DetectionCompiler
{
    private const int MaxWindashPositions = 5;
    private const int MaxExpansions = 10_000;

    /// <summary>Every modifier name the specification defines, aliases included.</summary>
    private static readonly Dictionary<string, SigmaModifier> s_modifierNames = new(StringComparer.Ordinal)
    {
        ["all"] = SigmaModifier.All, ["startswith"] = SigmaModifier.StartsWith, ["endswith"] = SigmaModifier.EndsWith,
        ["contains"] = SigmaModifier.Contains, ["exists"] = SigmaModifier.Exists, ["cased"] = SigmaModifier.Cased,
        ["neq"] = SigmaModifier.Neq, ["windash"] = SigmaModifier.Windash, ["re"] = SigmaModifier.Re,
        ["i"] = SigmaModifier.IgnoreCase, ["ignorecase"] = SigmaModifier.IgnoreCase,
        ["m"] = SigmaModifier.Multiline, ["multiline"] = SigmaModifier.Multiline,
        ["s"] = SigmaModifier.DotAll, ["dotall"] = SigmaModifier.DotAll,
        ["base64"] = SigmaModifier.Base64, ["base64offset"] = SigmaModifier.Base64Offset,
        ["utf16le"] = SigmaModifier.Utf16Le, ["wide"] = SigmaModifier.Utf16Le, ["utf16be"] = SigmaModifier.Utf16Be, ["utf16"] = SigmaModifier.Utf16,
        ["lt"] = SigmaModifier.Lt, ["lte"] = SigmaModifier.Lte, ["gt"] = SigmaModifier.Gt, ["gte"] = SigmaModifier.Gte,
        ["minute"] = SigmaModifier.Minute, ["hour"] = SigmaModifier.Hour, ["day"] = SigmaModifier.Day,
        ["week"] = SigmaModifier.Week, ["month"] = SigmaModifier.Month, ["year"] = SigmaModifier.Year,
        ["cidr"] = SigmaModifier.Cidr, ["expand"] = SigmaModifier.Expand, ["fieldref"] = SigmaModifier.FieldRef,
    };

    private static readonly ulong s_timeParts = ModifierSet.Bits(SigmaModifier.Minute, SigmaModifier.Hour, SigmaModifier.Day,
        SigmaModifier.Week, SigmaModifier.Month, SigmaModifier.Year);

    private static readonly ulong s_comparisons = ModifierSet.Bits(SigmaModifier.Lt, SigmaModifier.Lte, SigmaModifier.Gt, SigmaModifier.Gte);

    private static readonly ulong s_allOrNeq = ModifierSet.Bits(SigmaModifier.All, SigmaModifier.Neq);

    /// <summary>
    /// The kinds of item, tried in this order: the first whose modifier the item has compiles it; an item with
    /// none of them is a string item (<see cref="StringItem"/>).
    /// </summary>
    private static readonly (ulong Trigger, Func<DetectionCompiler, ItemSpec, Node> Compile)[] s_itemKinds =
    [
        (ModifierSet.Bit(SigmaModifier.Exists), static (c, item) => ExistsItem(item)),
        (ModifierSet.Bit(SigmaModifier.FieldRef), static (c, item) => c.FieldRefItem(item)),
        (ModifierSet.Bit(SigmaModifier.Re), static (c, item) => c.Finish(item, c.RegexItem(item), matchNull: false)),
        (ModifierSet.Bit(SigmaModifier.Cidr), static (c, item) => c.Finish(item, CidrItem(item), matchNull: false)),
        (s_timeParts | s_comparisons, static (c, item) => c.Finish(item, NumericItem(item), matchNull: false)),
    ];

    /// <summary>
    /// What is allowed beside each modifier that sets an item's kind, and the message when something else is there.
    /// </summary>
    private static readonly ulong s_reAllowed = ModifierSet.Bits(SigmaModifier.Re, SigmaModifier.IgnoreCase, SigmaModifier.Multiline,
        SigmaModifier.DotAll, SigmaModifier.All, SigmaModifier.Neq, SigmaModifier.Contains, SigmaModifier.StartsWith, SigmaModifier.EndsWith,
        SigmaModifier.Cased);

    private static readonly ulong s_cidrAllowed = ModifierSet.Bits(SigmaModifier.Cidr, SigmaModifier.All, SigmaModifier.Neq);

    private static readonly ulong s_fieldRefAllowed = ModifierSet.Bits(SigmaModifier.FieldRef, SigmaModifier.Contains, SigmaModifier.StartsWith,
        SigmaModifier.EndsWith, SigmaModifier.All, SigmaModifier.Neq, SigmaModifier.Cased);

    /// <summary>Regex options set by the <c>re</c> flags.</summary>
    private static readonly (SigmaModifier Flag, RegexOptions Option)[] s_regexFlags =
    [
        (SigmaModifier.IgnoreCase, RegexOptions.IgnoreCase), (SigmaModifier.Multiline, RegexOptions.Multiline), (SigmaModifier.DotAll, RegexOptions.Singleline),
    ];

    private static readonly Dictionary<SigmaModifier, ComparisonOperator> s_operators = new()
    {
        [SigmaModifier.Lt] = ComparisonOperator.Lt, [SigmaModifier.Lte] = ComparisonOperator.Lte,
        [SigmaModifier.Gt] = ComparisonOperator.Gt, [SigmaModifier.Gte] = ComparisonOperator.Gte,
    };

    private static readonly Dictionary<SigmaModifier, TimePart> s_parts = new()
    {
        [SigmaModifier.Minute] = TimePart.Minute, [SigmaModifier.Hour] = TimePart.Hour, [SigmaModifier.Day] = TimePart.Day,
        [SigmaModifier.Week] = TimePart.Week, [SigmaModifier.Month] = TimePart.Month, [SigmaModifier.Year] = TimePart.Year,
    };

    /// <summary>One <c>field|modifiers: values</c> entry (field empty for keywords): read it, then compile it by its kind.</summary>
    private Node Item(string identifier, string key, YNode valueNode)
    {
        if (ReadItem(identifier, key, valueNode) is not { } item)
        {
            return new UnknownNode(key.Split('|')[0].Trim());
        }

        foreach (var (trigger, compile) in s_itemKinds)
        {
            if (item.Modifiers.HasAny(trigger))
            {
                return compile(this, item);
            }
        }

        return StringItem(item);
    }

    /// <summary>
    /// The item's field, modifiers and values; null when the target's events cannot decide the item (the field
    /// is unknown to them, or its values are written differently and the item is not a plain equality).
    /// </summary>
    private ItemSpec? ReadItem(string identifier, string key, YNode valueNode)
    {
        var parts = key.Split('|');
        var fieldName = parts[0].Trim();
        var order = new List<SigmaModifier>(parts.Length - 1);
        for (var p = 1; p < parts.Length; p++)
        {
            var name = parts[p].Trim().ToLowerInvariant();
            if (name.Length == 0)
            {
                continue;
            }

            if (!s_modifierNames.TryGetValue(name, out var modifier))
            {
                throw new RuleException($"unknown modifier '{name}' in '{identifier}'");
            }

            order.Add(modifier);
        }

        var modifiers = new ModifierSet(order);
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
                return null;
            }

            field = resolved;
            if (_context.ValueMap(fieldName) is { } valueMap)
            {
                // The target writes this field's values differently: only plain equalities with known values translate.
                if (!modifiers.OnlyFrom(s_allOrNeq) || TranslateValues(values, valueMap) is not { } translated)
                {
                    return null;
                }

                values = translated;
            }
        }

        return new ItemSpec(identifier, key, keyword, field, modifiers, values);
    }

    private static List<YScalar>? TranslateValues(List<YScalar> values, IReadOnlyDictionary<string, string> valueMap)
    {
        var translated = new List<YScalar>(values.Count);
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
                return null;
            }
        }

        return translated;
    }

    /// <summary><c>field|exists: true|false</c>.</summary>
    private static Node ExistsItem(ItemSpec item)
    {
        if (item.Keyword || item.Modifiers.Count != 1 || item.Values.Count != 1 || !item.Values[0].TryGetBool(out var expected))
        {
            throw new RuleException($"'{item.Key}' in '{item.Identifier}': exists takes a field and one boolean value");
        }

        return new ExistsNode(item.Field, expected);
    }

    /// <summary><c>field|re|i|m|s: pattern</c>.</summary>
    private List<ValueMatcher> RegexItem(ItemSpec item)
    {
        if (item.Modifiers.First != SigmaModifier.Re || !item.Modifiers.OnlyFrom(s_reAllowed))
        {
            throw new RuleException($"'{item.Key}' in '{item.Identifier}': 're' must come first and only takes i, m, s, all, neq");
        }

        var options = RegexOptions.CultureInvariant;
        foreach (var (flag, option) in s_regexFlags)
        {
            if (item.Modifiers.Has(flag))
            {
                options |= option;
            }
        }

        var matchers = new List<ValueMatcher>(item.Values.Count);
        foreach (var value in item.Values)
        {
            if (value.IsNull)
            {
                throw new RuleException($"'{item.Key}' in '{item.Identifier}': a regular expression cannot be null");
            }

            matchers.Add(CompileRegex(value.Value, options));
        }

        return matchers;
    }

    /// <summary><c>field|cidr: network</c>.</summary>
    private static List<ValueMatcher> CidrItem(ItemSpec item)
    {
        if (item.Modifiers.First != SigmaModifier.Cidr || !item.Modifiers.OnlyFrom(s_cidrAllowed))
        {
            throw new RuleException($"'{item.Key}' in '{item.Identifier}': 'cidr' must come first and only takes all, neq");
        }

        var matchers = new List<ValueMatcher>(item.Values.Count);
        foreach (var value in item.Values)
        {
            matchers.Add(CidrMatcher.TryCreate(value.Value) ?? throw new RuleException($"'{value.Value}' is not a network (CIDR)"));
        }

        return matchers;
    }

    /// <summary><c>field|lt|lte|gt|gte: number</c>, optionally on one part of a date (<c>field|hour|gte: 22</c>).</summary>
    private static List<ValueMatcher> NumericItem(ItemSpec item)
    {
        var modifiers = item.Modifiers;
        if (!modifiers.OnlyFrom(s_timeParts | s_comparisons | s_allOrNeq) || modifiers.CountOf(s_timeParts) > 1 || modifiers.CountOf(s_comparisons) > 1)
        {
            throw new RuleException($"'{item.Key}' in '{item.Identifier}': numeric modifiers do not combine with string modifiers");
        }

        TimePart? part = modifiers.FirstOf(s_timeParts) is { } p ? s_parts[p] : null;
        var op = modifiers.FirstOf(s_comparisons) is { } c ? s_operators[c] : ComparisonOperator.Eq;
        var matchers = new List<ValueMatcher>(item.Values.Count);
        foreach (var value in item.Values)
        {
            if (!CompareMatcher.TryParseNumber(value.Value, out var number) || value.IsNull)
            {
                throw new RuleException($"'{item.Key}' in '{item.Identifier}': '{value.Value}' is not a number");
            }

            matchers.Add(part is { } timePart ? new TimePartMatcher(timePart, op, number) : new CompareMatcher(op, number));
        }

        return matchers;
    }

    /// <summary>Plain values with the string modifiers (contains, startswith, endswith, windash, base64, utf16, expand, cased).</summary>
    private Node StringItem(ItemSpec item)
    {
        var cased = item.Modifiers.Has(SigmaModifier.Cased);
        var all = item.Modifiers.Has(SigmaModifier.All);
        var matchers = new List<ValueMatcher>();
        var matchNull = false;
        foreach (var value in item.Values)
        {
            if (value.IsNull)
            {
                matchNull = true;
                continue;
            }

            foreach (var text in Transform(item.Identifier, item.Key, value.Value, item.Modifiers.Order, item.Keyword))
            {
                matchers.Add(StringMatcherFor(text, cased));
            }
        }

        matchers = Group(matchers, cased, all && !item.Keyword ? item.Values.Count > 1 : all, _context.MatcherCache);
        return Finish(item, matchers, matchNull);
    }

    /// <summary>The item's node: a keyword search, or a field's matchers with all, null and neq.</summary>
    private Node Finish(ItemSpec item, List<ValueMatcher> matchers, bool matchNull)
    {
        var all = item.Modifiers.Has(SigmaModifier.All);
        var negate = item.Modifiers.Has(SigmaModifier.Neq);
        if (all && item.Values.Count < 2 && !item.Keyword)
        {
            // The specification forbids 'all' on a single value; it changes nothing, so accept it.
            all = false;
        }

        if (item.Keyword)
        {
            if (matchNull || negate)
            {
                throw new RuleException($"keyword search in '{item.Identifier}' cannot use null or neq");
            }

            return new KeywordNode([.. matchers], all);
        }

        return new FieldNode(item.Field, [.. matchers], all, matchNull, negate);
    }

    /// <summary><c>field|fieldref: other field</c>, with contains, startswith or endswith.</summary>
    private Node FieldRefItem(ItemSpec item)
    {
        if (item.Keyword || !item.Modifiers.OnlyFrom(s_fieldRefAllowed))
        {
            throw new RuleException($"'{item.Key}' in '{item.Identifier}': fieldref takes a field and only contains, startswith, endswith, all, neq, cased");
        }

        var modifiers = item.Modifiers;
        var kind = modifiers.Has(SigmaModifier.Contains) ? StringMatchKind.Contains
            : modifiers.Has(SigmaModifier.StartsWith) ? StringMatchKind.StartsWith
            : modifiers.Has(SigmaModifier.EndsWith) ? StringMatchKind.EndsWith
            : StringMatchKind.Equals;
        var cased = modifiers.Has(SigmaModifier.Cased);
        var nodes = new List<Node>();
        foreach (var value in item.Values)
        {
            if (value.IsNull || SigmaText.HasWildcards(SigmaText.Parse(value.Value)))
            {
                throw new RuleException($"'{item.Key}' in '{item.Identifier}': a field reference must be a plain field name");
            }

            if (_context.Resolve(value.Value) is not { } other)
            {
                nodes.Add(new UnknownNode(value.Value));
                continue;
            }

            nodes.Add(new FieldRefNode(item.Field, other, kind, cased, negate: false));
        }

        Node node = modifiers.Has(SigmaModifier.All) ? new AndNode([.. nodes]) : new OrNode([.. nodes]);
        return modifiers.Has(SigmaModifier.Neq) ? new NotNode(node) : node;
    }

    /// <summary>An item as read: where it is, its field (default for keywords), its modifiers and values.</summary>
    private sealed record ItemSpec(string Identifier, string Key, bool Keyword, SigmaField Field, ModifierSet Modifiers, List<YScalar> Values);

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
    private List<string> Transform(string identifier, string key, string raw, List<SigmaModifier> modifiers, bool keyword)
    {
        var raws = modifiers.Contains(SigmaModifier.Expand) ? Expand(identifier, raw) : [raw];
        var values = raws.Select(r => (Text: SigmaText.Parse(r), Bytes: false)).ToList();
        foreach (var modifier in modifiers)
        {
            switch (modifier)
            {
                case SigmaModifier.Contains:
                    values = [.. values.Select(v => (Wrap(v.Text, true, true), v.Bytes))];
                    break;
                case SigmaModifier.StartsWith:
                    values = [.. values.Select(v => (Wrap(v.Text, false, true), v.Bytes))];
                    break;
                case SigmaModifier.EndsWith:
                    values = [.. values.Select(v => (Wrap(v.Text, true, false), v.Bytes))];
                    break;
                case SigmaModifier.Windash:
                    values = [.. values.SelectMany(v => Windash(v.Text).Select(t => (t, v.Bytes)))];
                    break;
                case SigmaModifier.Base64:
                    values = [.. values.Select(v => (Convert.ToBase64String(BytesOf(key, v.Text, v.Bytes)), false))];
                    break;
                case SigmaModifier.Base64Offset:
                    values = [.. values.SelectMany(v => Base64Offsets(BytesOf(key, v.Text, v.Bytes)).Select(t => (t, false)))];
                    break;
                case SigmaModifier.Utf16Le:
                    values = [.. values.Select(v => (Utf16(key, v.Text, v.Bytes, bigEndian: false, bom: false), true))];
                    break;
                case SigmaModifier.Utf16Be:
                    values = [.. values.Select(v => (Utf16(key, v.Text, v.Bytes, bigEndian: true, bom: false), true))];
                    break;
                case SigmaModifier.Utf16:
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
