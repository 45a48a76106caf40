using Vigie.CommandPost.Continuity.Sites;

namespace Vigie.CommandPost.Continuity.Board;

/// <summary>The board of one site: clinical units, then IT systems, in their list order.</summary>
public sealed record SiteBoard(Site Site, IReadOnlyList<ServiceState> Services)
{
    public IEnumerable<ServiceState> Clinical => Services.Where(s => s.Service.Category == ServiceCategory.Clinique);

    public IEnumerable<ServiceState> ItSystems => Services.Where(s => s.Service.Category == ServiceCategory.Si);
}
