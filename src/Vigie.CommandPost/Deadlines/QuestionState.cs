namespace Vigie.CommandPost.Deadlines;

/// <summary>An applicability question and the incident's answer (null: not answered yet).</summary>
public sealed record QuestionState(ApplicabilityQuestion Question, ApplicabilityAnswer? Answer, string? AnsweredBy, DateTimeOffset? AnsweredAt);
