using Vigie.CommandPost.Actions;
using Vigie.CommandPost.Remediation;

namespace Vigie.Web.Remediation;

/// <summary>Body of POST /api/v1/incidents/{id}/remediation. category: exposition_internet_ad | sauvegardes_continuite | acces_distants | postes_de_travail | sensibilisation.</summary>
public sealed record CreateMeasureRequest(string? Title, string? Category, string? Owner, DateTimeOffset? DueAt, string? Notes);

/// <summary>Body of PATCH /api/v1/incidents/{id}/remediation/{measureId}. status: a_faire | en_cours | fait | abandonne.</summary>
public sealed record PatchMeasureRequest(string? Status, string? Owner, DateTimeOffset? DueAt, string? Category, string? Notes);

public sealed record MeasureResponse(long Id, long IncidentId, string IncidentTitle, string Title, CareDomain Category, string Owner, DateTimeOffset? DueAt, ActionStatus Status,
    bool Overdue, string? Notes, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt, string UpdatedBy, DateTimeOffset? DoneAt)
{
    public static MeasureResponse From(RemediationMeasure m, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(m.Id, m.IncidentId, m.IncidentTitle, m.Title, m.Category, m.Owner, m.DueAt, m.Status, m.IsOverdue(now), m.Notes, m.CreatedAt, m.CreatedBy, m.UpdatedAt, m.UpdatedBy, m.DoneAt);
    }
}
