using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Continuity.Board;
using Vigie.CommandPost.Continuity.Diversions;
using Vigie.CommandPost.Continuity.Facilities;
using Vigie.CommandPost.Continuity.Sites;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.Web.Tests.Continuity;

/// <summary>Continuity pages over HTTP (no browser): the desk's two steps, the slip, the board's overdue line and reminders, the import form, roles.</summary>
public sealed partial class ContinuityPageTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    private static async Task<(long Incident, Site Site)> SetUpAsync(TestServer server, string title = "Rançongiciel", bool exercise = false)
    {
        var incident = (await server.Service<IncidentService>().CreateAsync(new NewIncident(title, IncidentKind.Cyber, Exercise: exercise), "directrice")).Value;
        var site = (await server.Service<SiteCatalogService>().CreateSiteAsync(new SiteInput("Site principal", null, 50.6930, 2.8960), true, "admin")).Value;
        Assert.True((await server.Service<FacilityService>().ImportSampleAsync("admin")).IsOk);
        return (incident.Id, site);
    }

    private static Dictionary<string, string> Patient(long site, string triage = "3", string initials = "J.D.") => new()
    {
        ["Form.SiteId"] = site.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Form.ArrivedAt"] = "", ["Form.Initials"] = initials, ["Form.BirthYear"] = "1970",
        ["Form.Sex"] = "homme", ["Form.Reason"] = "Chute", ["Form.Triage"] = triage, ["Form.Ambulatory"] = "true", ["Form.Need"] = "",
    };

    [Theory, MemberData(nameof(Kinds))]
    public async Task Desk_SuggestsThenRecords_AndTheSlipShowsDestinationAddressAndPhone(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        await server.CreateUserAsync("agent", UserRole.Accueil);
        var (incident, site) = await SetUpAsync(server);
        using var session = new PageSession(server.Address);
        await session.LoginAsync("agent");
        var desk = $"/incidents/{incident}/accueil";

        var suggest = await session.SubmitAsync(desk, "desk", new Dictionary<string, string>(Patient(site.Id)) { ["step"] = "suggest" });
        var html = await suggest.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, suggest.StatusCode);
        Assert.Contains("id=\"desk-destinations\"", html, StringComparison.Ordinal);
        var chosen = FirstDestination().Match(html).Groups[1].Value;
        var facility = (await server.Service<FacilityService>().GetAsync(long.Parse(chosen, System.Globalization.CultureInfo.InvariantCulture)))!;

        var record = await session.SubmitAsync(desk, "desk", new Dictionary<string, string>(Patient(site.Id))
        {
            ["Form.FacilityId"] = chosen, ["Form.Transport"] = "ambulance", ["step"] = "record",
        });
        Assert.Equal(HttpStatusCode.Redirect, record.StatusCode);
        Assert.Equal($"/incidents/{incident}/redirections/1/slip?nouveau=1", record.Headers.Location!.PathAndQuery);
        var slip = WebUtility.HtmlDecode(await session.GetAsync(record.Headers.Location.PathAndQuery));
        Assert.Contains($"id=\"slip-destination\">{facility.Name}<", slip, StringComparison.Ordinal);
        Assert.Contains($"id=\"slip-address\">{facility.FullAddress}<", slip, StringComparison.Ordinal);
        Assert.Contains(facility.BestPhone!, slip, StringComparison.Ordinal);
        Assert.Contains("Bon de réorientation", slip, StringComparison.Ordinal);

        // The slip stays French in an English session; the desk's refusal of a closed facility is in the agent's language.
        await session.Http.GetAsync("/culture/en?returnUrl=/");
        Assert.Contains("Bon de réorientation", await session.GetAsync($"/incidents/{incident}/redirections/1/slip?format=ticket"), StringComparison.Ordinal);
        await server.Service<FacilityService>().SetStatusAsync(facility.Id, FacilityStatus.Ferme, null, "membre");
        var refused = await session.SubmitAsync(desk, "desk", new Dictionary<string, string>(Patient(site.Id, initials: "AB"))
        {
            ["Form.FacilityId"] = chosen, ["Form.Transport"] = "ambulance", ["step"] = "record",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedEn = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains($"{facility.Name} is marked closed since ", refusedEn, StringComparison.Ordinal);
        Assert.Contains("(Paris time): it takes no patient. Choose another destination.", refusedEn, StringComparison.Ordinal);
        await session.Http.GetAsync("/culture/fr?returnUrl=/");
        var refusedFr = await session.SubmitAsync(desk, "desk", new Dictionary<string, string>(Patient(site.Id, initials: "AB"))
        {
            ["Form.FacilityId"] = chosen, ["Form.Transport"] = "ambulance", ["step"] = "record",
        });
        var refusedFrHtml = WebUtility.HtmlDecode(await refusedFr.Content.ReadAsStringAsync());
        Assert.Contains($"{facility.Name} est marqué fermé depuis le ", refusedFrHtml, StringComparison.Ordinal);
        Assert.Contains("(heure de Paris)\u202F: il n’accepte aucun patient.", refusedFrHtml, StringComparison.Ordinal);

        // Triage 1 is recorded in one step, kept on site, even from the first button and without "own means" answered
        // (a browser without JavaScript still shows "suggest" on that button).
        var vitalFields = new Dictionary<string, string>(Patient(site.Id, "1", "SB")) { ["step"] = "suggest" };
        vitalFields.Remove("Form.Ambulatory");
        var kept = await session.SubmitAsync(desk, "desk", vitalFields);
        Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        Assert.Equal($"/incidents/{incident}/accueil?enregistre=2", kept.Headers.Location!.PathAndQuery);
        var entries = await server.Service<JournalService>().ListAsync(incident, new JournalQuery(NewestFirst: true, Limit: 1));
        Assert.StartsWith("Exception urgence vitale n°2", entries[0].Text, StringComparison.Ordinal);

        // A full name is refused and nothing is written.
        var named = await session.SubmitAsync(desk, "desk", new Dictionary<string, string>(Patient(site.Id, initials: "Dupont")) { ["step"] = "suggest" });
        Assert.Contains("Initiales seulement", WebUtility.HtmlDecode(await named.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Board_ShowsTheOverdueReevaluation_AndTheServerJournalsTheReminder()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite, time);
        await server.CreateUserAsync("directrice", UserRole.Directeur);
        var (incident, site) = await SetUpAsync(server);
        var ed = (await server.Service<SiteCatalogService>().ListServicesAsync(site.Id)).Single(s => s.Code == "urgences_adultes");
        using var session = new PageSession(server.Address);
        await session.LoginAsync("directrice");

        var closed = await session.SubmitAsync($"/incidents/{incident}/services/{ed.Id}", "service-status", new Dictionary<string, string>
        {
            ["Form.Status"] = "ferme", ["Form.Reason"] = "Chiffrement du DPI", ["Form.NextReviewAt"] = "", ["Form.PlannedReopenAt"] = "",
            ["Form.Category"] = "sauf_maternite", ["Form.CustomCategory"] = "", ["Form.PlannedEndAt"] = "", ["Form.IntervalMinutes"] = "60",
        });
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var board = await session.GetAsync($"/incidents/{incident}/services");
        Assert.Contains($"id=\"svc-{ed.Id}\" class=\"st-row-ferme \" data-status=\"ferme\" data-overdue=\"false\"", board, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"board-overdue\"", board, StringComparison.Ordinal);

        time.Advance(TimeSpan.FromMinutes(61));
        board = await session.GetAsync($"/incidents/{incident}/services");
        Assert.Contains($"id=\"svc-{ed.Id}\" class=\"st-row-ferme overdue\" data-status=\"ferme\" data-overdue=\"true\"", board, StringComparison.Ordinal);
        Assert.Contains("id=\"board-overdue\"", board, StringComparison.Ordinal);

        // The background loop sleeps on the server's clock: advancing it wakes the loop, which journals the reminder once.
        var journal = server.Service<JournalService>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        IReadOnlyList<JournalEntry> reminders = [];
        while (DateTime.UtcNow < deadline)
        {
            time.Advance(TimeSpan.FromSeconds(30));
            reminders = (await journal.ListAsync(incident, new JournalQuery())).Where(e => e.Author == "vigie").ToList();
            if (reminders.Count > 0)
            {
                break;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        var reminder = Assert.Single(reminders);
        Assert.StartsWith("Rappel\u202F: réévaluation due pour Site principal / Urgences adultes", reminder.Text, StringComparison.Ordinal);

        var print = await session.GetAsync($"/incidents/{incident}/services/print");
        Assert.Contains("class=\"print-view board-print\"", print, StringComparison.Ordinal);
        Assert.Contains("id=\"print-overdue\">1<", print, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TerritoryImportForm_ReportsRefusedLines_AndImportsTheValidOnesOnRequest()
    {
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite);
        await server.CreateUserAsync("membre", UserRole.Membre);
        using var session = new PageSession(server.Address);
        await session.LoginAsync("membre");
        var csv = Encoding.GetEncoding(1252).GetBytes("nom;latitude;longitude\nHôpital A;50,6;3,0\nHôpital B;;3\n");

        async Task<string> PostAsync(bool validOnly)
        {
            var page = await session.GetAsync("/territoire");
            var token = WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value);
            using var form = new MultipartFormDataContent
            {
                { new StringContent("facility-import"), "_handler" },
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent(validOnly ? "true" : "false"), "Import.ValidOnly" },
                { new StringContent("false"), "Import.DryRun" },
                { new StringContent("file"), "action" },
                { new ByteArrayContent(csv), "file", "territoire.csv" },
            };
            var response = await session.Http.PostAsync("/territoire", form);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        }

        var refused = await PostAsync(validOnly: false);
        Assert.Contains("Des lignes sont refusées\u202F: rien n'a été importé.", refused, StringComparison.Ordinal);
        Assert.Contains(">3</td><td data-label=\"Champ\">latitude</td>", refused, StringComparison.Ordinal);
        Assert.Contains("encodage Windows-1252, séparateur «\u202F;\u202F»", refused, StringComparison.Ordinal);
        Assert.Empty(await server.Service<FacilityService>().ListAsync());

        var imported = await PostAsync(validOnly: true);
        Assert.Contains("Import effectué.", imported, StringComparison.Ordinal);
        Assert.Equal("Hôpital A", Assert.Single(await server.Service<FacilityService>().ListAsync()).Name);
    }

    [Fact]
    public async Task Observer_SeesTheBoardAndDashboard_ButNeitherTheDeskNorPatients()
    {
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite);
        await server.CreateUserAsync("ars", UserRole.Observateur);
        var (incident, _) = await SetUpAsync(server, "Plan blanc", exercise: true);
        using var session = new PageSession(server.Address);
        await session.LoginAsync("ars");

        var board = await session.GetAsync($"/incidents/{incident}/services");
        Assert.Contains("Tableau des services", board, StringComparison.Ordinal);
        Assert.DoesNotContain($"/incidents/{incident}/accueil\"", board, StringComparison.Ordinal);
        Assert.Contains("EXERCICE", board, StringComparison.Ordinal);
        Assert.Contains("id=\"dash-total\">0<", await session.GetAsync($"/incidents/{incident}/tableau"), StringComparison.Ordinal);
        var slip = await session.Http.GetAsync($"/incidents/{incident}/redirections/1/slip");
        Assert.Equal(HttpStatusCode.Redirect, slip.StatusCode);
        Assert.StartsWith("/forbidden", slip.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var desk = await session.GetAsync($"/incidents/{incident}/accueil");
        Assert.DoesNotContain("id=\"desk-title\"", desk, StringComparison.Ordinal);
        var csv = await session.Http.GetAsync($"/incidents/{incident}/redirections/export.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.Http.GetAsync("/sites")).StatusCode);
    }

    [Fact]
    public async Task Desk_WithNoSuitableOpenFacility_SaysToCallTheSamu()
    {
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite);
        await server.CreateUserAsync("agent", UserRole.Accueil);
        var incident = (await server.Service<IncidentService>().CreateAsync(new NewIncident("Rançongiciel", IncidentKind.Cyber), "directrice")).Value;
        var site = (await server.Service<SiteCatalogService>().CreateSiteAsync(new SiteInput("Site principal", null, 50.6930, 2.8960), true, "admin")).Value;
        using var session = new PageSession(server.Address);
        await session.LoginAsync("agent");
        var html = await (await session.SubmitAsync($"/incidents/{incident.Id}/accueil", "desk", new Dictionary<string, string>(Patient(site.Id)) { ["step"] = "suggest" }))
            .Content.ReadAsStringAsync();
        Assert.Contains("id=\"desk-no-destination\"", html, StringComparison.Ordinal);
        Assert.Contains("appelez le SAMU (15)", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"Form.FacilityId\" value=\"([0-9]+)\"")]
    private static partial Regex FirstDestination();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
