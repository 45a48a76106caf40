namespace Vigie.CommandPost.Exercises;

/// <summary>Where an exercise stands. Wire names: pret (imported, before DEBEX), en_cours, en_pause, termine (after FINEX).</summary>
public enum ExerciseStatus
{
    Pret,
    EnCours,
    EnPause,
    Termine,
}
