using Vigie.Sigma.Detection;
using Vigie.Sigma.Engine;

namespace Vigie.Sigma.Prefilter;

/// <summary>
/// The literal prefilter of one bucket: for each field, one Aho-Corasick search over all the literals
/// the bucket's rules require of it, run once per event; a rule with a requirement is evaluated only when
/// every group of its requirement found a literal. Rules without a requirement are always evaluated.
/// Exact by construction: a requirement is built only where the rule cannot match without it.
/// </summary>
internal sealed class LiteralPrefilter
{
    private const int MaxGroupsPerRule = 2;
    private const int MaxLiteralLength = 12;

    private readonly FieldSearch[] _fields;
    private readonly int[][] _literalGroups;
    private readonly int[] _groupVariant;
    private readonly int[] _required;
    private readonly int[] _alwaysEvaluated;

    private LiteralPrefilter(FieldSearch[] fields, int[][] literalGroups, int[] groupVariant, int[] required, int[] alwaysEvaluated)
    {
        _fields = fields;
        _literalGroups = literalGroups;
        _groupVariant = groupVariant;
        _required = required;
        _alwaysEvaluated = alwaysEvaluated;
    }

    public int FilteredVariants => _required.Count(r => r > 0);

    public int GroupCount => _groupVariant.Length;

    public bool IsFiltered(int variant) => _required[variant] > 0;

    public IEnumerable<(SigmaField Field, int States)> Automata => _fields.Select(f => (f.Field, f.Automaton.States));

    public long TableBytes => _fields.Sum(f => f.Automaton.TableBytes);

    public static LiteralPrefilter? Build(RuleVariant[] variants)
    {
        var always = new List<int>();
        var required = new int[variants.Length];
        var groupVariant = new List<int>();
        // field id -> literal (folded, truncated) -> literal id; literal id -> groups
        var fieldLiterals = new Dictionary<int, (SigmaField Field, Dictionary<string, int> Ids)>();
        var literalGroups = new List<List<int>>();
        for (var v = 0; v < variants.Length; v++)
        {
            var groups = LiteralRequirement.Of(variants[v].Root, 0, 1);
            if (groups is null || groups.Count == 0)
            {
                always.Add(v);
                continue;
            }

            var chosen = groups.OrderBy(LiteralRequirement.Cost).Take(MaxGroupsPerRule).ToList();
            required[v] = chosen.Count;
            foreach (var group in chosen)
            {
                var groupId = groupVariant.Count;
                groupVariant.Add(v);
                foreach (var (fieldId, literal) in group.Distinct())
                {
                    var field = FieldOf(variants[v].Root, fieldId);
                    if (!fieldLiterals.TryGetValue(fieldId, out var entry))
                    {
                        entry = (field, new Dictionary<string, int>(StringComparer.Ordinal));
                        fieldLiterals[fieldId] = entry;
                    }

                    var key = Key(literal);
                    if (!entry.Ids.TryGetValue(key, out var literalId))
                    {
                        literalId = literalGroups.Count;
                        entry.Ids[key] = literalId;
                        literalGroups.Add([]);
                    }

                    if (!literalGroups[literalId].Contains(groupId))
                    {
                        literalGroups[literalId].Add(groupId);
                    }
                }
            }
        }

        if (groupVariant.Count == 0)
        {
            return null;
        }

        var fields = new List<FieldSearch>();
        foreach (var (_, (field, ids)) in fieldLiterals)
        {
            var texts = new string[ids.Count];
            var globalIds = new int[ids.Count];
            var i = 0;
            foreach (var (text, id) in ids)
            {
                texts[i] = text;
                globalIds[i] = id;
                i++;
            }

            fields.Add(new FieldSearch(field, new AhoCorasick(texts), globalIds));
        }

        return new LiteralPrefilter([.. fields], [.. literalGroups.Select(g => g.ToArray())], [.. groupVariant], required, [.. always]);
    }

    /// <summary>Literals are folded once and cut to a prefix: containing the literal implies containing its prefix.</summary>
    private static string Key(string literal)
    {
        var cut = literal.Length > MaxLiteralLength ? literal[..MaxLiteralLength] : literal;
        return string.Create(cut.Length, cut, static (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                span[i] = AhoCorasick.Fold(s[i]);
            }
        });
    }

    private static SigmaField FieldOf(Node node, int id)
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

        throw new InvalidOperationException("field not found in rule");
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
        scratch.NextEvent(_groupVariant.Length + _literalGroups.Length, variantCount);
        var candidates = scratch.Candidates;
        candidates.Clear();
        var sink = new Sink(this, scratch, _groupVariant.Length);
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

        candidates.AddRange(_alwaysEvaluated);
        if (candidates.Count > _alwaysEvaluated.Length)
        {
            candidates.Sort();
        }

        return candidates;
    }

    private void OnLiteral(int literalId, MatcherScratch scratch, int literalStampBase)
    {
        // Each literal once per event; each group once; a variant when all its groups are in.
        if (!scratch.HitGroup(literalStampBase + literalId))
        {
            return;
        }

        foreach (var group in _literalGroups[literalId])
        {
            if (scratch.HitGroup(group))
            {
                var variant = _groupVariant[group];
                if (scratch.HitVariant(variant) == _required[variant])
                {
                    scratch.Candidates.Add(variant);
                }
            }
        }
    }

    private struct Sink(LiteralPrefilter owner, MatcherScratch scratch, int literalStampBase) : ILiteralSink
    {
        public int[] LiteralIds { get; set; } = [];

        public readonly void OnLiteral(int literal) => owner.OnLiteral(LiteralIds[literal], scratch, literalStampBase);
    }

    private sealed record FieldSearch(SigmaField Field, AhoCorasick Automaton, int[] LiteralIds);
}
