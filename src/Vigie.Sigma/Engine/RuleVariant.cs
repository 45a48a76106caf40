using Vigie.Sigma.Detection;

namespace Vigie.Sigma.Engine;

/// <summary>A detection rule compiled for one target of its log source.</summary>
internal sealed class RuleVariant(SigmaRule rule, LogsourceTarget? target, Node root, IReadOnlyList<int>? eventIds)
{
    public SigmaRule Rule { get; } = rule;

    /// <summary>Null for rules that apply to every Windows event (only <c>product: windows</c>).</summary>
    public LogsourceTarget? Target { get; } = target;

    public Node Root { get; } = root;

    /// <summary>The event ids the variant can match (from the mapping or the rule's own EventID), or null for any.</summary>
    public IReadOnlyList<int>? EventIds { get; } = eventIds;

    public string TargetName => Target?.Name ?? "any";
}
