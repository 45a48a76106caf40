using Vigie.CommandPost.Continuity.Facilities;
using Vigie.CommandPost.Continuity.Geo;
using Vigie.CommandPost.Continuity.Redirections;
using Vigie.CommandPost.Continuity.Sites;

namespace Vigie.CommandPost.Tests.Continuity;

/// <summary>Distances, drive times and the order of suggested destinations (no database).</summary>
public sealed class RankingTests
{
    private static readonly Site s_armentieres = new(1, "Armentières", null, 50.68364, 2.86887, 100, true);

    private static Facility F(long id, string name, double lat, double lon, FacilityStatus status, params Capability[] capabilities) =>
        new(id, null, name, null, null, null, lat, lon, false, "03 20 00 00 00", null, "15", capabilities, status, null, null, null, null, DateTimeOffset.UnixEpoch, "test");

    [Fact]
    public void Distance_IsTheGreatCircle()
    {
        var lille = new GeoPoint(50.6114609, 3.037601);
        var armentieres = new GeoPoint(50.68364, 2.86887);
        Assert.Equal(14.4, Math.Round(armentieres.DistanceKm(lille), 1));
        Assert.Equal(0, armentieres.DistanceKm(armentieres));
        // Paris (Notre-Dame) to Lille (Grand-Place): about 204 km as the crow flies.
        Assert.InRange(new GeoPoint(48.8530, 2.3499).DistanceKm(new GeoPoint(50.6369, 3.0635)), 203, 205);
        // 14.36 km × 1.3 at 50 km/h = 22.4 minutes, rounded up.
        Assert.Equal(23, DriveEstimate.Minutes(armentieres.DistanceKm(lille)));
        Assert.Equal(0, DriveEstimate.Minutes(0));
    }

    [Fact]
    public void Rank_PutsFitFirst_ThenOpenStatus_ThenDistance_AndSetsClosedOnesApart()
    {
        var facilities = new[]
        {
            F(100, "Soi-même", 50.68364, 2.86887, FacilityStatus.Ouvert, Capability.UrgencesAdultes),
            F(1, "Proche fermé", 50.70, 2.87, FacilityStatus.Ferme, Capability.UrgencesAdultes, Capability.Unv),
            F(2, "Proche sans UNV", 50.69, 2.90, FacilityStatus.Ouvert, Capability.UrgencesAdultes),
            F(3, "UNV en tension", 50.65, 2.95, FacilityStatus.Tension, Capability.UrgencesAdultes, Capability.Unv),
            F(4, "UNV loin", 50.44, 2.82, FacilityStatus.Ouvert, Capability.UrgencesAdultes, Capability.Unv),
            F(5, "UNV statut inconnu", 50.60, 3.03, FacilityStatus.Inconnu, Capability.UrgencesAdultes, Capability.Unv),
            F(6, "Psychiatrie seule", 50.684, 2.889, FacilityStatus.Ouvert, Capability.Psychiatrie),
        };
        var ranked = DestinationRanker.Rank(s_armentieres, facilities, PatientNeed.Avc);
        Assert.Equal(["UNV loin", "UNV en tension", "UNV statut inconnu", "Proche sans UNV", "Psychiatrie seule"], ranked.Ranked.Select(s => s.Facility.Name));
        Assert.Equal([CapabilityFit.Complete, CapabilityFit.Complete, CapabilityFit.Complete, CapabilityFit.Partielle, CapabilityFit.Aucune], ranked.Ranked.Select(s => s.Fit));
        Assert.Equal(["Proche fermé"], ranked.Closed.Select(s => s.Facility.Name));
        Assert.Equal(4, ranked.Recommended.Count());
        Assert.True(ranked.Ranked[0].DriveMinutes > ranked.Ranked[1].DriveMinutes, "open comes before nearer but strained");

        var adult = DestinationRanker.Rank(s_armentieres, facilities, PatientNeed.UrgencesAdultes);
        Assert.Equal(["Proche sans UNV", "UNV loin", "UNV en tension", "UNV statut inconnu"], adult.Recommended.Select(s => s.Facility.Name));
    }

    [Theory]
    [InlineData(null, 2015, 2024, PatientNeed.UrgencesPediatriques)]
    [InlineData(null, 2009, 2024, PatientNeed.UrgencesAdultes)]
    [InlineData(PatientNeed.Maternite, 1990, 2024, PatientNeed.Maternite)]
    public void ResolveNeed_ByAgeUnlessChosen(PatientNeed? chosen, int birthYear, int year, PatientNeed expected) =>
        Assert.Equal(expected, DestinationRanker.ResolveNeed(chosen, birthYear, year));

    [Fact]
    public void Fit_ChildrenGoToPaediatricDepartments_AdultDepartmentsArePartial()
    {
        var jeanne = F(1, "Jeanne de Flandre", 50.61, 3.03, FacilityStatus.Ouvert, Capability.UrgencesPediatriques, Capability.MaterniteType3);
        var ch = F(2, "CH", 50.61, 3.03, FacilityStatus.Ouvert, Capability.UrgencesAdultes);
        Assert.Equal(CapabilityFit.Complete, DestinationRanker.Fit(jeanne, PatientNeed.UrgencesPediatriques));
        Assert.Equal(CapabilityFit.Complete, DestinationRanker.Fit(jeanne, PatientNeed.Maternite));
        Assert.Equal(CapabilityFit.Aucune, DestinationRanker.Fit(jeanne, PatientNeed.UrgencesAdultes));
        Assert.Equal(CapabilityFit.Partielle, DestinationRanker.Fit(ch, PatientNeed.UrgencesPediatriques));
    }

    [Theory]
    [InlineData("JD", null)]
    [InlineData("j.-m. d", null)]
    [InlineData("É.L.", null)]
    [InlineData("DUPONT", "initials")]
    [InlineData("Jean", "initials")]
    [InlineData("J2", "initials")]
    [InlineData("", "initials")]
    public void Initials_AreOneToThreeLetters(string typed, string? field) =>
        Assert.Equal(field, PatientDataRules.Initials(typed, out _)?.Field);

    [Theory]
    [InlineData("Douleur thoracique depuis 2 h", false)]
    [InlineData("Chute, plaie du cuir chevelu, 3 points", false)]
    [InlineData("Malaise depuis le 10/02", false)]
    [InlineData("NIR 1 85 05 78 006 084 36", true)]
    [InlineData("secu 185057800608436", true)]
    [InlineData("né le 12/03/1985", true)]
    [InlineData("rappeler au 06 12 34 56 78", true)]
    [InlineData("IPP 123456789", true)]
    [InlineData("fils: jean.dupont@example.org", true)]
    [InlineData("NIR 2 85 2A 78 006 084", true)]
    public void Reason_RefusesAnythingThatLooksLikeAnIdentifier(string reason, bool refused) =>
        Assert.Equal(refused, PatientDataRules.Reason(reason) is not null);
}
