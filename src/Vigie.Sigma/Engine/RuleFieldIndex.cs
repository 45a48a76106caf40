using Vigie.Sigma.Detection;

namespace Vigie.Sigma.Engine;

/// <summary>
/// Which fields each rule reads: the fields of its compiled detection (every target) and the fields
/// correlation rules read from its matches (group-by and value fields). Built once, on first use, for the
/// hunt's output (the details of a detection) and its correlation stage.
/// </summary>
internal sealed class RuleFieldIndex
{
    private readonly Dictionary<SigmaRule, SigmaField[]> _detection = [];
    private readonly Dictionary<SigmaRule, SigmaField[]> _correlation = [];

    public RuleFieldIndex(IReadOnlyList<RuleVariant> variants, IReadOnlyList<Correlation.CorrelationRule> correlations)
    {
        var gathered = new Dictionary<SigmaRule, List<SigmaField>>();
        foreach (var variant in variants)
        {
            if (!gathered.TryGetValue(variant.Rule, out var list))
            {
                gathered[variant.Rule] = list = [];
            }

            Gather(variant.Root, list);
        }

        foreach (var (rule, list) in gathered)
        {
            _detection[rule] = Distinct(list);
        }

        var correlationFields = new Dictionary<SigmaRule, List<SigmaField>>();
        foreach (var correlation in correlations)
        {
            foreach (var input in correlation.Inputs)
            {
                if (!correlationFields.TryGetValue(input.Rule, out var list))
                {
                    correlationFields[input.Rule] = list = [];
                }

                list.AddRange(input.GroupFields);
                if (input.ValueField is { } value)
                {
                    list.Add(value);
                }
            }
        }

        foreach (var (rule, list) in correlationFields)
        {
            _correlation[rule] = Distinct(list);
        }
    }

    public IReadOnlyList<SigmaField> DetectionFields(SigmaRule rule) => _detection.TryGetValue(rule, out var fields) ? fields : [];

    public IReadOnlyList<SigmaField>? CorrelationFields(SigmaRule rule) => _correlation.TryGetValue(rule, out var fields) ? fields : null;

    private static SigmaField[] Distinct(List<SigmaField> fields)
    {
        var seen = new HashSet<int>();
        var result = new List<SigmaField>();
        foreach (var field in fields)
        {
            if (seen.Add(field.Id))
            {
                result.Add(field);
            }
        }

        return [.. result];
    }

    private static void Gather(Node node, List<SigmaField> fields)
    {
        switch (node)
        {
            case FieldNode field:
                fields.Add(field.Field);
                break;
            case FieldRefNode fieldRef:
                fields.Add(fieldRef.Field);
                fields.Add(fieldRef.Other);
                break;
            case ExistsNode exists:
                fields.Add(exists.Field);
                break;
            case AndNode and:
                foreach (var child in and.Children)
                {
                    Gather(child, fields);
                }

                break;
            case OrNode or:
                foreach (var child in or.Children)
                {
                    Gather(child, fields);
                }

                break;
            case AtLeastNode atLeast:
                foreach (var child in atLeast.Children)
                {
                    Gather(child, fields);
                }

                break;
            case NotNode not:
                Gather(not.Child, fields);
                break;
            default:
                break;
        }
    }
}
