using Vigie.CommandPost.Continuity.Sites;

namespace Vigie.CommandPost.Continuity.Redirections;

/// <summary>
/// The destinations for one patient from one site: every facility not marked closed, best first (capability fit, then
/// status as last known, then distance), and the closed ones apart (a redirection to them is refused).
/// </summary>
public sealed record DestinationSuggestions(Site Site, PatientNeed Need, IReadOnlyList<Suggestion> Ranked, IReadOnlyList<Suggestion> Closed)
{
    public IEnumerable<Suggestion> Recommended => Ranked.Where(s => s.Recommended);

    public IEnumerable<Suggestion> Others => Ranked.Where(s => !s.Recommended);
}
