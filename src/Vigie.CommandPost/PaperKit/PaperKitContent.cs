using Vigie.CommandPost.Checklists;
using Vigie.CommandPost.Continuity.Board;
using Vigie.CommandPost.Continuity.Facilities;
using Vigie.CommandPost.CrisisCell;
using Vigie.CommandPost.Incidents;

namespace Vigie.CommandPost.PaperKit;

/// <summary>
/// What the paper kit prints: the crisis directory, the reflex checklists, the services of every site (with their status
/// in <paramref name="Incident"/> when there is one), the territory's facilities, and how many blank journal sheets and
/// slips follow. <paramref name="Incident"/> is null for a blank kit.
/// </summary>
public sealed record PaperKitContent(
    Incident? Incident,
    DateTimeOffset GeneratedAt,
    string GeneratedAtText,
    TimeZoneInfo Zone,
    string Language,
    IReadOnlyList<DirectoryEntry> Directory,
    IReadOnlyList<ChecklistTemplate> Checklists,
    IReadOnlyList<SiteBoard> Services,
    IReadOnlyList<Facility> Facilities,
    int JournalSheets,
    int Slips)
{
    /// <summary>Whether the services carry a status (an incident's board) or leave it to be written by hand.</summary>
    public bool HasStatus => Incident is not null;
}
