namespace Vigie.CommandPost.Continuity.Redirections;

/// <summary>Wire names: femme, homme, non_precise.</summary>
public enum Sex
{
    Femme,
    Homme,
    NonPrecise,
}
