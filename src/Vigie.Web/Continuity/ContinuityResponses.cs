using Vigie.CommandPost.Continuity.Board;
using Vigie.CommandPost.Continuity.Diversions;
using Vigie.CommandPost.Continuity.Facilities;
using Vigie.CommandPost.Continuity.Facilities.Import;
using Vigie.CommandPost.Continuity.Redirections;
using Vigie.CommandPost.Continuity.Sites;

namespace Vigie.Web.Continuity;

public sealed record SiteResponse(long Id, string Name, string? Address, double Latitude, double Longitude, long? FacilityId, bool Active, IReadOnlyList<HospitalService> Services);

public sealed record BoardResponse(long IncidentId, DateTimeOffset At, int NotNormal, int Overdue, IReadOnlyList<BoardSiteResponse> Sites, IReadOnlyList<DiversionResponse> ActiveDiversions)
{
    public static BoardResponse From(ServiceBoard board)
    {
        ArgumentNullException.ThrowIfNull(board);
        return new(board.IncidentId, board.At, board.NotNormal, board.Overdue,
            board.Sites.Select(s => new BoardSiteResponse(s.Site.Id, s.Site.Name, s.Services.Select(x => ServiceStateResponse.From(x, board.At)).ToList())).ToList(),
            board.ActiveDiversions.Select(d => DiversionResponse.From(d, board.At)).ToList());
    }
}

public sealed record BoardSiteResponse(long SiteId, string Name, IReadOnlyList<ServiceStateResponse> Services);

public sealed record ServiceStateResponse(long ServiceId, string Name, ServiceCategory Category, string? Code, bool Emergency, ServiceStatus Status, string? Reason,
    DateTimeOffset? Since, DateTimeOffset? NextReviewAt, DateTimeOffset? PlannedReopenAt, bool Overdue, long? DiversionId, string? UpdatedBy, long? JournalSeq)
{
    public static ServiceStateResponse From(ServiceState s, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Service.Id, s.Service.Name, s.Service.Category, s.Service.Code, s.Service.Emergency, s.Status, s.Reason, s.Since, s.NextReviewAt, s.PlannedReopenAt,
            s.IsOverdue(now), s.DiversionId, s.UpdatedBy, s.JournalSeq);
    }
}

public sealed record DiversionResponse(long Id, long IncidentId, long ServiceId, string ServiceName, long SiteId, string SiteName, DiversionCategory Category, string? CustomCategory,
    DateTimeOffset StartedAt, DateTimeOffset? PlannedEndAt, int ReviewIntervalMinutes, DateTimeOffset NextReviewAt, bool ReviewOverdue, int Reviews, bool Active,
    DateTimeOffset? EndedAt, string? EndedBy, string? EndReason, string CreatedBy, long JournalSeq)
{
    public static DiversionResponse From(Diversion d, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.Id, d.IncidentId, d.ServiceId, d.ServiceName, d.SiteId, d.SiteName, d.Category, d.CustomCategory, d.StartedAt, d.PlannedEndAt, d.ReviewIntervalMinutes,
            d.NextReviewAt, d.IsReviewOverdue(now), d.Reviews, d.IsActive, d.EndedAt, d.EndedBy, d.EndReason, d.CreatedBy, d.JournalSeq);
    }
}

public sealed record ImportResponse(bool Imported, bool DryRun, string Encoding, string Separator, int Lines, int Created, int Updated, int Unchanged, int Refused,
    IReadOnlyList<CsvLineError> Errors, IReadOnlyList<string> IgnoredColumns)
{
    public static ImportResponse From(FacilityImportReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Imported, r.DryRun, r.Encoding, r.Separator.ToString(), r.Lines, r.Created, r.Updated, r.Unchanged, r.Refused, r.Errors, r.IgnoredColumns);
    }
}

public sealed record SuggestionResponse(long FacilityId, string Name, string? Finess, FacilityStatus Status, CapabilityFit Fit, double DistanceKm, int DriveMinutes,
    string Address, string? Phone, IReadOnlyList<Capability> Capabilities)
{
    public static SuggestionResponse From(Suggestion s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Facility.Id, s.Facility.Name, s.Facility.Finess, s.Facility.Status, s.Fit, Math.Round(s.DistanceKm, 1), s.DriveMinutes, s.Facility.FullAddress,
            s.Facility.BestPhone, s.Facility.Capabilities);
    }
}

/// <summary>Suggestions for one patient: ranked (best first) and closed (refused).</summary>
public sealed record SuggestionsResponse(long SiteId, PatientNeed Need, string DriveTimeAssumption, IReadOnlyList<SuggestionResponse> Ranked, IReadOnlyList<SuggestionResponse> Closed);
