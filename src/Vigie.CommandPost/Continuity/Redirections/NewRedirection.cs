namespace Vigie.CommandPost.Continuity.Redirections;

/// <summary>
/// What the desk records. Enum fields are wire names (sex: femme | homme | non_precise; need: see
/// <see cref="PatientNeed"/>; transport: moyens_propres | ambulance | smur_samu). Arrival defaults to now. Triage 1: no
/// destination and no transport (the patient stays: vital emergency).
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
    string? Transport);
