namespace Vigie.CommandPost.Exercises;

/// <summary>
/// What the cell did in answer to a stimulus: a journal entry (<paramref name="Kind"/> <c>journal</c>, <paramref name="RefId"/>
/// its seq) or an action (<c>action</c>, its id), when it was done, and the exercise time it took since the stimulus was played.
/// </summary>
public sealed record StimulusReaction(long StimulusId, string Kind, long RefId, string Author, DateTimeOffset At, string Text, TimeSpan? ReactionTime);
