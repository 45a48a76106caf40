using System.Globalization;
using Vigie.CommandPost.Reports;
using Vigie.Hunt;

namespace Vigie.CommandPost.Findings;

/// <summary>
/// The hunt's part of the post-incident report (RETEX): section <c>findings</c> (order 70), only when the
/// incident has findings: totals by level, first and last detection, hosts, ATT&amp;CK tactics, top rules
/// with their authors (Detection Rule License).
/// </summary>
public sealed class FindingsReportContributor(FindingService findings) : IReportContributor
{
    private const int TopHosts = 15;
    private const int TopRules = 10;

    public async Task<IReadOnlyList<ReportSection>> SectionsAsync(ReportContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var s = await findings.StatisticsAsync(context.Incident.Id, TopRules, cancellationToken).ConfigureAwait(false);
        if (s.Total == 0)
        {
            return [];
        }

        var en = context.English;
        string N(long n) => n.ToString("N0", context.Culture);
        var facts = new List<ReportFact>
        {
            new(en ? "Detections" : "Détections", N(s.Total)),
            new(en ? "Critical / high" : "Critiques / élevées", $"{N(s.ByLevel.GetValueOrDefault(HuntLevel.Critical))} / {N(s.ByLevel.GetValueOrDefault(HuntLevel.High))}",
                s.ByLevel.GetValueOrDefault(HuntLevel.Critical) > 0 ? ReportTone.Bad : ReportTone.Normal),
            new(en ? "Medium / low / informational" : "Moyennes / faibles / information",
                $"{N(s.ByLevel.GetValueOrDefault(HuntLevel.Medium))} / {N(s.ByLevel.GetValueOrDefault(HuntLevel.Low))} / {N(s.ByLevel.GetValueOrDefault(HuntLevel.Informational))}"),
            new(en ? "First detection" : "Première détection", s.FirstDetection is { } first ? context.Format(first) : "—"),
            new(en ? "Last detection" : "Dernière détection", s.LastDetection is { } last ? context.Format(last) : "—"),
            new(en ? "Hosts involved" : "Machines concernées", N(s.ByHost.Count)),
        };
        var blocks = new List<ReportBlock> { new ReportFacts(facts) };
        if (s.ByTactic.Count > 0)
        {
            blocks.Add(new ReportTable(
                [en ? "ATT&CK tactic" : "Tactique ATT&CK", en ? "Detections" : "Détections"],
                s.ByTactic.Select(t => new ReportRow([t.Key, N(t.Value)])).ToList()));
        }

        blocks.Add(new ReportTable(
            [en ? "Host" : "Machine", en ? "Detections" : "Détections"],
            s.ByHost.Take(TopHosts).Select(h => new ReportRow([h.Key.Length > 0 ? h.Key : "—", N(h.Value)])).ToList()));
        if (s.ByHost.Count > TopHosts)
        {
            blocks.Add(new ReportParagraph(en
                ? $"… and {N(s.ByHost.Count - TopHosts)} more hosts (Findings tab)."
                : $"… et {N(s.ByHost.Count - TopHosts)} autres machines (onglet Détections)."));
        }

        blocks.Add(new ReportTable(
            [en ? "Rule" : "Règle", en ? "Level" : "Niveau", en ? "Author" : "Auteur", en ? "Detections" : "Détections"],
            s.TopRules.Select(r => new ReportRow([r.Title, HuntLevels.Name(r.Level), r.Author, N(r.Count)],
                r.Level >= HuntLevel.High ? ReportTone.Bad : ReportTone.Normal)).ToList()));
        blocks.Add(new ReportParagraph(en
            ? "Sigma rules: Detection Rule License 1.1; each rule's author is named."
            : "Règles Sigma : Detection Rule License 1.1 ; l'auteur de chaque règle est cité."));
        return [new ReportSection("findings", 70, en ? "Hunt findings" : "Détections de la chasse", blocks)];
    }
}
