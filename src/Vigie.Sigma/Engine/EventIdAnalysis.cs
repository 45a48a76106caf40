using System.Globalization;
using Vigie.Sigma.Detection;

namespace Vigie.Sigma.Engine;

/// <summary>
/// Finds the event ids a compiled condition can only be true for (from <c>EventID: n</c> items it cannot
/// match without), so a rule of a whole channel is indexed under those ids only.
/// </summary>
internal static class EventIdAnalysis
{
    public static HashSet<int>? RequiredEventIds(Node node, SigmaField eventId)
    {
        switch (node)
        {
            case FieldNode field when field.Field.Id == eventId.Id && !field.Negate && !field.MatchNull && !field.All:
                {
                    var ids = new HashSet<int>();
                    var literals = new List<string>();
                    foreach (var matcher in field.Matchers)
                    {
                        literals.Clear();
                        if (matcher is not (StringMatcher { Kind: StringMatchKind.Equals } or EqualsSetMatcher) || !matcher.TryAddLiterals(literals))
                        {
                            return null;
                        }

                        foreach (var literal in literals)
                        {
                            if (!int.TryParse(literal, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                            {
                                return null;
                            }

                            ids.Add(id);
                        }
                    }

                    return ids;
                }

            case AndNode and:
                {
                    HashSet<int>? best = null;
                    foreach (var child in and.Children)
                    {
                        var ids = RequiredEventIds(child, eventId);
                        if (ids is not null)
                        {
                            if (best is null)
                            {
                                best = ids;
                            }
                            else
                            {
                                best.IntersectWith(ids);
                            }
                        }
                    }

                    return best;
                }

            case OrNode or:
                return Union(or.Children, eventId);
            case AtLeastNode least:
                return Union(least.Children, eventId);
            case ConstNode { Value: false }:
                return [];
            default:
                return null;
        }
    }

    private static HashSet<int>? Union(Node[] children, SigmaField eventId)
    {
        var all = new HashSet<int>();
        foreach (var child in children)
        {
            var ids = RequiredEventIds(child, eventId);
            if (ids is null)
            {
                return null;
            }

            all.UnionWith(ids);
        }

        return all;
    }
}
