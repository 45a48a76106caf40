using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.Web.Tests.Api;

/// <summary>The HTTP API against a real Kestrel server, on SQLite and PostgreSQL.</summary>
public sealed class ApiTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task<long> CreateIncidentAsync(HttpClient client, string title = "Rançongiciel")
    {
        var response = await client.PostAsJsonAsync("/api/v1/incidents", new { title, kind = "cyber", severity = "critique" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await JsonAsync(response)).GetProperty("id").GetInt64();
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null)
        {
            Assert.Equal(field, (await JsonAsync(response)).GetProperty("field").GetString());
        }
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Journal_AppendListCorrectVerify_RoundTrips(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        var client = await server.ApiClientAsync(UserRole.Directeur, "directrice");
        var id = await CreateIncidentAsync(client);

        var occurred = DateTimeOffset.UtcNow.AddHours(-3);
        var appended = await client.PostAsJsonAsync($"/api/v1/incidents/{id}/journal", new { kind = "fait", text = "Notes de rançon imprimées", occurredAt = occurred, occurredAtReason = "avant la déclaration de l'incident" });
        Assert.Equal(HttpStatusCode.Created, appended.StatusCode);
        var entry = await JsonAsync(appended);
        Assert.Equal(2, entry.GetProperty("seq").GetInt64());
        Assert.Equal("fait", entry.GetProperty("kind").GetString());
        Assert.Equal("directrice", entry.GetProperty("author").GetString());
        Assert.Equal(64, entry.GetProperty("hash").GetString()!.Length);
        Assert.Equal(64, entry.GetProperty("prevHash").GetString()!.Length);
        Assert.True(entry.GetProperty("recordedAt").GetDateTimeOffset() > entry.GetProperty("occurredAt").GetDateTimeOffset());

        var correction = await client.PostAsJsonAsync($"/api/v1/incidents/{id}/journal/2/corrections", new { text = "Imprimantes du bâtiment B seulement" });
        Assert.Equal(HttpStatusCode.Created, correction.StatusCode);
        Assert.Equal(2, (await JsonAsync(correction)).GetProperty("correctsSeq").GetInt64());

        var list = await JsonAsync(await client.GetAsync($"/api/v1/incidents/{id}/journal"));
        Assert.Equal([1L, 2, 3], list.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal(JsonValueKind.Null, list.GetProperty("nextAfterSeq").ValueKind);
        var page = await JsonAsync(await client.GetAsync($"/api/v1/incidents/{id}/journal?afterSeq=1&limit=1"));
        Assert.Equal(2, page.GetProperty("nextAfterSeq").GetInt64());

        var verify = await JsonAsync(await client.GetAsync($"/api/v1/incidents/{id}/journal/verify"));
        Assert.True(verify.GetProperty("valid").GetBoolean());
        Assert.Equal(3, verify.GetProperty("entries").GetInt64());
        Assert.Equal(JsonValueKind.Null, verify.GetProperty("firstBrokenSeq").ValueKind);

        var incident = await JsonAsync(await client.GetAsync($"/api/v1/incidents/{id}"));
        Assert.Equal(3, incident.GetProperty("journalEntries").GetInt64());
        Assert.Equal("critique", incident.GetProperty("severity").GetString());
        Assert.Single((await JsonAsync(await client.GetAsync("/api/v1/incidents"))).EnumerateArray());
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task BadInput_Answers400NamingTheField_AndWritesNothing(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        var client = await server.ApiClientAsync(UserRole.Directeur);
        var id = await CreateIncidentAsync(client);
        var url = $"/api/v1/incidents/{id}/journal";

        await AssertProblemAsync(await client.PostAsync(url, new StringContent("{\"kind\":\"fait\",", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await client.PostAsync(url, new StringContent("{\"kind\":\"fait\",\"text\":\"x\",\"occurredAt\":\"hier\"}", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "occurredAt");
        await AssertProblemAsync(await client.PostAsJsonAsync(url, new { kind = "rumeur", text = "x" }), HttpStatusCode.BadRequest, "kind");
        await AssertProblemAsync(await client.PostAsJsonAsync(url, new { kind = "fait", text = new string('x', 20_001) }), HttpStatusCode.BadRequest, "text");
        await AssertProblemAsync(await client.PostAsJsonAsync(url, new { kind = "fait", text = "x", occurredAt = DateTimeOffset.UtcNow.AddHours(2) }), HttpStatusCode.BadRequest, "occurredAt");
        await AssertProblemAsync(await client.PostAsJsonAsync($"/api/v1/incidents/{id}/phase", new { phase = "panique" }), HttpStatusCode.BadRequest, "phase");
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/v1/incidents", new { title = "x", kind = "meteo" }), HttpStatusCode.BadRequest, "kind");
        await AssertProblemAsync(await client.PostAsJsonAsync($"/api/v1/incidents/{id}/actions", new { title = "", owner = "x" }), HttpStatusCode.BadRequest, "title");

        var verify = await JsonAsync(await client.GetAsync($"/api/v1/incidents/{id}/journal/verify"));
        Assert.Equal(1, verify.GetProperty("entries").GetInt64());
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Errors_Are401_403_404_409AsProblems(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        var director = await server.ApiClientAsync(UserRole.Directeur);
        var observer = await server.ApiClientAsync(UserRole.Observateur);
        var anonymous = server.Client();
        var id = await CreateIncidentAsync(director);

        await AssertProblemAsync(await anonymous.GetAsync("/api/v1/incidents"), HttpStatusCode.Unauthorized);
        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", "vigie_forged");
        await AssertProblemAsync(await anonymous.GetAsync("/api/v1/incidents"), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await observer.GetAsync($"/api/v1/incidents/{id}/journal")).StatusCode);
        await AssertProblemAsync(await observer.PostAsJsonAsync($"/api/v1/incidents/{id}/journal", new { kind = "fait", text = "x" }), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await observer.PostAsJsonAsync("/api/v1/incidents", new { title = "x", kind = "cyber" }), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await director.GetAsync("/api/v1/incidents/999"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await director.PostAsJsonAsync("/api/v1/incidents/999/journal", new { kind = "fait", text = "x" }), HttpStatusCode.NotFound);
        await AssertProblemAsync(await director.PostAsJsonAsync($"/api/v1/incidents/{id}/journal/42/corrections", new { text = "x" }), HttpStatusCode.NotFound);
        await AssertProblemAsync(await director.PostAsJsonAsync($"/api/v1/incidents/{id}/phase", new { phase = "detection" }), HttpStatusCode.Conflict, "phase");
        await AssertProblemAsync(await director.GetAsync("/api/v1/nothing-here"), HttpStatusCode.NotFound);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task PhaseRolesActions_AreJournaled(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        var director = await server.ApiClientAsync(UserRole.Directeur);
        var member = await server.ApiClientAsync(UserRole.Membre);
        var id = await CreateIncidentAsync(director);

        Assert.Equal("crise", (await JsonAsync(await director.PostAsJsonAsync($"/api/v1/incidents/{id}/phase", new { phase = "crise" }))).GetProperty("phase").GetString());
        Assert.Equal(HttpStatusCode.OK, (await director.PutAsJsonAsync($"/api/v1/incidents/{id}/roles/rssi", new { user = "Claire Martin" })).StatusCode);
        await AssertProblemAsync(await member.PutAsJsonAsync($"/api/v1/incidents/{id}/roles/rssi", new { user = "x" }), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await director.PutAsJsonAsync($"/api/v1/incidents/{id}/roles/astronaute", new { user = "x" }), HttpStatusCode.NotFound);

        var created = await member.PostAsJsonAsync($"/api/v1/incidents/{id}/actions", new { title = "Porter plainte", owner = "Direction", dueAt = DateTimeOffset.UtcNow.AddMinutes(-1) });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var action = await JsonAsync(created);
        Assert.True(action.GetProperty("overdue").GetBoolean());
        var actionId = action.GetProperty("id").GetInt64();
        var patched = await JsonAsync(await member.PatchAsJsonAsync($"/api/v1/incidents/{id}/actions/{actionId}", new { status = "en_cours" }));
        Assert.Equal("en_cours", patched.GetProperty("status").GetString());
        await AssertProblemAsync(await member.PatchAsJsonAsync($"/api/v1/incidents/{id}/actions/{actionId}", new { status = "fini" }), HttpStatusCode.BadRequest, "status");

        var kinds = (await JsonAsync(await member.GetAsync($"/api/v1/incidents/{id}/journal"))).GetProperty("entries").EnumerateArray()
            .Select(e => (e.GetProperty("kind").GetString(), e.GetProperty("link").ValueKind == JsonValueKind.Null ? null : e.GetProperty("link").GetProperty("type").GetString())).ToList();
        Assert.Equal([("decision", "incident"), ("decision", "phase"), ("decision", "role"), ("action", "action"), ("action", "action")], kinds);
    }

    [Fact]
    public async Task OpenApi_DescribesTheApi_AndResponsesCarrySecurityHeaders()
    {
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite);
        var response = await server.Client().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await JsonAsync(response);
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/incidents", "/api/v1/incidents/{id}/journal", "/api/v1/incidents/{id}/journal/verify", "/api/v1/incidents/{id}/journal/{seq}/corrections", "/api/v1/incidents/{id}/actions/{actionId}", "/api/v1/incidents/{id}/roles/{role}" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task FiftyClients_AppendAtOnce_EveryAcknowledgedEntryOnceAndChainValid(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        var director = await server.ApiClientAsync(UserRole.Directeur);
        var id = await CreateIncidentAsync(director);
        var clients = new List<HttpClient>();
        for (var i = 0; i < 5; i++)
        {
            clients.Add(await server.ApiClientAsync(UserRole.Membre));
        }

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            var r = await clients[i % clients.Count].PostAsJsonAsync($"/api/v1/incidents/{id}/journal", new { kind = "note", text = $"client {i}" });
            return (r.StatusCode, Seq: r.IsSuccessStatusCode ? (await JsonAsync(r)).GetProperty("seq").GetInt64() : -1);
        }));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var entries = (await JsonAsync(await director.GetAsync($"/api/v1/incidents/{id}/journal"))).GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, 51).Select(i => (long)i), entries.Select(e => e.GetProperty("seq").GetInt64()));
        for (var i = 0; i < 50; i++)
        {
            Assert.Single(entries, e => e.GetProperty("text").GetString() == $"client {i}");
        }

        Assert.Equal(responses.Select(r => r.Seq).Order(), Enumerable.Range(2, 50).Select(i => (long)i));
        Assert.True((await JsonAsync(await director.GetAsync($"/api/v1/incidents/{id}/journal/verify"))).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task CrisisRoles_AreAnEditableList()
    {
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite);
        var director = await server.ApiClientAsync(UserRole.Directeur);
        var member = await server.ApiClientAsync(UserRole.Membre);
        var saved = await director.PutAsJsonAsync("/api/v1/crisis-roles/cadre_sante", new { label = "Cadre de santé", labelEn = "Head nurse" });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        await AssertProblemAsync(await member.PutAsJsonAsync("/api/v1/crisis-roles/x", new { label = "X" }), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await director.PutAsJsonAsync("/api/v1/crisis-roles/Bad Key", new { label = "X" }), HttpStatusCode.BadRequest, "key");
        Assert.Equal(HttpStatusCode.OK, (await director.PutAsJsonAsync("/api/v1/crisis-roles/logistique", new { label = "Logistique", active = false })).StatusCode);
        var roles = (await JsonAsync(await member.GetAsync("/api/v1/crisis-roles"))).EnumerateArray().Select(r => r.GetProperty("key").GetString()).ToList();
        Assert.Contains("cadre_sante", roles);
        Assert.DoesNotContain("logistique", roles);
    }
}
