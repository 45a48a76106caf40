namespace Vigie.CommandPost.Situation;

/// <summary>What the director adds to a situation point: an assessment (optional, up to <see cref="SituationService.AssessmentMaxLength"/> characters) and the time of the next point.</summary>
public sealed record SituationInput(string? Assessment = null, DateTimeOffset? NextPointAt = null);
