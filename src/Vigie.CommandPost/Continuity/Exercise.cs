namespace Vigie.CommandPost.Continuity;

/// <summary>
/// Exercise incidents are marked in their title (EXERCICE, as the French crisis plans write it). Everything printed for
/// such an incident (slips, board) carries the mark so that paper from an exercise is never taken for the real thing.
/// </summary>
public static class Exercise
{
    public const string Marker = "EXERCICE";

    public static bool IsExercise(string? incidentTitle) =>
        incidentTitle is not null &&
        (incidentTitle.Contains(Marker, StringComparison.OrdinalIgnoreCase) || incidentTitle.Contains("EXERCISE", StringComparison.OrdinalIgnoreCase));
}
