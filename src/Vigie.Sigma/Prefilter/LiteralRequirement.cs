using Vigie.Sigma.Detection;

namespace Vigie.Sigma.Prefilter;

/// <summary>
/// What a condition needs to be true, as literals: a list of groups, all of which must be satisfied,
/// each satisfied when one of its (field, literal) pairs occurs in a value of that field. Built only
/// where it provably holds: <c>not</c>, keywords, regexes, null and comparisons give no requirement.
/// </summary>
internal static class LiteralRequirement
{
    public static List<List<(int Field, string Literal)>>? Of(Node node, int channelField, int eventIdField)
    {
        switch (node)
        {
            case FieldNode field when !field.Negate && !field.MatchNull && field.Field.Id != channelField && field.Field.Id != eventIdField:
                {
                    var literals = new List<string>();
                    if (!field.All)
                    {
                        foreach (var matcher in field.Matchers)
                        {
                            if (!matcher.TryAddLiterals(literals))
                            {
                                return null;
                            }
                        }

                        return literals.Count == 0 ? null : [[.. literals.Select(l => (field.Field.Id, l))]];
                    }

                    var groups = new List<List<(int, string)>>();
                    foreach (var matcher in field.Matchers)
                    {
                        literals.Clear();
                        if (matcher.TryAddLiterals(literals) && literals.Count > 0)
                        {
                            groups.Add([.. literals.Select(l => (field.Field.Id, l))]);
                        }
                    }

                    return groups.Count == 0 ? null : groups;
                }

            case AndNode and:
                {
                    List<List<(int, string)>>? all = null;
                    foreach (var child in and.Children)
                    {
                        if (Of(child, channelField, eventIdField) is { } groups)
                        {
                            (all ??= []).AddRange(groups);
                        }
                    }

                    return all;
                }

            case OrNode or:
                return Union(or.Children, channelField, eventIdField);
            case AtLeastNode least:
                return Union(least.Children, channelField, eventIdField);
            default:
                return null;
        }
    }

    private static List<List<(int, string)>>? Union(Node[] children, int channelField, int eventIdField)
    {
        var union = new List<(int, string)>();
        foreach (var child in children)
        {
            if (Of(child, channelField, eventIdField) is not { } groups)
            {
                return null;
            }

            union.AddRange(groups.MinBy(Cost)!);
        }

        return [union];
    }

    /// <summary>A rough chance that a group is satisfied by an event: short literals are common.</summary>
    public static double Cost(List<(int Field, string Literal)> group)
    {
        var cost = 0.0;
        foreach (var (_, literal) in group)
        {
            cost += Cost(literal);
        }

        return cost;
    }

    /// <summary>A rough chance that one literal occurs in an event.</summary>
    public static double Cost(string literal) => literal.Length switch
    {
        1 => 1.0,
        2 => 0.5,
        3 => 0.25,
        4 => 0.1,
        5 => 0.05,
        _ => 0.02 / (literal.Length - 5),
    };
}
