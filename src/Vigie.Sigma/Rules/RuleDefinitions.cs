using Vigie.Sigma.Correlation;
using Vigie.Sigma.Detection;
using Vigie.Sigma.Yaml;

namespace Vigie.Sigma.Rules;

/// <summary>A detection rule as read: its metadata and its detection section, not yet compiled.</summary>
internal sealed record DetectionDefinition(SigmaRule Rule, YMap Detection);

/// <summary>A Sigma filter (the filters specification): extra conditions for the rules it names.</summary>
internal sealed record FilterDefinition(
    string Source,
    string? Id,
    string Title,
    SigmaLogsource Logsource,
    IReadOnlyList<string>? Rules,
    YMap Detection,
    string Condition);

/// <summary>A correlation rule as read.</summary>
internal sealed record CorrelationDefinition(
    SigmaRule Rule,
    CorrelationType Type,
    IReadOnlyList<string> Rules,
    IReadOnlyList<string> GroupBy,
    TimeSpan Timespan,
    IReadOnlyList<(ComparisonOperator Op, double Value)> Condition,
    IReadOnlyList<string> ConditionFields,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Aliases,
    bool Generate);
