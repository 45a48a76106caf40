namespace Vigie.CommandPost.Exercises.Scenarios;

/// <summary>The kits' three levels. Wire names: debutant, intermediaire, confirme.</summary>
public enum ScenarioLevel
{
    Debutant,
    Intermediaire,
    Confirme,
}
