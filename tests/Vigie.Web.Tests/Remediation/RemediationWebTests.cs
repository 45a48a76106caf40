using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.Web.Tests.Remediation;

/// <summary>The remediation plan over the API and the pages: per incident and across incidents, after closure.</summary>
public sealed class RemediationWebTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    [Theory, MemberData(nameof(Kinds))]
    public async Task Api_CreatesPatchesAndListsAcrossIncidents(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        var api = await server.ApiClientAsync(UserRole.Directeur);
        var incidents = server.Service<IncidentService>();
        var first = (await incidents.CreateAsync(new NewIncident("Rançongiciel", IncidentKind.Cyber), "d")).Value;
        var second = (await incidents.CreateAsync(new NewIncident("Vol de données", IncidentKind.Cyber), "d")).Value;

        var created = await api.PostAsJsonAsync($"/api/v1/incidents/{first.Id}/remediation", new { title = "Segmenter le réseau", category = "exposition_internet_ad", owner = "DSI", dueAt = DateTimeOffset.UtcNow.AddDays(-1) });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var measure = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(measure.GetProperty("overdue").GetBoolean());
        await api.PostAsJsonAsync($"/api/v1/incidents/{second.Id}/remediation", new { title = "Former le personnel", category = "sensibilisation", owner = "RH" });
        await api.PostAsJsonAsync($"/api/v1/incidents/{first.Id}/phase", new { phase = "cloture" });

        var patched = await api.PatchAsJsonAsync($"/api/v1/incidents/{first.Id}/remediation/{measure.GetProperty("id").GetInt64()}", new { status = "en_cours", owner = "RSSI" });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal("RSSI", (await patched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("owner").GetString());

        Assert.Equal(2, (await api.GetFromJsonAsync<JsonElement>("/api/v1/remediation")).GetArrayLength());
        var awareness = await api.GetFromJsonAsync<JsonElement>("/api/v1/remediation?category=sensibilisation");
        Assert.Equal("Vol de données", awareness[0].GetProperty("incidentTitle").GetString());
        var bad = await api.GetAsync("/api/v1/remediation?category=meteo");
        Assert.Equal("category", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        var badCreate = await api.PostAsJsonAsync($"/api/v1/incidents/{first.Id}/remediation", new { title = "x", category = "", owner = "DSI" });
        Assert.Equal("category", (await badCreate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Pages_CreateFromTheIncident_AndThePlanListsEverything(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        await server.CreateUserAsync("directrice", UserRole.Directeur);
        var incident = (await server.Service<IncidentService>().CreateAsync(new NewIncident("Rançongiciel", IncidentKind.Cyber), "d")).Value;
        using var session = new PageSession(server.Address);
        await session.LoginAsync("directrice");
        var path = $"/incidents/{incident.Id}/remediation";

        var missing = await session.SubmitAsync(path, "remediation-new", new Dictionary<string, string>
        {
            ["NewMeasure.Title"] = "Sauvegardes hors ligne", ["NewMeasure.Category"] = "sauvegardes_continuite", ["NewMeasure.Owner"] = "", ["NewMeasure.DueAt"] = "2026-06-30T18:00",
        });
        var missingHtml = await missing.Content.ReadAsStringAsync();
        Assert.Contains("data-code=\"required\"", missingHtml, StringComparison.Ordinal);
        Assert.Contains("Ce champ est obligatoire.", missingHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"Sauvegardes hors ligne\"", missingHtml, StringComparison.Ordinal);

        var ok = await session.SubmitAsync(path, "remediation-new", new Dictionary<string, string>
        {
            ["NewMeasure.Title"] = "Sauvegardes hors ligne", ["NewMeasure.Category"] = "sauvegardes_continuite", ["NewMeasure.Owner"] = "DSI", ["NewMeasure.DueAt"] = "2099-06-30T18:00",
        });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var tab = await session.GetAsync(path);
        Assert.Contains("Sauvegardes / continuité", tab, StringComparison.Ordinal);
        Assert.Contains("30/06/2099 18:00:00", tab, StringComparison.Ordinal);

        var plan = await session.GetAsync("/remediation");
        Assert.Contains("Plan de remédiation", plan, StringComparison.Ordinal);
        Assert.Contains($"incident n°{incident.Id}\u202F: Rançongiciel", WebUtility.HtmlDecode(plan), StringComparison.Ordinal);
        Assert.Contains("href=\"/remediation\"", await session.GetAsync("/"), StringComparison.Ordinal); // navigation link
        Assert.DoesNotContain("Sauvegardes hors ligne", await session.GetAsync("/remediation?domaine=sensibilisation"), StringComparison.Ordinal);
    }
}
