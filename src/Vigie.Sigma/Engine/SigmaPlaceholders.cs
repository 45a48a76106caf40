using Vigie.Sigma.Rules;
using Vigie.Sigma.Yaml;

namespace Vigie.Sigma;

/// <summary>Reads a placeholder file for the <c>expand</c> modifier: YAML, placeholder name to a list of values.</summary>
public static class SigmaPlaceholders
{
    /// <summary>The placeholders of <paramref name="yaml"/>, or null and a message.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>>? Parse(string yaml, out string error)
    {
        error = "";
        var read = YamlReader.ReadDocuments(yaml, YamlLimits.Default);
        if (read.Error is not null || read.Documents.Count != 1 || read.Documents[0] is not YMap map)
        {
            error = read.Error ?? "a placeholder file is one YAML mapping: name: [values]";
            return null;
        }

        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (name, node) in map.Entries)
        {
            result[name.Trim('%')] = RuleParser.Strings(node);
        }

        return result;
    }
}
