namespace Vigie.CommandPost.Continuity.Redirections;

/// <summary>A <see cref="NewRedirection"/> that passed the checks that need no database.</summary>
public sealed record ValidRedirection(
    long SiteId,
    DateTimeOffset ArrivedAt,
    string Initials,
    int BirthYear,
    Sex Sex,
    string Reason,
    int Triage,
    bool Ambulatory,
    PatientNeed Need,
    RedirectionOutcome Outcome,
    long? FacilityId,
    Transport? Transport,
    string? SubmissionKey = null);
