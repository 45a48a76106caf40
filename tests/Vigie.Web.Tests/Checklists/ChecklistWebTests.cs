using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Checklists;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.Web.Tests.Checklists;

/// <summary>Reflex checklists over the API and the pages: apply, check with who and when, uncheck; observers read only.</summary>
public sealed class ChecklistWebTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    [Theory, MemberData(nameof(Kinds))]
    public async Task Api_AppliesAndChecks_AndRefusesBadInput(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        var api = await server.ApiClientAsync(UserRole.Membre, "claire");
        var observer = await server.ApiClientAsync(UserRole.Observateur);
        var incident = (await server.Service<IncidentService>().CreateAsync(new NewIncident("Panne téléphonique", IncidentKind.Other), "d")).Value;

        var templates = await api.GetFromJsonAsync<JsonElement>("/api/v1/checklists/templates");
        Assert.Contains(templates.EnumerateArray(), t => t.GetProperty("id").GetString() == "telephony_outage" && t.GetProperty("items").GetInt32() == 7);

        var applied = await api.PostAsJsonAsync($"/api/v1/incidents/{incident.Id}/checklists", new { templateId = "telephony_outage" });
        Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        var list = await applied.Content.ReadFromJsonAsync<JsonElement>();
        var listId = list.GetProperty("id").GetInt64();
        var itemId = list.GetProperty("items")[0].GetProperty("id").GetInt64();

        var check = await api.PostAsJsonAsync($"/api/v1/incidents/{incident.Id}/checklists/{listId}/items/{itemId}", new { done = true, note = "SAMU prévenu à 02:10" });
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        var item = await check.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("claire", "SAMU prévenu à 02:10"), (item.GetProperty("checkedBy").GetString(), item.GetProperty("note").GetString()));

        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsJsonAsync($"/api/v1/incidents/{incident.Id}/checklists", new { templateId = "telephony_outage" })).StatusCode);
        var bad = await api.PostAsJsonAsync($"/api/v1/incidents/{incident.Id}/checklists", new { templateId = "meteor" });
        Assert.Equal("templateId", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        var noDone = await api.PostAsJsonAsync($"/api/v1/incidents/{incident.Id}/checklists/{listId}/items/{itemId}", new { note = "x" });
        Assert.Equal("done", (await noDone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/incidents/{incident.Id}/checklists/{listId}/items/99999", new { done = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await observer.PostAsJsonAsync($"/api/v1/incidents/{incident.Id}/checklists/{listId}/items/{itemId}", new { done = false })).StatusCode);
        var read = await observer.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{incident.Id}/checklists");
        Assert.Equal(1, read.GetArrayLength());
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Page_AppliesATemplate_ThenEachItemButtonChecksIt(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        await server.CreateUserAsync("claire", UserRole.Membre);
        await server.CreateUserAsync("olivier", UserRole.Observateur);
        var incident = (await server.Service<IncidentService>().CreateAsync(new NewIncident("Rançongiciel", IncidentKind.Cyber), "d")).Value;
        using var session = new PageSession(server.Address);
        await session.LoginAsync("claire");
        var path = $"/incidents/{incident.Id}/fiches";

        Assert.Contains("Aucune fiche appliquée", await session.GetAsync(path), StringComparison.Ordinal);
        var apply = await session.SubmitAsync(path, "checklist-apply", new Dictionary<string, string> { ["Apply.TemplateId"] = "ransomware" });
        Assert.Equal(HttpStatusCode.Redirect, apply.StatusCode);
        var html = await session.GetAsync(path);
        Assert.Contains("Fiche réflexe rançongiciel", html, StringComparison.Ordinal);
        Assert.Contains("0 / 13 points faits", html, StringComparison.Ordinal);
        Assert.Contains("Première heure", html, StringComparison.Ordinal);

        var list = (await server.Service<ChecklistService>().ListAsync(incident.Id)).Single();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var post = await session.Http.PostAsync($"{path}/{list.Id}/items/{list.Items[0].Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["done"] = "1", ["note"] = "câbles débranchés", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        var after = await session.GetAsync(path);
        Assert.Contains("1 / 13 points faits", after, StringComparison.Ordinal);
        Assert.Contains("par claire — câbles débranchés", after, StringComparison.Ordinal);

        using var observer = new PageSession(server.Address);
        await observer.LoginAsync("olivier");
        var readOnly = await observer.GetAsync(path);
        Assert.Contains("1 / 13 points faits", readOnly, StringComparison.Ordinal);
        Assert.DoesNotContain("check-button", readOnly, StringComparison.Ordinal);
    }
}
