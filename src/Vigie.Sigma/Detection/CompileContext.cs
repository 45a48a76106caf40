using System.Text.RegularExpressions;
using Vigie.Sigma.Engine;

namespace Vigie.Sigma.Detection;

/// <summary>What compiling a detection for one target needs: field ids, renames, placeholders, regex options.</summary>
internal sealed class CompileContext(
    FieldTable fields,
    LogsourceTarget? target,
    IReadOnlyDictionary<string, IReadOnlyList<string>> placeholders,
    TimeSpan regexTimeout,
    Dictionary<(string, RegexOptions), RegexMatcher> regexCache,
    Dictionary<string, ValueMatcher> matcherCache)
{
    public FieldTable Fields { get; } = fields;

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Placeholders { get; } = placeholders;

    public TimeSpan RegexTimeout { get; } = regexTimeout;

    public Dictionary<(string, RegexOptions), RegexMatcher> RegexCache { get; } = regexCache;

    /// <summary>Grouped matchers already built (the same value list in another target of the rule, or another rule).</summary>
    public Dictionary<string, ValueMatcher> MatcherCache { get; } = matcherCache;

    /// <summary>How the target's events write the values of a rule field, when they write them differently.</summary>
    public IReadOnlyDictionary<string, string>? ValueMap(string name) =>
        target is not null && target.Values.TryGetValue(name, out var map) ? map : null;

    /// <summary>The field an item of the rule reads, or null when the target's events lack it.</summary>
    public SigmaField? Resolve(string name)
    {
        if (target is not null)
        {
            if (target.Unavailable.Contains(name))
            {
                return null;
            }

            if (target.Renames.TryGetValue(name, out var renamed))
            {
                name = renamed;
            }
        }

        return Fields.GetOrAdd(name);
    }
}
