namespace Vigie.CommandPost.Exercises.Scenarios;

/// <summary>The file a technical stimulus carries for the hunt. Wire names: jsonl, evtx.</summary>
public enum ArtifactFormat
{
    Jsonl,
    Evtx,
}
