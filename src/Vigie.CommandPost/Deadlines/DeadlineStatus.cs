namespace Vigie.CommandPost.Deadlines;

/// <summary>
/// Where a deadline stands. Wire names: non_applicable, en_attente (start event not yet happened), a_venir (green),
/// proche (amber: the first reminder is reached), depassee (red), sans_delai (owed now: red), envoyee (sent on time),
/// envoyee_en_retard, envoyee_apres (a "without delay" notification, sent: it has no due time to be judged against, so
/// it is never "on time"; people read how long after its start event it was sent).
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
    EnvoyeeApres,
}
