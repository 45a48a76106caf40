using System.Globalization;
using System.Text;
using Vigie.CommandPost.Actions;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.CrisisCell;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Reports;

namespace Vigie.CommandPost.Deadlines;

/// <summary>
/// Prefills a notification draft (French) from the incident: its times, the affected services and systems (from
/// the features that know them, e.g. continuity of care), the measures taken (actions and decisions), the contact
/// (crisis director and their phone from the crisis directory), the journal's count and head.
/// </summary>
public sealed class DraftBuilder(
    ActionService actions,
    JournalService journal,
    CrisisCellService cell,
    CrisisDirectoryService directory,
    IEnumerable<IReportContributor> contributors,
    TimeProvider time)
{
    private const string ToComplete = "[à compléter]";

    public async Task<string> BuildAsync(Incident incident, IncidentDeadline deadline, DeadlineCatalog catalog, TimeZoneInfo zone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(deadline);
        ArgumentNullException.ThrowIfNull(catalog);
        var now = time.GetUtcNow();
        var context = new ReportContext(incident, CultureInfo.GetCultureInfo("fr-FR"), zone, now);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["etablissement"] = incident.Site ?? "[établissement]",
            ["incident"] = string.Create(CultureInfo.InvariantCulture, $"{incident.Title} (incident n°{incident.Id})"),
            ["detection"] = LocalTimeText.WithZone(incident.DetectedAt, zone),
            ["declaration"] = LocalTimeText.WithZone(incident.DeclaredAt, zone),
            ["debut"] = deadline.StartAt is { } start ? LocalTimeText.WithZone(start, zone) : $"[à compléter : {catalog.Event(deadline.Rule.StartEventId)?.Label.ToLowerInvariant()}]",
            ["echeance"] = deadline.DueAt is { } due ? (deadline.Rule.WithoutDelay ? "sans délai" : LocalTimeText.WithZone(due, zone)) : ToComplete,
            ["phase"] = PhaseLabel(incident.Phase),
            ["gravite"] = IncidentLabels.French(incident.Severity),
            ["services"] = await AffectedAsync(context, cancellationToken).ConfigureAwait(false),
            ["mesures"] = await MeasuresAsync(incident, zone, cancellationToken).ConfigureAwait(false),
            ["contact"] = await ContactAsync(incident, cancellationToken).ConfigureAwait(false),
            ["journal"] = $"{FrenchText.Number(incident.JournalCount)} entrées, empreinte de tête {incident.JournalHead}",
            ["date"] = LocalTimeText.WithZone(now, zone),
            ["autorite"] = deadline.Rule.Authority,
            ["base_legale"] = deadline.Rule.LegalBasis,
        };
        var text = FrenchText.Typeset(DeadlineCatalogReader.Placeholder().Replace(deadline.Rule.Draft, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value));
        return incident.Exercise ? MarkExercise(text) : text;
    }

    /// <summary>What heads every draft notification of an exercise, so that none can be sent as a real declaration.</summary>
    public const string ExerciseMark = "EXERCICE — NE PAS ENVOYER";

    /// <summary>The draft with <see cref="ExerciseMark"/> on its first line (added when a person removed it).</summary>
    public static string MarkExercise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.StartsWith(ExerciseMark, StringComparison.Ordinal) ? text : ExerciseMark + "\n\n" + text;
    }

    private async Task<string> AffectedAsync(ReportContext context, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        foreach (var contributor in contributors)
        {
            lines.AddRange(await contributor.AffectedAsync(context, cancellationToken).ConfigureAwait(false));
        }

        return lines.Count == 0 ? "[à compléter : services de soins et systèmes d'information touchés]" : string.Join('\n', lines.Select(l => "- " + l));
    }

    private async Task<string> MeasuresAsync(Incident incident, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var decisions = await journal.ListAsync(incident.Id, new JournalQuery(Kind: JournalKind.Decision), cancellationToken).ConfigureAwait(false);
        // The cell's own decisions and phase changes; not the declaration nor what the post-incident features journal themselves.
        foreach (var decision in decisions.Where(d => d.Link is null || d.Link.Type == "phase"))
        {
            text.Append("- ").Append(LocalTimeText.Format(decision.OccurredAt, zone)).Append(" : ").Append(OneLine(decision.Text)).Append('\n');
        }

        foreach (var action in (await actions.ListAsync(incident.Id, cancellationToken).ConfigureAwait(false)).Where(a => a.Status != ActionStatus.Abandonne))
        {
            var state = action.Status switch
            {
                ActionStatus.Fait => "fait",
                ActionStatus.EnCours => "en cours",
                _ => "prévu",
            };
            text.Append("- ").Append(OneLine(action.Title)).Append(" (").Append(state).Append(", ").Append(action.Owner).Append(")\n");
        }

        return text.Length == 0 ? "[à compléter : isolement du réseau, alerte des équipes, activation de la cellule de crise...]" : text.ToString().TrimEnd('\n');
    }

    private async Task<string> ContactAsync(Incident incident, CancellationToken cancellationToken)
    {
        var holders = await cell.CurrentAsync(incident.Id, cancellationToken).ConfigureAwait(false);
        var director = holders.FirstOrDefault(h => h.RoleKey == "directeur_crise") ?? holders.FirstOrDefault(h => h.RoleKey == "rssi");
        if (director is null)
        {
            return "[à compléter : nom, fonction, téléphone]";
        }

        var entries = await directory.ListAsync(cancellationToken).ConfigureAwait(false);
        var entry = entries.FirstOrDefault(e => string.Equals(e.Name.Trim(), director.Person, StringComparison.OrdinalIgnoreCase));
        var role = director.RoleKey == "directeur_crise" ? "directeur de crise" : "RSSI";
        return entry is null ? $"{director.Person}, {role}, [téléphone]" : $"{director.Person}, {role}, {entry.Phone}";
    }

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }

    internal static string PhaseLabel(IncidentPhase phase) => phase switch
    {
        IncidentPhase.Detection => "détection",
        IncidentPhase.Confinement => "confinement",
        IncidentPhase.Crise => "gestion de crise",
        IncidentPhase.Reprise => "reprise",
        _ => "clôture",
    };
}
