namespace Vigie.CommandPost.Exercises;

/// <summary>The chronogramme in numbers: still to play (planned or shifted), played, cancelled, all.</summary>
public sealed record StimulusCounts(long Pending, long Played, long Cancelled, long Total);
