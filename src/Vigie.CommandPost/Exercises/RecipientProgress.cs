namespace Vigie.CommandPost.Exercises;

/// <summary>What a recipient has received and reacted to: stimuli planned for it, played, answered, and its last reaction.</summary>
public sealed record RecipientProgress(string Recipient, int Planned, int Played, int Answered, StimulusReaction? LastReaction);
