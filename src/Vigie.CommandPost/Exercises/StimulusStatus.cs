namespace Vigie.CommandPost.Exercises;

/// <summary>A stimulus's state on the chronogramme. Wire names: prevu (planned), decale (shifted, still to play), joue (played), annule (cancelled).</summary>
public enum StimulusStatus
{
    Prevu,
    Decale,
    Joue,
    Annule,
}
