namespace Vigie.CommandPost.Exercises;

/// <summary>The live topic of an exercise: its clock and stimuli (pages re-render for each viewer, so a notice carries no content).</summary>
public static class ExerciseTopics
{
    public const string Exercise = "exercise";

    public const string Evaluation = "exercise_evaluation";
}
