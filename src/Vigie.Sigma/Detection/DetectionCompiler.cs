using Vigie.Sigma.Conditions;
using Vigie.Sigma.Yaml;

namespace Vigie.Sigma.Detection;

/// <summary>
/// Compiles a rule's detection section into a <see cref="Node"/> tree for one target: search identifiers,
/// condition, then items on fields the target lacks replaced by constants chosen by polarity, then
/// constants folded. Errors are returned as messages.
/// </summary>
internal sealed partial class DetectionCompiler
{
    private readonly CompileContext _context;
    private readonly Dictionary<string, YNode> _identifiers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Node> _compiled = new(StringComparer.Ordinal);

    private DetectionCompiler(CompileContext context) => _context = context;

    public static Node? Compile(YMap detection, CompileContext context, out string error)
    {
        var compiler = new DetectionCompiler(context);
        try
        {
            var node = compiler.CompileDetection(detection);
            error = "";
            return Simplify(ResolveUnknowns(node, positive: true));
        }
        catch (RuleException ex)
        {
            error = ex.Message;
            return null;
        }
    }

    private Node CompileDetection(YMap detection)
    {
        foreach (var (key, value) in detection.Entries)
        {
            if (key is "condition" or "timeframe")
            {
                continue;
            }

            _identifiers[key] = value;
        }

        var conditionNode = detection["condition"];
        var conditions = conditionNode switch
        {
            YScalar s when !s.IsNull => [s.Value],
            YSeq seq when seq.Items.All(i => i is YScalar) && seq.Items.Count > 0 => seq.Items.Select(i => ((YScalar)i).Value).ToList(),
            _ => throw new RuleException("the condition must be a string or a list of strings"),
        };

        var roots = new List<Node>();
        foreach (var text in conditions)
        {
            var expr = ConditionParser.TryParse(text, out var error) ?? throw new RuleException(error);
            roots.Add(FromExpr(expr));
        }

        return roots.Count == 1 ? roots[0] : new OrNode([.. roots]);
    }

    private Node FromExpr(ConditionExpr expr) => expr switch
    {
        AndExpr and => new AndNode([.. and.Items.Select(FromExpr)]),
        OrExpr or => new OrNode([.. or.Items.Select(FromExpr)]),
        NotExpr not => new NotNode(FromExpr(not.Item)),
        IdentifierExpr id => Identifier(id.Name),
        OfExpr of => Of(of),
        _ => throw new RuleException("unsupported condition"),
    };

    private Node Of(OfExpr of)
    {
        var names = _identifiers.Keys.Where(name => of.Pattern is null
            ? !name.StartsWith('_')
            : Matches(of.Pattern, name) && (!name.StartsWith('_') || of.Pattern.StartsWith('_'))).ToList();
        var text = $"{(of.Count == 0 ? "all" : of.Count)} of {of.Pattern ?? "them"}";
        if (names.Count == 0)
        {
            throw new RuleException($"'{text}' matches no search identifier");
        }

        var nodes = names.Select(Identifier).ToArray();
        if (of.Count == 0)
        {
            return new AndNode(nodes);
        }

        if (of.Count == 1)
        {
            return new OrNode(nodes);
        }

        if (of.Count > nodes.Length)
        {
            return ConstNode.False;
        }

        return new AtLeastNode(nodes, of.Count);
    }

    private static bool Matches(string pattern, string name)
    {
        if (!pattern.Contains('*', StringComparison.Ordinal))
        {
            return pattern == name;
        }

        var glob = new GlobMatcher(pattern.Replace('*', SigmaText.Many), cased: true);
        return glob.IsMatch(name, null!);
    }

    private Node Identifier(string name)
    {
        if (_compiled.TryGetValue(name, out var node))
        {
            return node;
        }

        if (!_identifiers.TryGetValue(name, out var definition))
        {
            throw new RuleException($"the condition refers to '{name}', which the detection does not define");
        }

        node = Selection(name, definition);
        _compiled[name] = node;
        return node;
    }

    private Node Selection(string name, YNode definition)
    {
        switch (definition)
        {
            case YMap map:
                if (map.Entries.Count == 0)
                {
                    throw new RuleException($"search identifier '{name}' is empty");
                }

                return And(map.Entries.Select(e => Item(name, e.Key, e.Value)));
            case YSeq seq:
                if (seq.Items.Count == 0)
                {
                    throw new RuleException($"search identifier '{name}' is empty");
                }

                if (seq.Items.All(i => i is YScalar))
                {
                    return Item(name, "", seq);
                }

                return Or(seq.Items.Select(item => item switch
                {
                    YMap m => Selection(name, m),
                    YScalar s => Item(name, "", s),
                    _ => throw new RuleException($"search identifier '{name}' holds a nested list"),
                }));
            case YScalar scalar:
                return Item(name, "", scalar);
            default:
                throw new RuleException($"search identifier '{name}' is not a map or a list");
        }
    }

    private static Node And(IEnumerable<Node> nodes)
    {
        var array = nodes.ToArray();
        return array.Length == 1 ? array[0] : new AndNode(array);
    }

    private static Node Or(IEnumerable<Node> nodes)
    {
        var array = nodes.ToArray();
        return array.Length == 1 ? array[0] : new OrNode(array);
    }

    /// <summary>Replaces unknown items: false where a true would help the rule match, true where false would.</summary>
    private static Node ResolveUnknowns(Node node, bool positive) => node switch
    {
        UnknownNode => positive ? ConstNode.False : ConstNode.True,
        AndNode and => new AndNode([.. and.Children.Select(c => ResolveUnknowns(c, positive))]),
        OrNode or => new OrNode([.. or.Children.Select(c => ResolveUnknowns(c, positive))]),
        AtLeastNode least => new AtLeastNode([.. least.Children.Select(c => ResolveUnknowns(c, positive))], least.Count),
        NotNode not => new NotNode(ResolveUnknowns(not.Child, !positive)),
        _ => node,
    };

    /// <summary>
    /// The simplified children of an and (<paramref name="absorbing"/> false) or an or (true): a constant equal to
    /// <paramref name="absorbing"/> decides the whole node, the other constant drops out, a nested node of the same kind
    /// (<paramref name="sameKind"/> gives its children) is flattened into this one.
    /// </summary>
    private static Node Flatten(Node[] children, bool absorbing, Func<Node, Node[]?> sameKind, Func<Node[], Node> make)
    {
        var kept = new List<Node>();
        foreach (var child in children.Select(Simplify))
        {
            if (child is ConstNode c)
            {
                if (c.Value == absorbing)
                {
                    return ConstNode.Of(absorbing);
                }

                continue;
            }

            if (sameKind(child) is { } inner)
            {
                kept.AddRange(inner);
            }
            else
            {
                kept.Add(child);
            }
        }

        return kept.Count switch
        {
            0 => ConstNode.Of(!absorbing),
            1 => kept[0],
            _ => make([.. kept]),
        };
    }

    /// <summary>Folds constants and flattens nested and/or.</summary>
    internal static Node Simplify(Node node)
    {
        switch (node)
        {
            case AndNode and:
                return Flatten(and.Children, absorbing: false, n => (n as AndNode)?.Children, c => new AndNode(c));

            case OrNode or:
                return Flatten(or.Children, absorbing: true, n => (n as OrNode)?.Children, c => new OrNode(c));

            case NotNode not:
                {
                    var child = Simplify(not.Child);
                    return child switch
                    {
                        ConstNode c => c.Value ? ConstNode.False : ConstNode.True,
                        NotNode inner => inner.Child,
                        _ => new NotNode(child),
                    };
                }

            case AtLeastNode least:
                {
                    var children = least.Children.Select(Simplify).ToList();
                    var count = least.Count - children.Count(c => c is ConstNode { Value: true });
                    children.RemoveAll(c => c is ConstNode);
                    if (count <= 0)
                    {
                        return ConstNode.True;
                    }

                    if (count > children.Count)
                    {
                        return ConstNode.False;
                    }

                    return count == 1 ? Simplify(new OrNode([.. children])) : new AtLeastNode([.. children], count);
                }

            default:
                return node;
        }
    }
}
