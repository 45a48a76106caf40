using System.Globalization;
using Vigie.CommandPost.Checklists;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Continuity.Board;
using Vigie.CommandPost.Continuity.Facilities;
using Vigie.CommandPost.Continuity.Sites;
using Vigie.CommandPost.CrisisCell;
using Vigie.CommandPost.Incidents;

namespace Vigie.CommandPost.PaperKit;

/// <summary>
/// Gathers the paper kit (<see cref="PaperKitContent"/>) for an incident, or blank: what a hospital needs when every screen
/// is gone. <see cref="PaperKitPdfWriter"/> prints it as one PDF.
/// </summary>
public sealed class PaperKitService(
    IncidentService incidents,
    CrisisDirectoryService directory,
    ChecklistTemplateSource checklists,
    SiteCatalogService sites,
    BoardService board,
    FacilityService facilities,
    HospitalClock clock)
{
    /// <summary>Blank crisis log sheets in a kit.</summary>
    public const int JournalSheets = 4;

    /// <summary>Blank redirection slips (A5) in a kit.</summary>
    public const int Slips = 4;

    /// <summary>The kit for <paramref name="incidentId"/> (null when that incident does not exist), or a blank kit when it is null.</summary>
    public async Task<PaperKitContent?> BuildAsync(long? incidentId, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var t = PaperKitText.For(culture);
        Incident? incident = null;
        IReadOnlyList<SiteBoard> services;
        if (incidentId is { } id)
        {
            incident = await incidents.GetAsync(id, cancellationToken).ConfigureAwait(false);
            var current = incident is null ? null : await board.GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return null;
            }

            services = current.Sites;
        }
        else
        {
            services = await BlankServicesAsync(cancellationToken).ConfigureAwait(false);
        }

        var now = clock.GetUtcNow();
        var entries = await directory.ListAsync(cancellationToken).ConfigureAwait(false);
        var territory = (await facilities.ListAsync(cancellationToken).ConfigureAwait(false))
            .OrderBy(f => f.City ?? "", StringComparer.Create(t.Culture, CompareOptions.IgnoreCase))
            .ThenBy(f => f.Name, StringComparer.Create(t.Culture, CompareOptions.IgnoreCase))
            .ToList();
        var timeText = $"{LocalTimeText.Format(now, clock.Zone)} ({LocalTimeText.ZoneName(clock.Zone, t.English)})";
        return new PaperKitContent(incident, now, timeText, clock.Zone, t.Culture.TwoLetterISOLanguageName, entries, checklists.Current.Templates, services, territory, JournalSheets, Slips);
    }

    /// <summary>Every active service of every active site, with no status: the board to fill by hand.</summary>
    private async Task<IReadOnlyList<SiteBoard>> BlankServicesAsync(CancellationToken cancellationToken)
    {
        var list = await sites.ListSitesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var all = await sites.ListServicesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return list.Select(site => new SiteBoard(site, all
                .Where(s => s.SiteId == site.Id)
                .OrderBy(s => s.Category).ThenBy(s => s.Sort).ThenBy(s => s.Id)
                .Select(s => new ServiceState(s, ServiceStatus.Normal, null, null, null, null, null, null, null))
                .ToList()))
            .ToList();
    }
}
