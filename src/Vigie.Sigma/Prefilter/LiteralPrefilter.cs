using System.Runtime.InteropServices;
using Vigie.Sigma.Detection;
using Vigie.Sigma.Engine;

namespace Vigie.Sigma.Prefilter;

/// <summary>
/// The literal prefilter of one bucket: for each field, one Aho-Corasick search over all the literals
/// the bucket's rules require of it, run once per event; a rule with a requirement is evaluated only when
/// every group of its requirement found a literal. Rules without a requirement are always evaluated.
/// Exact by construction: a requirement is built only where the rule cannot match without it.
/// </summary>
internal sealed partial class LiteralPrefilter
{
    private const int GroupOptionsPerRule = 3;
    private const int MaxLiteralLength = 12;

    private readonly FieldSearch[] _fields;
    private readonly int[][] _primaryVariants;
    private readonly int[][]?[] _secondary;
    private readonly bool[] _filtered;
    private readonly int[] _alwaysEvaluated;

    private LiteralPrefilter(FieldSearch[] fields, int[][] primaryVariants, int[][]?[] secondary, bool[] filtered, int[] alwaysEvaluated)
    {
        _fields = fields;
        _primaryVariants = primaryVariants;
        _secondary = secondary;
        _filtered = filtered;
        _alwaysEvaluated = alwaysEvaluated;
    }

    public int FilteredVariants => _filtered.Count(f => f);

    public bool IsFiltered(int variant) => _filtered[variant];

    public IEnumerable<(SigmaField Field, int States)> Automata => _fields.Select(f => (f.Field, f.Automaton.States));

    public long TableBytes => _fields.Sum(f => f.Automaton.TableBytes);

    /// <summary>
    /// Chooses for each rule a primary group (whose literals are searched and lead to the rule) and up to
    /// two secondary groups (checked afterwards): the groups whose literals the fewest other rules share
    /// come first, since a literal many rules need is likely common in events.
    /// </summary>
    public static LiteralPrefilter? Build(RuleVariant[] variants)
    {
        var always = new List<int>();
        var filtered = new bool[variants.Length];
        var options = new List<(int Field, string Key)>[]?[variants.Length];
        var popularity = new Dictionary<(int, string), int>();
        var seen = new HashSet<(int, string)>();
        var byCost = new List<(double Cost, int Index)>();
        for (var v = 0; v < variants.Length; v++)
        {
            var groups = LiteralRequirement.Of(variants[v].Root, 0, 1);
            if (groups is null || groups.Count == 0)
            {
                always.Add(v);
                continue;
            }

            // The cheapest groups first (ties in their order), each group's pairs folded and cut, without repeats.
            byCost.Clear();
            for (var g = 0; g < groups.Count; g++)
            {
                byCost.Add((LiteralRequirement.Cost(groups[g]), g));
            }

            byCost.Sort();
            var chosen = new List<(int Field, string Key)>[Math.Min(GroupOptionsPerRule, groups.Count)];
            for (var c = 0; c < chosen.Length; c++)
            {
                var group = groups[byCost[c].Index];
                var pairs = new List<(int Field, string Key)>(group.Count);
                seen.Clear();
                foreach (var (field, literal) in group)
                {
                    var pair = (field, Key(literal));
                    if (seen.Add(pair))
                    {
                        pairs.Add(pair);
                    }
                }

                chosen[c] = pairs;
            }

            options[v] = chosen;
            seen.Clear();
            foreach (var pairs in chosen)
            {
                foreach (var pair in pairs)
                {
                    if (seen.Add(pair))
                    {
                        CollectionsMarshal.GetValueRefOrAddDefault(popularity, pair, out _)++;
                    }
                }
            }
        }

        if (always.Count == variants.Length)
        {
            return null;
        }

        var literalIds = new Dictionary<(int Field, string Key), int>();
        var primaryVariants = new List<List<int>>();
        var secondary = new int[][]?[variants.Length];
        int LiteralId((int, string) pair)
        {
            if (!literalIds.TryGetValue(pair, out var id))
            {
                id = primaryVariants.Count;
                literalIds[pair] = id;
                primaryVariants.Add([]);
            }

            return id;
        }

        for (var v = 0; v < variants.Length; v++)
        {
            if (options[v] is not { } groups)
            {
                continue;
            }

            // The groups whose literals the fewest other rules share first (ties in their order).
            byCost.Clear();
            for (var g = 0; g < groups.Length; g++)
            {
                var score = 0.0;
                foreach (var pair in groups[g])
                {
                    score += popularity[pair] * LiteralRequirement.Cost(pair.Key);
                }

                byCost.Add((score, g));
            }

            byCost.Sort();
            var ranked = byCost.ConvertAll(c => groups[c.Index]);
            filtered[v] = true;
            foreach (var pair in ranked[0])
            {
                var list = primaryVariants[LiteralId(pair)];
                if (list.Count == 0 || list[^1] != v)
                {
                    list.Add(v);
                }
            }

            if (ranked.Count > 1)
            {
                secondary[v] = [.. ranked.Skip(1).Select(g => g.Select(LiteralId).Distinct().ToArray())];
            }
        }

        var fields = new List<FieldSearch>();
        foreach (var byField in literalIds.GroupBy(l => l.Key.Field))
        {
            var texts = byField.Select(l => l.Key.Key).ToArray();
            var ids = byField.Select(l => l.Value).ToArray();
            fields.Add(new FieldSearch(FieldOf(variants, byField.Key), new AhoCorasick(texts), ids));
        }

        return new LiteralPrefilter([.. fields], [.. primaryVariants.Select(l => l.ToArray())], secondary, filtered, [.. always]);
    }

    private static SigmaField FieldOf(RuleVariant[] variants, int id)
    {
        foreach (var variant in variants)
        {
            if (FindField(variant.Root, id) is { } field)
            {
                return field;
            }
        }

        throw new InvalidOperationException("field not found in the bucket's rules");
    }

    /// <summary>Literals are folded once and cut to a prefix: containing the literal implies containing its prefix.</summary>
    private static string Key(string literal) =>
        AhoCorasick.FoldAll(literal.AsSpan(0, Math.Min(literal.Length, MaxLiteralLength)));

    private static SigmaField? FindField(Node node, int id)
    {
        var stack = new Stack<Node>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case FieldNode f when f.Field.Id == id:
                    return f.Field;
                case AndNode a:
                    foreach (var c in a.Children)
                    {
                        stack.Push(c);
                    }

                    break;
                case OrNode o:
                    foreach (var c in o.Children)
                    {
                        stack.Push(c);
                    }

                    break;
                case AtLeastNode l:
                    foreach (var c in l.Children)
                    {
                        stack.Push(c);
                    }

                    break;
                default:
                    break;
            }
        }

        return null;
    }

    public void Evaluate(Bucket bucket, EvalContext context, MatcherScratch scratch, List<SigmaMatch> output)
    {
        var variants = bucket.Variants;
        var candidates = Collect(context, scratch, variants.Length);
        foreach (var v in candidates)
        {
            Bucket.EvaluateVariant(variants[v], context, output);
        }
    }

    /// <summary>The variants to evaluate for this event (indexes into the bucket, ascending).</summary>
    internal List<int> Collect(EvalContext context, MatcherScratch scratch, int variantCount)
    {
        scratch.NextEvent(_primaryVariants.Length, variantCount);
        var pending = scratch.Pending;
        pending.Clear();
        var sink = new Sink(this, scratch);
        var ev = context.Event;
        foreach (var search in _fields)
        {
            sink.LiteralIds = search.LiteralIds;
            for (var i = 0; ; i++)
            {
                var kind = ev.GetValue(search.Field, i, out var value);
                if (kind is SigmaValueKind.Absent or SigmaValueKind.Null)
                {
                    break;
                }

                search.Automaton.Search(value, ref sink);
                if (kind != SigmaValueKind.MoreValues)
                {
                    break;
                }
            }
        }

        var candidates = scratch.Candidates;
        candidates.Clear();
        foreach (var v in pending)
        {
            if (_secondary[v] is not { } secondary || AllGroupsHit(secondary, scratch))
            {
                candidates.Add(v);
            }
        }

        candidates.AddRange(_alwaysEvaluated);
        if (candidates.Count > _alwaysEvaluated.Length)
        {
            candidates.Sort();
        }

        return candidates;
    }

    private static bool AllGroupsHit(int[][] groups, MatcherScratch scratch)
    {
        foreach (var group in groups)
        {
            if (!AnyHit(group, scratch))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AnyHit(int[] literals, MatcherScratch scratch)
    {
        foreach (var literal in literals)
        {
            if (scratch.IsLiteralHit(literal))
            {
                return true;
            }
        }

        return false;
    }

    private void OnLiteral(int literalId, MatcherScratch scratch)
    {
        // Each literal once per event; each rule once, when one of its primary literals is found.
        if (!scratch.HitLiteral(literalId))
        {
            return;
        }

        foreach (var variant in _primaryVariants[literalId])
        {
            if (scratch.MarkVariant(variant))
            {
                scratch.Pending.Add(variant);
            }
        }
    }

    private struct Sink(LiteralPrefilter owner, MatcherScratch scratch) : ILiteralSink
    {
        public int[] LiteralIds { get; set; } = [];

        public readonly void OnLiteral(int literal) => owner.OnLiteral(LiteralIds[literal], scratch);
    }

    private sealed record FieldSearch(SigmaField Field, AhoCorasick Automaton, int[] LiteralIds);
}
