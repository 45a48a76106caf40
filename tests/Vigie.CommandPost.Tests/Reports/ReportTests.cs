using System.Diagnostics;
using System.Globalization;
using Vigie.CommandPost.Actions;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Deadlines;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Remediation;
using Vigie.CommandPost.Reports;
using Vigie.CommandPost.Reports.Pdf;
using Vigie.CommandPost.Storage;
using Vigie.CommandPost.Tests.Deadlines;

namespace Vigie.CommandPost.Tests.Reports;

/// <summary>The post-incident report: key times and durations, timeline, deadlines met or missed, contributed sections, integrity; French and English; the PDF's text.</summary>
public sealed class ReportTests
{
    private static readonly CultureInfo s_french = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly CultureInfo s_english = CultureInfo.GetCultureInfo("en-GB");

    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    /// <summary>The Armentières night, replayed on a fake clock.</summary>
    private static async Task<Incident> ArmentieresAsync(PostIncident p)
    {
        var incident = await p.NewIncidentAsync("Rançongiciel — CH d'Armentières");
        p.Clock.SetUtcNow(PostIncident.Detected.AddHours(1)); // 03:00: every PC cut from the network
        await p.Core.Incidents.ChangePhaseAsync(incident.Id, IncidentPhase.Confinement, "directeur");
        await p.Core.Journal.AppendAsync(incident.Id, "secretariat", new NewJournalEntry(JournalKind.Fait, "Notes de rançon imprimées sur les imprimantes du site.", PostIncident.Detected));
        p.Clock.SetUtcNow(PostIncident.Detected.AddHours(3).AddMinutes(40)); // 05:40: crisis cell
        await p.Core.Cell.AssignAsync(incident.Id, "directeur_crise", "Marie Curie", "directeur");
        await p.Core.Journal.AppendAsync(incident.Id, "directeur", new NewJournalEntry(JournalKind.Decision, "Fermeture des urgences pour 24 h, réévaluation toutes les 12 h."));
        var list = (await p.Checklists.ApplyAsync(incident.Id, "ransomware", "secretariat")).Value;
        await p.Checklists.CheckAsync(incident.Id, list.Id, list.Items[0].Id, true, null, "rssi");
        await p.Deadlines.AnswerAsync(incident.Id, "nis2_entity", ApplicabilityAnswer.Oui, "directeur");
        await p.Deadlines.AnswerAsync(incident.Id, "personal_data", ApplicabilityAnswer.Non, "directeur");
        p.Clock.SetUtcNow(PostIncident.Detected.AddHours(80));
        Assert.True((await p.Deadlines.MarkSentAsync(incident.Id, "nis2_early_warning", PostIncident.Detected.AddHours(10), "CERT-FR 2024-001", "rssi")).IsOk);
        await p.Deadlines.MarkSentAsync(incident.Id, "complaint", PostIncident.Detected.AddHours(76), "PV 118", "directeur");
        await p.Core.Actions.CreateAsync(incident.Id, new NewAction("Imprimer les dossiers des 130 patients hospitalisés", "Cadre de santé", null), "directeur");
        await p.Remediation.CreateAsync(incident.Id, new NewMeasure("Authentification forte sur le VPN", CareDomain.AccesDistants, "RSSI", PostIncident.Detected.AddMonths(2)), "directeur");
        await p.Reports.SetKeyTimeAsync(incident.Id, KeyTime.FermetureUrgences, PostIncident.Detected.AddHours(4), "directeur");
        await p.Reports.SetKeyTimeAsync(incident.Id, KeyTime.ReouvertureUrgences, PostIncident.Detected.AddHours(54), "directeur");
        return incident;
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Build_InFrench_HasKeyTimesDurationsTimelineDeadlinesAndIntegrity(DatabaseKind kind)
    {
        await using var p = await PostIncident.CreateAsync(kind);
        var incident = await ArmentieresAsync(p);

        var report = await p.Reports.BuildAsync(incident.Id, s_french, "directeur");

        Assert.NotNull(report);
        Assert.Equal("fr", report.Language);
        Assert.Equal("Rançongiciel — CH d'Armentières", report.Subtitle); // the site is already in the title
        Assert.Equal(["key_times", "timeline", "services_downtime", "redirections", "deadlines", "checklists", "remediation", "actions", "integrity"], report.Sections.Select(s => s.Key));
        var keyTimes = (ReportTable)report.Sections[0].Blocks[0];
        Assert.Equal(["Détection", "11/02/2024 02:00", "0 min", "—", "déclaration de l'incident"], keyTimes.Rows[0].Cells);
        Assert.Equal(["Isolement du réseau", "11/02/2024 03:00", "1 h 00", "1 h 00"], keyTimes.Rows[1].Cells.Take(4));
        Assert.Contains("confinement", keyTimes.Rows[1].Cells[4], StringComparison.Ordinal);
        Assert.Equal(["Activation de la cellule de crise", "11/02/2024 05:40", "3 h 40"], keyTimes.Rows[2].Cells.Take(3));
        Assert.Equal(["Fermeture des urgences", "11/02/2024 06:00", "4 h 00", "20 min", "saisi par directeur (journal n°14)"], keyTimes.Rows[3].Cells);
        Assert.Equal(["Réouverture des urgences", "13/02/2024 08:00", "2 j 6 h"], keyTimes.Rows[4].Cells.Take(3));
        Assert.Equal(ReportTone.Warning, keyTimes.Rows[5].Tone); // return to normal not recorded
        var durations = (ReportFacts)report.Sections[0].Blocks[1];
        Assert.Equal(("Durée de fermeture des urgences", "2 j 2 h"), (durations.Facts[0].Label, durations.Facts[0].Value));

        var timeline = (ReportTable)report.Sections[1].Blocks[1];
        // Written an hour after it happened: the report says when it was recorded.
        Assert.Contains(timeline.Rows, r => r.Cells[4] == "Notes de rançon imprimées sur les imprimantes du site. [consigné le 11/02/2024 03:00]" && r.Cells[2] == "fait" && r.Cells[1] == "11/02/2024 02:00");
        Assert.Contains(timeline.Rows, r => r.Cells[4].StartsWith("Fermeture des urgences pour 24 h", StringComparison.Ordinal) && r.Cells[2] == "décision");

        var deadlines = report.Sections.Single(s => s.Key == "deadlines");
        var table = (ReportTable)deadlines.Blocks[1];
        var warning = table.Rows.Single(r => r.Cells[0] == "Alerte précoce (incident important)");
        Assert.Equal(("respectée", ReportTone.Good, "CERT-FR 2024-001"), (warning.Cells[5], warning.Tone, warning.Cells[4]));
        var complaint = table.Rows.Single(r => r.Cells[0] == "Dépôt de plainte");
        Assert.Equal(("manquée\u202F: envoyée 4 h 00 après l'échéance", ReportTone.Bad), (complaint.Cells[5], complaint.Tone));
        Assert.Equal(("manquée\u202F: non envoyée", ReportTone.Bad), (table.Rows.Single(r => r.Cells[0] == "Notification d'incident (incident important)").Cells[5], ReportTone.Bad));
        Assert.DoesNotContain(table.Rows, r => r.Cells[0] == "Notification de violation de données personnelles");
        Assert.Contains("Notification de violation de données personnelles", ((ReportParagraph)deadlines.Blocks[2]).Text, StringComparison.Ordinal);

        Assert.Equal("Non renseigné dans Vigie pour cet incident (module de continuité des soins absent ou non utilisé).", ((ReportParagraph)report.Sections[2].Blocks[0]).Text);
        var remediation = (ReportTable)report.Sections.Single(s => s.Key == "remediation").Blocks[1];
        Assert.Equal(["Authentification forte sur le VPN", "Accès distants", "RSSI"], remediation.Rows[0].Cells.Skip(1).Take(3));

        var verified = await p.Core.Journal.VerifyAsync(incident.Id);
        var integrity = (ReportFacts)report.Sections[^1].Blocks[1];
        Assert.Equal(verified!.Entries.ToString(CultureInfo.InvariantCulture), integrity.Facts[0].Value);
        Assert.Equal(verified.HeadHash, integrity.Facts[1].Value);
        Assert.Equal(("intègre", ReportTone.Good), (integrity.Facts[2].Value, integrity.Facts[2].Tone));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Build_InEnglish_TranslatesTheReport_NotTheJournal(DatabaseKind kind)
    {
        await using var p = await PostIncident.CreateAsync(kind);
        var incident = await ArmentieresAsync(p);

        var report = await p.Reports.BuildAsync(incident.Id, s_english, "director");

        Assert.Equal("en", report!.Language);
        Assert.StartsWith("Lessons learned", report.Title, StringComparison.Ordinal);
        Assert.Equal("Key times and durations", report.Sections[0].Title);
        var keyTimes = (ReportTable)report.Sections[0].Blocks[0];
        Assert.Equal(["Emergency department reopened", "13/02/2024 08:00", "2 d 6 h"], keyTimes.Rows[4].Cells.Take(3));
        var deadlines = (ReportTable)report.Sections.Single(s => s.Key == "deadlines").Blocks[1];
        Assert.Contains(deadlines.Rows, r => r.Cells[0] == "Complaint to the police or gendarmerie" && r.Cells[5] == "missed: sent 4 h 00 after the deadline");
        var timeline = (ReportTable)report.Sections[1].Blocks[1];
        Assert.Contains(timeline.Rows, r => r.Cells[2] == "fact" && r.Cells[4] == "Notes de rançon imprimées sur les imprimantes du site. [recorded 11/02/2024 03:00]");
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Contributors_AddKeyTimesSectionsAndDraftLines(DatabaseKind kind)
    {
        var continuity = new FakeContinuity();
        await using var p = await PostIncident.CreateAsync(kind, null, continuity);
        var incident = await p.NewIncidentAsync();

        var report = await p.Reports.BuildAsync(incident.Id, s_french, "directeur");

        var downtime = report!.Sections.Single(s => s.Key == "services_downtime");
        Assert.Equal("Indisponibilité des services (module de test)", downtime.Title);
        Assert.Equal(["key_times", "timeline", "services_downtime", "redirections", "deadlines"], report.Sections.Take(5).Select(s => s.Key));
        var keyTimes = (ReportTable)report.Sections[0].Blocks[0];
        Assert.Equal(["Fermeture des urgences", "11/02/2024 05:40"], keyTimes.Rows[3].Cells.Take(2));
        Assert.Equal("tableau des services", keyTimes.Rows[3].Cells[4]);

        var draft = await p.Deadlines.GetDraftAsync(incident.Id, "ars_cert_sante");
        Assert.Contains("- Urgences adultes\u202F: fermé depuis le 11/02/2024 05:40", draft.Value.Text, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task SetKeyTime_IsJournaled_Validated_AndCanBeCleared(DatabaseKind kind)
    {
        await using var p = await PostIncident.CreateAsync(kind, PostIncident.Detected.AddHours(5));
        var incident = await p.NewIncidentAsync();

        var set = await p.Reports.SetKeyTimeAsync(incident.Id, KeyTime.Isolement, PostIncident.Detected.AddHours(1), "rssi");
        Assert.True(set.IsOk, set.Problem?.Message);
        var entry = (await p.Core.Journal.ListAsync(incident.Id, new JournalQuery(NewestFirst: true, Limit: 1))).Single();
        Assert.Equal(("RETEX — isolement du réseau\u202F: 11/02/2024 03:00 (heure de Paris).", "key_time"), (entry.Text, entry.Link!.Type));
        Assert.Equal("key", (await p.Reports.SetKeyTimeAsync(incident.Id, KeyTime.Detection, PostIncident.Detected, "rssi")).Problem!.Field);
        Assert.Equal("at", (await p.Reports.SetKeyTimeAsync(incident.Id, KeyTime.Isolement, PostIncident.Detected.AddHours(-1), "rssi")).Problem!.Field);
        Assert.Equal("at", (await p.Reports.SetKeyTimeAsync(incident.Id, KeyTime.Isolement, PostIncident.Detected.AddDays(1), "rssi")).Problem!.Field);
        Assert.Equal(ProblemKind.Conflict, (await p.Reports.SetKeyTimeAsync(incident.Id, KeyTime.Isolement, PostIncident.Detected.AddHours(1), "rssi")).Problem!.Kind);

        await p.Core.Incidents.ChangePhaseAsync(incident.Id, IncidentPhase.Confinement, "directeur");
        var times = await p.Reports.KeyTimesAsync(incident.Id, s_french);
        var isolation = times!.Single(k => k.Key == KeyTime.Isolement);
        Assert.Equal((PostIncident.Detected.AddHours(1), "rssi", PostIncident.Detected.AddHours(5)), (isolation.At!.Value, isolation.SetBy, isolation.Deduced!.Value));

        Assert.True((await p.Reports.SetKeyTimeAsync(incident.Id, KeyTime.Isolement, null, "rssi")).IsOk);
        isolation = (await p.Reports.KeyTimesAsync(incident.Id, s_french))!.Single(k => k.Key == KeyTime.Isolement);
        Assert.Equal((PostIncident.Detected.AddHours(5), (string?)null), (isolation.At!.Value, isolation.SetBy));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Integrity_WhenTheJournalIsTampered_TheReportSaysWhere(DatabaseKind kind)
    {
        await using var p = await PostIncident.CreateAsync(kind);
        var incident = await ArmentieresAsync(p);
        await p.Core.TamperAsync($"UPDATE journal_entries SET text = 'rien' WHERE incident_id = {incident.Id} AND seq = 3");

        var report = await p.Reports.BuildAsync(incident.Id, s_french, "directeur");

        var check = ((ReportFacts)report!.Sections[^1].Blocks[1]).Facts[2];
        Assert.Equal(ReportTone.Bad, check.Tone);
        Assert.StartsWith("ROMPUE à l'entrée n°3", check.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pdf_IsMadeOnTheServer_AndItsTextKeepsTheAccents()
    {
        var pdftotext = TestEnvironment.Tool("pdftotext");
        await using var p = await PostIncident.CreateAsync(DatabaseKind.Sqlite);
        var incident = await ArmentieresAsync(p);
        for (var i = 0; i < 80; i++)
        {
            await p.Core.Journal.AppendAsync(incident.Id, "secretariat", new NewJournalEntry(JournalKind.Fait, $"Constat n°{i} : poste {i} chiffré, écran « Vos fichiers ont été chiffrés », déconnecté du réseau à {i % 24:00} h."));
        }

        await p.Core.Journal.AppendAsync(incident.Id, "secretariat", new NewJournalEntry(JournalKind.Fait, "Empreinte " + new string('a', 400)));
        var report = await p.Reports.BuildAsync(incident.Id, s_french, "directeur");

        var pdf = ReportPdfWriter.Render(report!);

        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal);
        var text = await PdfTextAsync(pdftotext, pdf);
        Assert.Contains("Retour d'expérience (RETEX)", text, StringComparison.Ordinal);
        Assert.Contains("Heures clés et durées", text, StringComparison.Ordinal);
        Assert.Contains("Échéances réglementaires", text, StringComparison.Ordinal);
        Assert.Contains("Dépôt de plainte", text, StringComparison.Ordinal);
        Assert.Contains("PV 118", text, StringComparison.Ordinal);
        Assert.Contains("après l'échéance", text, StringComparison.Ordinal);
        Assert.Contains("Réouverture des urgences", text, StringComparison.Ordinal);
        Assert.Contains("écran « Vos fichiers ont été chiffrés »", text, StringComparison.Ordinal);
        Assert.Contains("Preuve d'intégrité du journal", text, StringComparison.Ordinal);
        Assert.Contains(report!.Integrity.HeadHash[..24], text.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var pages = System.Text.RegularExpressions.Regex.Match(text, @"page 1 / (\d+)");
        Assert.True(pages.Success, "no page footer");
        Assert.True(int.Parse(pages.Groups[1].Value, CultureInfo.InvariantCulture) >= 3);
        Assert.Contains($"page {pages.Groups[1].Value} / {pages.Groups[1].Value}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pdf_InEnglish_ReadsInEnglish()
    {
        var pdftotext = TestEnvironment.Tool("pdftotext");
        await using var p = await PostIncident.CreateAsync(DatabaseKind.Sqlite);
        var incident = await ArmentieresAsync(p);

        var text = await PdfTextAsync(pdftotext, ReportPdfWriter.Render((await p.Reports.BuildAsync(incident.Id, s_english, "director"))!));

        Assert.Contains("Lessons learned (RETEX)", text, StringComparison.Ordinal);
        Assert.Contains("Legal deadlines", text, StringComparison.Ordinal);
        Assert.Contains("Journal integrity proof", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Échéances réglementaires", text, StringComparison.Ordinal);
    }

    private static async Task<string> PdfTextAsync(string pdftotext, byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), "vigie-report-" + Guid.NewGuid().ToString("N")[..8] + ".pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var start = new ProcessStartInfo(pdftotext) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-enc");
            start.ArgumentList.Add("UTF-8");
            start.ArgumentList.Add(file);
            start.ArgumentList.Add("-");
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, error);
            return output;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>What continuity of care will contribute once it lands: an ED closure time, an affected service, a section.</summary>
    private sealed class FakeContinuity : IReportContributor
    {
        public Task<IReadOnlyList<KeyTimeCandidate>> KeyTimesAsync(ReportContext context, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<KeyTimeCandidate>>([new KeyTimeCandidate(KeyTime.FermetureUrgences, PostIncident.Detected.AddHours(3).AddMinutes(40), "tableau des services")]);

        public Task<IReadOnlyList<string>> AffectedAsync(ReportContext context, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<string>>(["Urgences adultes : fermé depuis le " + context.Format(PostIncident.Detected.AddHours(3).AddMinutes(40))]);

        public Task<IReadOnlyList<ReportSection>> SectionsAsync(ReportContext context, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ReportSection>>([new ReportSection("services_downtime", 30, "Indisponibilité des services (module de test)",
                [new ReportTable(["Service", "Fermé"], [new ReportRow(["Urgences adultes", "24 h"])])])]);
    }
}
