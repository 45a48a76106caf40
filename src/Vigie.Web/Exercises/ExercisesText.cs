namespace Vigie.Web.Exercises;

/// <summary>Texts of crisis exercises (ExercisesText.resx: French, the neutral language; ExercisesText.en.resx: English).</summary>
public sealed class ExercisesText;
