namespace Vigie.Sigma.Yaml;

/// <summary>Bounds that keep a hostile YAML file from exhausting the stack, memory or time.</summary>
internal sealed record YamlLimits(int MaxDepth, int MaxNodes, int MaxDocuments)
{
    public static YamlLimits Default { get; } = new(MaxDepth: 64, MaxNodes: 500_000, MaxDocuments: 1_000);
}
