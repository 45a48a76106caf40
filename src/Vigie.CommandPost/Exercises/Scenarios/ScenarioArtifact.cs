namespace Vigie.CommandPost.Exercises.Scenarios;

/// <summary>A small log file carried by a technical stimulus; the hunt runs on it when the stimulus is played.</summary>
public sealed record ScenarioArtifact(string Name, ArtifactFormat Format, byte[] Content)
{
    /// <summary>At most 5 MB: exercise artefacts are made for the exercise, a few hundred events.</summary>
    public const int MaxBytes = 5 * 1024 * 1024;
}
