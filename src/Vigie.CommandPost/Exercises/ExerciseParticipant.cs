namespace Vigie.CommandPost.Exercises;

/// <summary>An account and the recipients (crisis roles ...) it plays in an exercise.</summary>
public sealed record ExerciseParticipant(string UserName, IReadOnlyList<string> Recipients);
