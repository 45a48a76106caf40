using Vigie.CommandPost.Exercises.Scenarios;

namespace Vigie.CommandPost.Exercises;

/// <summary>A stimulus the animators add during the game; <paramref name="At"/> null: now (played at once).</summary>
public sealed record NewStimulus(StimulusChannel Channel, string? Sender, IReadOnlyList<string>? Recipients, string? Title, string? Content,
    string? Expected = null, string? Notes = null, TimeSpan? At = null);
