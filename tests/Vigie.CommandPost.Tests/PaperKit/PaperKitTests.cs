using System.Globalization;
using Vigie.CommandPost.Checklists;
using Vigie.CommandPost.Continuity.Board;
using Vigie.CommandPost.Continuity.Facilities;
using Vigie.CommandPost.Continuity.Facilities.Import;
using Vigie.CommandPost.Continuity.Sites;
using Vigie.CommandPost.CrisisCell;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.PaperKit;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Tests.PaperKit;

/// <summary>
/// The paper kit as one PDF, read back with pdftotext: the directory's names, a checklist, the services and their status,
/// a facility's phone from the shared territory extract, blank journal sheets and slips, the incident (or "blank") and
/// the print date on every page, EXERCICE on every page of an exercise's kit; French, and English on demand.
/// </summary>
public sealed class PaperKitTests
{
    private static readonly CultureInfo s_french = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly CultureInfo s_english = CultureInfo.GetCultureInfo("en-GB");

    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    /// <summary>A hospital ready for the night: a directory, a site with its services, the territory's facilities.</summary>
    private static async Task<Facility> PrepareAsync(Services s)
    {
        var directory = s.Get<CrisisDirectoryService>();
        Assert.True((await directory.SaveAsync(null, new DirectoryEntryInput("Marie Curie", "Directrice de crise", "CH d'Armentières", "03 20 10 20 30", null, "24 h / 24", null), "admin")).IsOk);
        Assert.True((await directory.SaveAsync(null, new DirectoryEntryInput("Louis Pasteur", "RSSI", null, "06 11 22 33 44", "03 20 10 20 99", null, "clé du local serveurs"), "admin")).IsOk);
        var site = await s.Get<SiteCatalogService>().CreateSiteAsync(new SiteInput("Site principal d'Armentières", "112 rue Sadi Carnot", 50.6866, 2.8806), withDefaultServices: true, "admin");
        Assert.True(site.IsOk, site.Problem?.Message);
        var csv = await File.ReadAllBytesAsync(RepositoryPaths.SharedData("facilities/nord-pas-de-calais.csv"));
        var import = await s.Get<FacilityService>().ImportAsync(csv, new FacilityImportOptions(), "admin");
        Assert.True(import.IsOk && import.Value.Imported, import.Problem?.Message);
        var facility = (await s.Get<FacilityService>().ListAsync()).First(f => f.Phone is not null && f.Name.Contains("SOMAIN", StringComparison.Ordinal));
        return facility;
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Kit_ForAnIncident_PrintsEverySectionMarkedWithTheIncident(DatabaseKind kind)
    {
        await using var s = await Services.CreateAsync(kind);
        var facility = await PrepareAsync(s);
        var incident = await s.NewIncidentAsync("Rançongiciel CH Nord");
        var imaging = (await s.Get<SiteCatalogService>().ListServicesAsync()).Single(x => x.Code == "imagerie");
        var changed = await s.Get<BoardService>().ChangeStatusAsync(incident.Id, imaging.Id, new StatusChange(ServiceStatus.Degrade, "Scanner en mode papier"), "directeur");
        Assert.True(changed.IsOk, changed.Problem?.Message);

        var kit = await s.Get<PaperKitService>().BuildAsync(incident.Id, s_french);
        var pdf = PaperKitPdfWriter.Render(kit!);

        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal);
        var pages = await PdfText.PagesAsync(pdf);
        var text = string.Join("\n", pages);
        Assert.Contains("Kit papier — fonctionnement en mode dégradé", text, StringComparison.Ordinal);
        Assert.Contains("Annuaire de crise", text, StringComparison.Ordinal);
        Assert.Contains("Marie Curie", text, StringComparison.Ordinal);
        Assert.Contains("Louis Pasteur", text, StringComparison.Ordinal);
        Assert.Contains("06 11 22 33 44", text, StringComparison.Ordinal);
        Assert.Contains("Fiches réflexes", text, StringComparison.Ordinal);
        Assert.Contains(s.Get<ChecklistTemplateSource>().Current.Find("ransomware")!.Name, text, StringComparison.Ordinal);
        Assert.Contains("Imagerie", text, StringComparison.Ordinal);
        Assert.Contains("Mode dégradé", text, StringComparison.Ordinal);
        Assert.Contains("Scanner en mode papier", text, StringComparison.Ordinal);
        Assert.Contains("Établissements du territoire", text, StringComparison.Ordinal);
        Assert.Contains(facility.Phone!, text, StringComparison.Ordinal);
        Assert.Contains("CENTRE HOSPITALIER DE SOMAIN", text, StringComparison.Ordinal);
        var journalSheets = pages.Count(p => p.Contains("Main courante", StringComparison.Ordinal) && p.Contains("Heure", StringComparison.Ordinal) && p.Contains("Auteur", StringComparison.Ordinal));
        Assert.Equal(PaperKitService.JournalSheets, journalSheets);
        var slips = pages.Count(p => p.Contains("Bon de réorientation", StringComparison.Ordinal) && p.Contains("Vous êtes orienté(e) vers", StringComparison.Ordinal) && p.Contains("Établissement", StringComparison.Ordinal));
        Assert.Equal(PaperKitService.Slips, slips);
        Assert.All(pages, p =>
        {
            Assert.Contains($"Incident n°{incident.Id} — Rançongiciel CH Nord", p, StringComparison.Ordinal);
            Assert.Contains("Imprimé le ", p, StringComparison.Ordinal);
            Assert.DoesNotContain("EXERCICE", p, StringComparison.Ordinal);
        });
        Assert.Contains($"page {pages.Count} / {pages.Count}", pages[^1], StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Kit_ForAnExercise_SaysExerciceOnEveryPage(DatabaseKind kind)
    {
        await using var s = await Services.CreateAsync(kind);
        var created = await s.Incidents.CreateAsync(new NewIncident("Exercice rançongiciel", IncidentKind.Cyber, Exercise: true), "directeur");
        Assert.True(created.IsOk, created.Problem?.Message);

        var pages = await PdfText.PagesAsync(PaperKitPdfWriter.Render((await s.Get<PaperKitService>().BuildAsync(created.Value.Id, s_french))!));

        Assert.True(pages.Count > 8, $"{pages.Count} pages");
        Assert.All(pages, p => Assert.Contains("EXERCICE", p, StringComparison.Ordinal));
        Assert.Contains(pages, p => p.Contains("EXERCICE — NE PAS UTILISER", StringComparison.Ordinal)); // on the slips themselves
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Kit_WithoutIncident_IsBlank(DatabaseKind kind)
    {
        await using var s = await Services.CreateAsync(kind);
        await PrepareAsync(s);

        var kit = await s.Get<PaperKitService>().BuildAsync(null, s_french);
        var pages = await PdfText.PagesAsync(PaperKitPdfWriter.Render(kit!));

        Assert.Null(kit!.Incident);
        Assert.False(kit.HasStatus);
        Assert.All(pages, p => Assert.Contains("Kit vierge — sans incident", p, StringComparison.Ordinal));
        var text = string.Join("\n", pages);
        Assert.Contains("Statut à reporter à la main", text, StringComparison.Ordinal);
        Assert.Contains("Urgences adultes", text, StringComparison.Ordinal);
        Assert.Contains("Marie Curie", text, StringComparison.Ordinal);
        Assert.Contains("Main courante", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Mode dégradé", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kit_OnAnEmptyCommandPost_SaysWhatIsMissing_AndUnknownIncidentIsNull()
    {
        await using var s = await Services.CreateAsync(DatabaseKind.Sqlite);

        Assert.Null(await s.Get<PaperKitService>().BuildAsync(999, s_french));
        var text = string.Join("\n", await PdfText.PagesAsync(PaperKitPdfWriter.Render((await s.Get<PaperKitService>().BuildAsync(null, s_french))!)));

        Assert.Contains("L'annuaire de crise est vide", text, StringComparison.Ordinal);
        Assert.Contains("Aucun établissement n'est enregistré", text, StringComparison.Ordinal);
        Assert.Contains("Aucun site n'est enregistré", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kit_InEnglish_ReadsInEnglish_ButTheSlipsStayFrench()
    {
        await using var s = await Services.CreateAsync(DatabaseKind.Sqlite);
        var incident = await s.NewIncidentAsync("Ransomware");

        var text = string.Join("\n", await PdfText.PagesAsync(PaperKitPdfWriter.Render((await s.Get<PaperKitService>().BuildAsync(incident.Id, s_english))!)));

        Assert.Contains("Paper kit — working without screens", text, StringComparison.Ordinal);
        Assert.Contains("Crisis directory", text, StringComparison.Ordinal);
        Assert.Contains("Reflex checklists", text, StringComparison.Ordinal);
        Assert.Contains($"Incident {incident.Id} — Ransomware", text, StringComparison.Ordinal);
        Assert.Contains("Printed on ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Annuaire de crise", text, StringComparison.Ordinal);
        Assert.Contains("Bon de réorientation", text, StringComparison.Ordinal);
    }
}
