using Vigie.CommandPost.Continuity.Facilities;
using Vigie.CommandPost.Continuity.Geo;
using Vigie.CommandPost.Continuity.Sites;

namespace Vigie.CommandPost.Continuity.Redirections;

/// <summary>
/// Ranks the territory's facilities for a patient arriving at a site: capability fit first (complete, then partial,
/// then none), then open status (facilities known to be open before those whose status is unknown or strained), then
/// great-circle distance from the site. Facilities marked closed are set apart; the site's own facility is never proposed.
/// </summary>
public static class DestinationRanker
{
    /// <summary>Patients younger than this (from the birth year) go to a paediatric emergency department by default.</summary>
    public const int PaediatricAgeLimit = 15;

    public static PatientNeed ResolveNeed(PatientNeed? chosen, int birthYear, int currentYear) =>
        chosen ?? (currentYear - birthYear < PaediatricAgeLimit ? PatientNeed.UrgencesPediatriques : PatientNeed.UrgencesAdultes);

    public static DestinationSuggestions Rank(Site site, IEnumerable<Facility> facilities, PatientNeed need)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(facilities);
        var open = new List<Suggestion>();
        var closed = new List<Suggestion>();
        foreach (var facility in facilities)
        {
            if (facility.Id == site.FacilityId)
            {
                continue;
            }

            var distance = site.Position.DistanceKm(facility.Position);
            var suggestion = new Suggestion(facility, Fit(facility, need), distance, DriveEstimate.Minutes(distance));
            (facility.Status == FacilityStatus.Ferme ? closed : open).Add(suggestion);
        }

        open.Sort(Compare);
        closed.Sort(Compare);
        return new DestinationSuggestions(site, need, open, closed);
    }

    public static CapabilityFit Fit(Facility facility, PatientNeed need)
    {
        ArgumentNullException.ThrowIfNull(facility);
        var adultEd = facility.Has(Capability.UrgencesAdultes);
        var complete = need switch
        {
            PatientNeed.UrgencesAdultes => adultEd,
            PatientNeed.UrgencesPediatriques => facility.Has(Capability.UrgencesPediatriques),
            PatientNeed.Maternite => facility.Has(Capability.MaterniteType1) || facility.Has(Capability.MaterniteType2a) ||
                                     facility.Has(Capability.MaterniteType2b) || facility.Has(Capability.MaterniteType3),
            PatientNeed.Avc => facility.Has(Capability.Unv),
            PatientNeed.TraumatismeGrave => facility.Has(Capability.Traumatologie),
            PatientNeed.Psychiatrie => facility.Has(Capability.Psychiatrie),
            PatientNeed.Brulure => facility.Has(Capability.Brules),
            PatientNeed.Cardiologie => facility.Has(Capability.Cardiologie),
            _ => false,
        };
        return complete ? CapabilityFit.Complete : adultEd ? CapabilityFit.Partielle : CapabilityFit.Aucune;
    }

    private static int Compare(Suggestion a, Suggestion b)
    {
        var byFit = a.Fit.CompareTo(b.Fit);
        if (byFit != 0)
        {
            return byFit;
        }

        var byStatus = StatusRank(a.Facility.Status).CompareTo(StatusRank(b.Facility.Status));
        return byStatus != 0 ? byStatus : a.DistanceKm.CompareTo(b.DistanceKm);
    }

    // Known to be open first; unknown and strained next, by distance (a strained hospital nearby may still be the better choice).
    private static int StatusRank(FacilityStatus status) => status == FacilityStatus.Ouvert ? 0 : 1;
}
