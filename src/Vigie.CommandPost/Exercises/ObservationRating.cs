namespace Vigie.CommandPost.Exercises;

/// <summary>The kits' rating of an observed behaviour. Wire names: acquis, partiellement_acquis, non_acquis.</summary>
public enum ObservationRating
{
    Acquis,
    PartiellementAcquis,
    NonAcquis,
}
