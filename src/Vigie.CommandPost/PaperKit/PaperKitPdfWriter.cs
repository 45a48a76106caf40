using System.Globalization;
using PdfSharp.Pdf;
using Vigie.CommandPost.Checklists;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Continuity.Board;
using Vigie.CommandPost.Continuity.Facilities;
using Vigie.CommandPost.Continuity.Sites;
using Vigie.CommandPost.Reports.Pdf;

namespace Vigie.CommandPost.PaperKit;

/// <summary>
/// Prints the paper kit as one PDF (PDFsharp, DejaVu fonts embedded, no browser): a cover with the contents, the crisis
/// directory, the reflex checklists with tick boxes, the services of every site (their status in the incident, or blank),
/// the territory's facilities and their phones, blank crisis log sheets (A4) and blank redirection slips (A5). Every page
/// carries the incident (or "blank") and the print date; an exercise's pages say EXERCICE.
/// </summary>
public static partial class PaperKitPdfWriter
{
    public static byte[] Render(PaperKitContent kit)
    {
        using var memory = new MemoryStream();
        Render(kit, memory);
        return memory.ToArray();
    }

    public static void Render(PaperKitContent kit, Stream output)
    {
        ArgumentNullException.ThrowIfNull(kit);
        ArgumentNullException.ThrowIfNull(output);
        ReportFonts.Install();
        var t = PaperKitText.For(CultureInfo.GetCultureInfo(kit.Language));
        var incidentLine = IncidentLine(kit, t);
        using var document = new PdfDocument();
        document.Info.Title = (kit.Incident?.Exercise == true ? "EXERCICE — " : "") + $"{t["KitTitle"]} — {incidentLine}";
        document.Info.Author = "Vigie";
        document.Info.Creator = "Vigie";
        document.Info.CreationDate = kit.GeneratedAt.UtcDateTime;
        document.Info.ModificationDate = kit.GeneratedAt.UtcDateTime;
        document.Language = kit.Language;

        var canvas = new PaperKitCanvas(document);
        string[] sections = [t["DirectoryTitle"], t["ChecklistsTitle"], t["ServicesTitle"], t["FacilitiesTitle"], t["LogTitle"], t["SlipsTitle"]];
        Cover(canvas, kit, t, incidentLine, sections);
        DirectorySection(canvas, kit, t, sections[0]);
        Checklists(canvas, kit, t, sections[1]);
        Services(canvas, kit, t, sections[2]);
        Facilities(canvas, kit, t, sections[3]);
        JournalSheets(canvas, kit, t);
        Slips(canvas, kit);

        canvas.Finish(
            $"{t["KitName"]} · {incidentLine}",
            t.Format("PrintedAt", kit.GeneratedAtText),
            (page, pages) => string.Format(t.Culture, t["Page"], page, pages),
            kit.Incident?.Exercise == true ? ReportPdfWriter.ExerciseMark : null);
        document.Save(output, closeStream: false);
    }

    private static string IncidentLine(PaperKitContent kit, PaperKitText t) =>
        kit.Incident is { } incident ? t.Format("HeaderIncident", incident.Id, incident.Title) : t["HeaderBlank"];

    private static void Cover(PaperKitCanvas canvas, PaperKitContent kit, PaperKitText t, string incidentLine, string[] sections)
    {
        canvas.NewPage();
        canvas.Text(t["KitTitle"], canvas.Title, PaperKitCanvas.Brand);
        canvas.Text(incidentLine, canvas.Heading, PaperKitCanvas.Ink);
        canvas.Text(t.Format("PrintedAt", kit.GeneratedAtText), canvas.Body, PaperKitCanvas.Muted);
        canvas.Space(8);
        canvas.Text(t["KitIntro"], canvas.Body, PaperKitCanvas.Ink);
        canvas.Space(10);
        canvas.Text(t["Contents"], canvas.Bold, PaperKitCanvas.Ink);
        for (var i = 0; i < sections.Length; i++)
        {
            canvas.Text(string.Create(CultureInfo.InvariantCulture, $"{i + 1}. {sections[i]}"), canvas.Body, PaperKitCanvas.Ink, indent: 10);
        }
    }

    private static void DirectorySection(PaperKitCanvas canvas, PaperKitContent kit, PaperKitText t, string title)
    {
        canvas.NewPage();
        canvas.SectionTitle(title);
        if (kit.Directory.Count == 0)
        {
            canvas.Text(t["DirectoryEmpty"], canvas.Body, PaperKitCanvas.Muted);
            canvas.Space(4);
        }

        // The entries, then empty lines for the numbers learnt during the night.
        var rows = kit.Directory
            .Select(e => (IReadOnlyList<string>)[e.Function, e.Name, e.Organisation ?? "", e.Phone, e.PhoneAlt ?? "", e.OnCall ?? "", e.Notes ?? ""])
            .Concat(Enumerable.Repeat<IReadOnlyList<string>>([], kit.Directory.Count == 0 ? 16 : 6));
        canvas.Table(
            [t["ColFunction"], t["ColName"], t["ColOrganisation"], t["ColPhone"], t["ColPhoneAlt"], t["ColOnCall"], t["ColNotes"]],
            [1.3, 1.3, 1.1, 1.0, 1.0, 1.0, 1.3],
            rows,
            minRowHeight: 20);
    }

    private static void Checklists(PaperKitCanvas canvas, PaperKitContent kit, PaperKitText t, string title)
    {
        canvas.NewPage();
        canvas.SectionTitle(title);
        if (kit.Checklists.Count == 0)
        {
            canvas.Text(t["ChecklistsEmpty"], canvas.Body, PaperKitCanvas.Muted);
            return;
        }

        var first = true;
        foreach (var template in kit.Checklists)
        {
            if (!first)
            {
                canvas.NewPage();
            }

            first = false;
            Checklist(canvas, template, t);
        }
    }

    private static void Checklist(PaperKitCanvas canvas, ChecklistTemplate template, PaperKitText t)
    {
        canvas.Text(template.NameFor(t.English), canvas.Heading, PaperKitCanvas.Ink);
        if ((t.English ? template.DescriptionEn ?? template.Description : template.Description) is { Length: > 0 } description)
        {
            canvas.Text(description, canvas.Body, PaperKitCanvas.Muted);
        }

        canvas.Text(t.Format("ChecklistItems", template.ItemCount), canvas.Small, PaperKitCanvas.Muted);
        canvas.Space(4);
        foreach (var section in template.Sections)
        {
            if ((t.English ? section.TitleEn ?? section.Title : section.Title) is { Length: > 0 } heading)
            {
                canvas.Space(4);
                canvas.EnsureSpace(40);
                canvas.Text(heading, canvas.Bold, PaperKitCanvas.Brand);
                canvas.Space(2);
            }

            foreach (var item in section.Items)
            {
                var hint = t.English ? item.HintEn ?? item.Hint : item.Hint;
                canvas.EnsureSpace(PaperKitCanvas.LineHeight(canvas.Body) * 2.5);
                canvas.Box(PaperKitCanvas.Margin + 2, canvas.Y + 2);
                canvas.Text(t.English ? item.TextEn : item.Text, canvas.Body, PaperKitCanvas.Ink, indent: 16);
                if (hint is { Length: > 0 })
                {
                    canvas.Text(hint, canvas.Small, PaperKitCanvas.Muted, indent: 16);
                }

                canvas.Text(t["ChecklistDoneBy"], canvas.Small, PaperKitCanvas.Muted, indent: 16);
                canvas.Space(3);
            }
        }
    }

    private static void Services(PaperKitCanvas canvas, PaperKitContent kit, PaperKitText t, string title)
    {
        canvas.NewPage();
        canvas.SectionTitle(title);
        canvas.Text(kit.Incident is { } incident ? t.Format("ServicesAt", kit.GeneratedAtText, incident.Id) : t["ServicesBlank"], canvas.Body, PaperKitCanvas.Muted);
        canvas.Space(4);
        if (kit.Services.Count == 0)
        {
            canvas.Text(t["ServicesEmpty"], canvas.Body, PaperKitCanvas.Muted);
            return;
        }

        foreach (var site in kit.Services)
        {
            canvas.Space(6);
            canvas.EnsureSpace(60);
            canvas.Text(site.Site.Name + (site.Site.Address is { Length: > 0 } address ? " — " + address : ""), canvas.Bold, PaperKitCanvas.Ink);
            canvas.Space(2);
            var rows = site.Services.Select(s => (IReadOnlyList<string>)(kit.HasStatus
                ? [s.Service.Name, Category(s.Service, t), Status(s, t), s.Since is { } since ? Local(kit, since) : "", s.Reason ?? "", ""]
                : [s.Service.Name, Category(s.Service, t), "", "", "", ""]));
            canvas.Table(
                [t["ColService"], t["ColCategory"], t["ColStatus"], t["ColSince"], t["ColReason"], t["ColUpdate"]],
                [1.6, 1.1, 1.1, 0.9, 1.6, 1.9],
                rows,
                minRowHeight: 18);
        }
    }

    private static string Category(HospitalService service, PaperKitText t) =>
        t["Category_" + WireName<ServiceCategory>.Of(service.Category)];

    private static string Status(ServiceState state, PaperKitText t) =>
        state.Status == ServiceStatus.Ferme && state.Service.Category == ServiceCategory.Si ? t["Status_ferme_si"] : t["Status_" + WireName<ServiceStatus>.Of(state.Status)];

    /// <summary>An instant in the hospital's zone, short ("07/12 05:40"), as the board prints it.</summary>
    private static string Local(PaperKitContent kit, DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, kit.Zone).ToString("dd/MM HH:mm", CultureInfo.InvariantCulture);

    private static void Facilities(PaperKitCanvas canvas, PaperKitContent kit, PaperKitText t, string title)
    {
        canvas.NewPage();
        canvas.SectionTitle(title);
        if (kit.Facilities.Count == 0)
        {
            canvas.Text(t["FacilitiesEmpty"], canvas.Body, PaperKitCanvas.Muted);
            return;
        }

        canvas.Text(t.Format("FacilitiesHint", kit.Facilities.Count), canvas.Body, PaperKitCanvas.Muted);
        canvas.Space(4);
        var rows = kit.Facilities.Select(f => (IReadOnlyList<string>)
            [f.City ?? "", f.Name, f.EdPhone ?? "", f.Phone ?? "", f.SamuPhone ?? "", kit.HasStatus ? FacilityStatusText(f.Status, t) : ""]);
        canvas.Table(
            [t["ColCity"], t["ColFacility"], t["ColEmergency"], t["ColSwitchboard"], t["ColSamu"], t["ColFacilityStatus"]],
            [1.2, 2.6, 1.0, 1.0, 1.0, 0.8],
            rows);
    }

    private static string FacilityStatusText(FacilityStatus status, PaperKitText t) => t["FacilityStatus_" + WireName<FacilityStatus>.Of(status)];

    private static void JournalSheets(PaperKitCanvas canvas, PaperKitContent kit, PaperKitText t)
    {
        for (var i = 0; i < kit.JournalSheets; i++)
        {
            canvas.NewPage();
            canvas.SectionTitle(t["LogTitle"]);
            canvas.Text(t["LogSheet"], canvas.Field, PaperKitCanvas.Ink);
            canvas.Space(2);
            canvas.Text(t["LogFields"], canvas.Field, PaperKitCanvas.Ink);
            canvas.Space(2);
            canvas.Text(t["LogHint"], canvas.Small, PaperKitCanvas.Muted);
            canvas.Space(6);
            canvas.RuledSheet([t["ColTime"], t["ColKind"], t["ColAuthor"], t["ColText"]], [0.8, 1.1, 1.3, 6.0], 22);
        }
    }
}
