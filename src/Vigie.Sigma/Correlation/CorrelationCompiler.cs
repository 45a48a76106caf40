using Vigie.Sigma.Engine;
using Vigie.Sigma.Rules;

namespace Vigie.Sigma.Correlation;

/// <summary>Resolves the rules that correlation rules name (id or name), their aliases and fields.</summary>
internal static class CorrelationCompiler
{
    public static List<CorrelationRule> Compile(
        List<CorrelationDefinition> definitions,
        List<SigmaRule> detections,
        FieldTable fields,
        List<SigmaRejection> rejections)
    {
        var result = new List<CorrelationRule>();
        var byReference = new Dictionary<string, SigmaRule>(StringComparer.Ordinal);
        foreach (var rule in detections)
        {
            Register(byReference, rule);
        }

        // Correlations may chain: resolve in rounds until nothing more resolves.
        var pending = new List<CorrelationDefinition>(definitions);
        foreach (var d in pending)
        {
            Register(byReference, d.Rule);
        }

        var compiled = new Dictionary<SigmaRule, CorrelationRule>();
        bool progress;
        do
        {
            progress = false;
            foreach (var definition in pending.ToList())
            {
                var inputs = new List<CorrelationInput>();
                string? missing = null;
                foreach (var reference in definition.Rules)
                {
                    if (!byReference.TryGetValue(reference, out var target))
                    {
                        missing = $"the correlation refers to '{reference}', which is not a loaded rule";
                        break;
                    }

                    if (target.Kind == SigmaRuleKind.Correlation && !compiled.ContainsKey(target))
                    {
                        missing = "";
                        break;
                    }

                    var group = definition.GroupBy.Select(g => fields.GetOrAdd(Alias(definition, g, target))).ToList();
                    SigmaField? value = definition.ConditionFields.Count > 0 ? fields.GetOrAdd(Alias(definition, definition.ConditionFields[0], target)) : null;
                    inputs.Add(new CorrelationInput(target, group, value));
                }

                if (missing == "")
                {
                    continue;
                }

                pending.Remove(definition);
                progress = true;
                if (missing is not null)
                {
                    rejections.Add(new SigmaRejection(definition.Rule.Source, definition.Rule.Id, definition.Rule.Title, missing));
                    continue;
                }

                var correlation = new CorrelationRule(definition.Rule, definition.Type, inputs, definition.GroupBy,
                    definition.Timespan, definition.Condition, definition.Generate);
                compiled[definition.Rule] = correlation;
                result.Add(correlation);
                if (!definition.Generate)
                {
                    foreach (var input in inputs)
                    {
                        input.Rule.Standalone = false;
                    }
                }
            }
        }
        while (progress && pending.Count > 0);

        foreach (var definition in pending)
        {
            rejections.Add(new SigmaRejection(definition.Rule.Source, definition.Rule.Id, definition.Rule.Title,
                "the correlation refers to correlations that cannot be resolved (a cycle?)"));
        }

        return result;
    }

    private static void Register(Dictionary<string, SigmaRule> byReference, SigmaRule rule)
    {
        if (rule.Id is { } id)
        {
            byReference.TryAdd(id, rule);
        }

        if (rule.Name is { } name)
        {
            byReference.TryAdd(name, rule);
        }
    }

    private static string Alias(CorrelationDefinition definition, string field, SigmaRule target) =>
        definition.Aliases.TryGetValue(field, out var perRule) &&
        ((target.Name is { } name && perRule.TryGetValue(name, out var mapped)) || (target.Id is { } id && perRule.TryGetValue(id, out mapped)))
            ? mapped
            : field;
}
