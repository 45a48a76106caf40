namespace Vigie.CommandPost.Continuity.Diversions;

/// <summary>
/// An emergency diversion (délestage) of one unit in an incident: who is diverted, since when, until when (planned),
/// how often it is re-evaluated and when next. Active until ended; ending it is journaled.
/// </summary>
public sealed record Diversion(
    long Id,
    long IncidentId,
    long ServiceId,
    string ServiceName,
    long SiteId,
    string SiteName,
    DiversionCategory Category,
    string? CustomCategory,
    DateTimeOffset StartedAt,
    DateTimeOffset? PlannedEndAt,
    int ReviewIntervalMinutes,
    DateTimeOffset NextReviewAt,
    int Reviews,
    DateTimeOffset? EndedAt,
    string? EndedBy,
    string? EndReason,
    string CreatedBy,
    long JournalSeq)
{
    public const int DefaultReviewIntervalMinutes = 12 * 60;
    public const int MinReviewIntervalMinutes = 15;
    public const int MaxReviewIntervalMinutes = 7 * 24 * 60;

    public bool IsActive => EndedAt is null;

    public bool IsReviewOverdue(DateTimeOffset now) => IsActive && NextReviewAt <= now;

    /// <summary>The category as people read it in the journal (French).</summary>
    public string CategoryText => Describe(Category, CustomCategory);

    public static string Describe(DiversionCategory category, string? custom) => category switch
    {
        DiversionCategory.Totale => "totale",
        DiversionCategory.AdultesSeulement => "adultes seulement",
        DiversionCategory.SaufMaternite => "sauf maternité",
        DiversionCategory.SaufUrgencesVitales => "sauf urgences vitales",
        _ => custom ?? "autre",
    };
}
