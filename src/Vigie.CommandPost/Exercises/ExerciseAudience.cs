namespace Vigie.CommandPost.Exercises;

/// <summary>
/// What a person may see of an exercise. Animators: everything, hidden notes and expectations included. Observers: every
/// stimulus once played and the expectations they rate, never the animators' notes. Players (every other role): only the
/// stimuli played to them or to everyone, never a note, an expectation, or a stimulus addressed to someone else.
/// </summary>
public enum ExerciseAudience
{
    Player,
    Observer,
    Animator,
}
