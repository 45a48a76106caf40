namespace Vigie.CommandPost.Exercises;

/// <summary>
/// The hot debrief goes function by function. Wire names: ensemble (the whole cell), direction, main_courante, soins,
/// systemes_information, communication, logistique.
/// </summary>
public enum DebriefFunction
{
    Ensemble,
    Direction,
    MainCourante,
    Soins,
    SystemesInformation,
    Communication,
    Logistique,
}
