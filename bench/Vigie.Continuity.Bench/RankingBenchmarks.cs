using BenchmarkDotNet.Attributes;
using Vigie.CommandPost.Continuity.Facilities;
using Vigie.CommandPost.Continuity.Facilities.Import;
using Vigie.CommandPost.Continuity.Redirections;
using Vigie.CommandPost.Continuity.Sites;

namespace Vigie.Continuity.Bench;

/// <summary>Ranking the directory for one patient at the desk (haversine distance, fit, status) over the 278 facilities of the extract.</summary>
[MemoryDiagnoser]
public class RankingBenchmarks
{
    private readonly Site _site = new(1, "Armentières", null, 50.68364, 2.86887, null, true);
    private Facility[] _facilities = [];

    [GlobalSetup]
    public void Setup()
    {
        var capabilities = new[] { Capability.UrgencesAdultes, Capability.Unv };
        _facilities = FacilityCsvReader.Read(ContinuityData.SharedExtract()).Rows
            .Select((r, i) => new Facility(i + 1, r.Data.Finess, r.Data.Name, r.Data.Address, r.Data.Postcode, r.Data.City, r.Data.Latitude, r.Data.Longitude, false,
                r.Data.Phone, null, "15", i % 3 == 0 ? capabilities : [], i % 7 == 0 ? FacilityStatus.Tension : FacilityStatus.Ouvert, null, null, null, null, DateTimeOffset.UnixEpoch, "bench"))
            .ToArray();
    }

    [Benchmark]
    public int RankForStroke() => DestinationRanker.Rank(_site, _facilities, PatientNeed.Avc).Ranked.Count;
}
