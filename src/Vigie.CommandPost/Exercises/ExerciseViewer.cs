using Vigie.CommandPost.Accounts;

namespace Vigie.CommandPost.Exercises;

/// <summary>Who is looking at an exercise: the account's name, display name and role, from which the audience follows.</summary>
public sealed record ExerciseViewer(string Name, string DisplayName, UserRole Role)
{
    public ExerciseAudience Audience => Role switch
    {
        UserRole.Animateur => ExerciseAudience.Animator,
        UserRole.Observateur => ExerciseAudience.Observer,
        _ => ExerciseAudience.Player,
    };
}
