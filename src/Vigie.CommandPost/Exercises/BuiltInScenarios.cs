using Vigie.CommandPost.Exercises.Scenarios;

namespace Vigie.CommandPost.Exercises;

/// <summary>
/// The scenarios shipped with Vigie (original texts written for it, fictional hospitals), the small log files their
/// technical stimuli carry, and the Sigma rules the exercise hunt runs on them: embedded resources under
/// <c>exercises/</c> (source: <c>Exercises/BuiltIn/</c>).
/// </summary>
public static class BuiltInScenarios
{
    private const string Prefix = "exercises/";
    private const string ArtifactPrefix = "exercises/artifacts/";
    private const string RulePrefix = "exercises/rules/";

    private static readonly Lazy<IReadOnlyList<BuiltInScenario>> s_all = new(Load);

    /// <summary>Every built-in scenario, by level then title.</summary>
    public static IReadOnlyList<BuiltInScenario> All => s_all.Value;

    public static BuiltInScenario? Find(string? key) => All.FirstOrDefault(s => string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>The YAML of a built-in scenario.</summary>
    public static byte[] Content(BuiltInScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return Resource(Prefix + scenario.Key + ".yaml") ?? throw new InvalidOperationException($"The built-in scenario '{scenario.Key}' is missing from the assembly.");
    }

    /// <summary>A file a built-in scenario's artefact names (<c>artifact: file: ...</c>), or null.</summary>
    public static byte[]? File(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) ? null : Resource(ArtifactPrefix + name);
    }

    /// <summary>The exercise hunt's shipped Sigma rules: (resource name, YAML).</summary>
    public static IEnumerable<(string Name, string Yaml)> Rules()
    {
        var assembly = typeof(BuiltInScenarios).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(RulePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            yield return (name, System.Text.Encoding.UTF8.GetString(Resource(name)!));
        }
    }

    private static byte[]? Resource(string name)
    {
        using var stream = typeof(BuiltInScenarios).Assembly.GetManifestResourceStream(name);
        if (stream is null)
        {
            return null;
        }

        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    private static List<BuiltInScenario> Load()
    {
        var list = new List<BuiltInScenario>();
        foreach (var name in typeof(BuiltInScenarios).Assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal) && n.Count(c => c == '/') == 1))
        {
            var key = name[Prefix.Length..^".yaml".Length];
            var read = ScenarioYamlReader.Read(System.Text.Encoding.UTF8.GetString(Resource(name)!), shippedFiles: File);
            if (read.Scenario is { } scenario)
            {
                list.Add(new BuiltInScenario(key, scenario.Title, scenario.Level, scenario.Duration, scenario.Stimuli.Count, scenario.Summary));
            }
        }

        return list.OrderBy(s => s.Level).ThenBy(s => s.Title, StringComparer.Ordinal).ToList();
    }
}
