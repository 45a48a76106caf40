using Vigie.CommandPost.Checklists;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;
using Vigie.CommandPost.Tests.Deadlines;

namespace Vigie.CommandPost.Tests.Checklists;

/// <summary>Reflex checklists: shipped templates, hospital overrides, applying one to an incident, checking items (journaled with who and when).</summary>
public sealed class ChecklistTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    [Fact]
    public void Shipped_Templates_AreTheThreeOfTheIssue_RansomwareCarriesTheFirstHourSheet()
    {
        var source = new ChecklistTemplateSource(DataFolder.None);
        var templates = source.Current;
        Assert.Equal(["data_theft", "ransomware", "telephony_outage"], templates.Templates.Select(t => t.Id).Order());
        Assert.Empty(templates.Warnings);
        var firstHour = templates.Find("ransomware")!.Sections[0];
        Assert.Equal("Première heure", firstHour.Title);
        Assert.Equal(8, firstHour.Items.Count);
        Assert.Contains("ne pas éteindre", firstHour.Items[0].Text, StringComparison.Ordinal);
        Assert.Contains("Ne pas payer", firstHour.Items[2].Text, StringComparison.Ordinal);
        Assert.Equal("Do not pay; do not contact the attackers.", firstHour.Items[2].TextEn);
    }

    [Fact]
    public void HospitalFiles_ReplaceAddAndRemove_AndABrokenFileIsReportedNotUsed()
    {
        var folder = Path.Combine(Path.GetTempPath(), "vigie-checklists-" + Guid.NewGuid().ToString("N")[..8]);
        var data = new DataFolder(folder);
        Directory.CreateDirectory(data.Combine(ChecklistTemplateSource.FolderName)!);
        try
        {
            File.WriteAllText(Path.Combine(data.Combine(ChecklistTemplateSource.FolderName)!, "a.yaml"), "id: telephony_outage\ndisabled: true\n");
            File.WriteAllText(Path.Combine(data.Combine(ChecklistTemplateSource.FolderName)!, "b.yaml"),
                "id: power_cut\nname: Coupure électrique\nsections:\n  - items:\n      - id: groupe\n        text: Vérifier le démarrage du groupe électrogène.\n");
            File.WriteAllText(Path.Combine(data.Combine(ChecklistTemplateSource.FolderName)!, "c.yaml"), "id: broken\nname: x\nsections:\n  - items:\n      - id: Bad Id\n        text: t\n");
            var templates = new ChecklistTemplateSource(data).Current;

            Assert.Equal(["data_theft", "power_cut", "ransomware"], templates.Templates.Select(t => t.Id).Order());
            Assert.Equal("Coupure électrique", templates.Find("power_cut")!.NameEn);
            var warning = Assert.Single(templates.Warnings);
            Assert.Contains("c.yaml", warning, StringComparison.Ordinal);
            Assert.Contains("Bad Id", warning, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Apply_CopiesTheItems_Once_AndJournalsIt(DatabaseKind kind)
    {
        await using var p = await PostIncident.CreateAsync(kind);
        var incident = await p.NewIncidentAsync();

        var applied = await p.Checklists.ApplyAsync(incident.Id, "ransomware", "alice");

        Assert.True(applied.IsOk, applied.Problem?.Message);
        Assert.Equal(13, applied.Value.Items.Count);
        Assert.Equal((1, "isoler", "Première heure"), (applied.Value.Items[0].Position, applied.Value.Items[0].Key, applied.Value.Items[0].Section));
        var entry = await p.Core.Journal.GetAsync(incident.Id, applied.Value.JournalSeq);
        Assert.Equal("Fiche réflexe appliquée\u202F: Fiche réflexe rançongiciel (13 points).", entry!.Text);
        Assert.Equal(ProblemKind.Conflict, (await p.Checklists.ApplyAsync(incident.Id, "ransomware", "alice")).Problem!.Kind);
        Assert.Equal("templateId", (await p.Checklists.ApplyAsync(incident.Id, "earthquake", "alice")).Problem!.Field);
        Assert.Equal(ProblemKind.NotFound, (await p.Checklists.ApplyAsync(999, "ransomware", "alice")).Problem!.Kind);
        Assert.True((await p.Checklists.ApplyAsync(incident.Id, "telephony_outage", "alice")).IsOk);
        Assert.Equal(2, (await p.Checklists.ListAsync(incident.Id)).Count);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Check_RecordsWhoAndWhen_InTheJournal_AndUncheckIsJournaledToo(DatabaseKind kind)
    {
        await using var p = await PostIncident.CreateAsync(kind);
        var incident = await p.NewIncidentAsync();
        var list = (await p.Checklists.ApplyAsync(incident.Id, "ransomware", "alice")).Value;
        var item = list.Items[2];
        p.Clock.Advance(TimeSpan.FromMinutes(7));

        var checkedItem = await p.Checklists.CheckAsync(incident.Id, list.Id, item.Id, true, "consigne rappelée au standard", "bob");

        Assert.True(checkedItem.IsOk, checkedItem.Problem?.Message);
        Assert.Equal(("bob", p.Clock.GetUtcNow(), "consigne rappelée au standard"), (checkedItem.Value.CheckedBy, checkedItem.Value.CheckedAt!.Value, checkedItem.Value.Note));
        var entry = await p.Core.Journal.GetAsync(incident.Id, checkedItem.Value.JournalSeq!.Value);
        Assert.Equal("Fiche «\u202FFiche réflexe rançongiciel\u202F» — point 3 fait\u202F: Ne pas payer la rançon\u202F; ne pas contacter les attaquants. (consigne rappelée au standard)", entry!.Text);
        Assert.Equal(("bob", JournalKind.Action, "checklist_item"), (entry.Author, entry.Kind, entry.Link!.Type));
        Assert.Equal(1, (await p.Checklists.GetAsync(incident.Id, list.Id))!.Done);

        Assert.Equal(ProblemKind.Conflict, (await p.Checklists.CheckAsync(incident.Id, list.Id, item.Id, true, null, "bob")).Problem!.Kind);
        var undone = await p.Checklists.CheckAsync(incident.Id, list.Id, item.Id, false, "coché par erreur", "alice");
        Assert.False(undone.Value.Checked);
        Assert.Contains("décoché (était coché par bob)", (await p.Core.Journal.GetAsync(incident.Id, undone.Value.JournalSeq!.Value))!.Text, StringComparison.Ordinal);
        Assert.Equal(ProblemKind.NotFound, (await p.Checklists.CheckAsync(incident.Id + 1, list.Id, item.Id, true, null, "bob")).Problem!.Kind);
        Assert.Equal("note", (await p.Checklists.CheckAsync(incident.Id, list.Id, item.Id, true, new string('n', 501), "bob")).Problem!.Field);
        Assert.False((await p.Checklists.GetAsync(incident.Id, list.Id))!.Items[2].Checked);
    }
}
