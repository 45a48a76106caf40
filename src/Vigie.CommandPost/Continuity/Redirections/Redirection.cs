namespace Vigie.CommandPost.Continuity.Redirections;

/// <summary>
/// A patient met by the desk during an incident: minimal identification, triage, and where they were sent (a copy of
/// the destination's name, address and phone as printed on the slip), or the vital-emergency exception.
/// </summary>
public sealed record Redirection(
    long Id,
    long IncidentId,
    int Number,
    long SiteId,
    string SiteName,
    DateTimeOffset ArrivedAt,
    DateTimeOffset RecordedAt,
    string Initials,
    int BirthYear,
    Sex Sex,
    string Reason,
    int Triage,
    bool Ambulatory,
    PatientNeed Need,
    RedirectionOutcome Outcome,
    long? FacilityId,
    string? DestinationName,
    string? DestinationFiness,
    string? DestinationAddress,
    string? DestinationPhone,
    double? DistanceKm,
    int? DriveMinutes,
    Transport? Transport,
    string CreatedBy,
    long JournalSeq)
{
    public bool IsVitalException => Outcome == RedirectionOutcome.UrgenceVitaleSurPlace;

    /// <summary>True when this answer is the redirection already recorded under the same submission key (nothing new was written).</summary>
    public bool Replayed { get; init; }
}
