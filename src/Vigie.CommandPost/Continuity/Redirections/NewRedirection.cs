namespace Vigie.CommandPost.Continuity.Redirections;

/// <summary>
/// What the desk records. Enum fields are wire names (sex: femme | homme | non_precise; need: see
/// <see cref="PatientNeed"/>; transport: moyens_propres | ambulance | smur_samu). Arrival defaults to now. Triage 1: no
/// destination and no transport (the patient stays: vital emergency), and "can travel by own means" is not asked.
/// <paramref name="SubmissionKey"/>: an idempotency key chosen by the desk for this submission (8 to 64 letters, digits,
/// '-' or '_'); the same key sent again (a form queued while the server was away, a retried request) records nothing
/// more and answers with the redirection already recorded.
/// </summary>
public sealed record NewRedirection(
    long? SiteId,
    DateTimeOffset? ArrivedAt,
    string? Initials,
    int? BirthYear,
    string? Sex,
    string? Reason,
    int? Triage,
    bool? Ambulatory,
    string? Need,
    long? FacilityId,
    string? Transport,
    string? SubmissionKey = null);
