using System.Net;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Storage;
using Vigie.Testing;
using Vigie.Web.Testing;

namespace Vigie.Web.Tests.PaperKit;

/// <summary>The paper kit over HTTP: its buttons (crisis cell tab, RETEX tab, directory page for the blank kit), the PDF in the page's language, the API.</summary>
public sealed class PaperKitWebTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    [Theory, MemberData(nameof(Kinds))]
    public async Task Buttons_AndPdf_ForAnIncidentAndBlank_InTheUsersLanguage(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        await server.CreateUserAsync("observatrice", UserRole.Observateur);
        var incident = (await server.Service<IncidentService>().CreateAsync(new NewIncident("Rançongiciel", IncidentKind.Cyber), "d")).Value;
        using var session = new PageSession(server.Address);
        await session.LoginAsync("observatrice");

        Assert.Contains($"href=\"/incidents/{incident.Id}/kit-papier.pdf\"", await session.GetAsync($"/incidents/{incident.Id}/retex"), StringComparison.Ordinal);
        Assert.Contains("Imprimer le kit papier vierge (PDF)", await session.GetAsync("/directory"), StringComparison.Ordinal);

        var pdf = await session.Http.GetAsync($"/incidents/{incident.Id}/kit-papier.pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith($"kit-papier-incident-{incident.Id}-", pdf.Content.Headers.ContentDisposition!.FileName!.Trim('"'), StringComparison.Ordinal);
        var pages = await PdfText.PagesAsync(await pdf.Content.ReadAsByteArrayAsync());
        Assert.All(pages, p => Assert.Contains($"Incident n°{incident.Id} — Rançongiciel", p, StringComparison.Ordinal));

        var blank = await session.Http.GetAsync("/kit-papier.pdf");
        Assert.Equal(HttpStatusCode.OK, blank.StatusCode);
        Assert.Contains("Kit vierge — sans incident", (await PdfText.PagesAsync(await blank.Content.ReadAsByteArrayAsync()))[0], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Http.GetAsync("/incidents/999/kit-papier.pdf")).StatusCode);

        await session.Http.GetAsync("/culture/en?returnUrl=/");
        var english = await session.Http.GetAsync($"/incidents/{incident.Id}/kit-papier.pdf");
        Assert.EndsWith("-en.pdf", english.Content.Headers.ContentDisposition!.FileName!.Trim('"'), StringComparison.Ordinal);
        Assert.Contains("Crisis directory", string.Join("\n", await PdfText.PagesAsync(await english.Content.ReadAsByteArrayAsync())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_PaperKit_BlankOrForAnIncident_NeedsSignIn()
    {
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite);
        var api = await server.ApiClientAsync(UserRole.Observateur);
        var incident = (await server.Service<IncidentService>().CreateAsync(new NewIncident("Exercice", IncidentKind.Cyber, Exercise: true), "d")).Value;

        var pdf = await api.GetAsync($"/api/v1/paper-kit.pdf?incident={incident.Id}&lang=en");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        var pages = await PdfText.PagesAsync(await pdf.Content.ReadAsByteArrayAsync());
        Assert.All(pages, p => Assert.Contains("EXERCICE", p, StringComparison.Ordinal));
        Assert.Contains("Paper kit", pages[0], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/paper-kit.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/paper-kit.pdf?incident=999")).StatusCode);
        using var anonymous = new HttpClient { BaseAddress = api.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/paper-kit.pdf")).StatusCode);
    }
}
