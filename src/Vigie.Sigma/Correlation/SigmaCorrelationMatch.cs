namespace Vigie.Sigma;

/// <summary>A correlation rule that fired: its group, the time range of the events it counted, and the measured value.</summary>
public sealed record SigmaCorrelationMatch(
    SigmaRule Rule,
    IReadOnlyDictionary<string, string> Group,
    DateTimeOffset First,
    DateTimeOffset Last,
    double Value,
    int Events);
