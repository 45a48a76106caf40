namespace Vigie.CommandPost.Exercises.Scenarios;

/// <summary>Someone a stimulus can be addressed to: a key, a label, and the other names chronogrammes give it.</summary>
public sealed record ScenarioRecipient(string Key, string Label, IReadOnlyList<string> Aliases);
