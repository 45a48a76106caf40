namespace Vigie.CommandPost.Deadlines;

/// <summary>
/// Where a deadline stands. Wire names: non_applicable, en_attente (start event not yet happened), a_venir (green),
/// proche (amber: the first reminder is reached), depassee (red), sans_delai (owed now: red), envoyee (sent on time or
/// without delay), envoyee_en_retard.
/// </summary>
public enum DeadlineStatus
{
    NonApplicable,
    EnAttente,
    AVenir,
    Proche,
    Depassee,
    SansDelai,
    Envoyee,
    EnvoyeeEnRetard,
}
