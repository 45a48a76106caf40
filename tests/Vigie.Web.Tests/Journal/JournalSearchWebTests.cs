using System.Net;
using System.Text.Json;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.Web.Tests.Journal;

/// <summary>Journal search over HTTP on both databases: the API (paged, problems naming the field) and the journal tab's form.</summary>
public sealed class JournalSearchWebTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task<long> JournalAsync(TestServer server)
    {
        var id = (await server.Service<IncidentService>().CreateAsync(new NewIncident("Rançongiciel", IncidentKind.Cyber), "directrice")).Value.Id;
        var journal = server.Service<JournalService>();
        await journal.AppendAsync(id, "alice", new NewJournalEntry(JournalKind.Fait, "Notes de rançon imprimées"));
        await journal.AppendAsync(id, "bob", new NewJournalEntry(JournalKind.Decision, "Évacuation de la réanimation vers Lomme"));
        await journal.AppendAsync(id, "alice", new NewJournalEntry(JournalKind.Action, "Évacuation : SMUR demandé"));
        await journal.AppendAsync(id, "alice", new NewJournalEntry(JournalKind.Note, "Rien à signaler"));
        return id;
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Api_Search_FindsWordsWithoutAccents_ByPages(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        var client = await server.ApiClientAsync(UserRole.Observateur);
        var id = await JournalAsync(server);

        var first = await JsonAsync(await client.GetAsync($"/api/v1/incidents/{id}/journal/search?q=evacuation&limit=1"));
        Assert.Equal([4L], first.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal(4, first.GetProperty("nextBeforeSeq").GetInt64());
        var second = await JsonAsync(await client.GetAsync($"/api/v1/incidents/{id}/journal/search?q=evacuation&limit=1&beforeSeq=4"));
        Assert.Equal([3L], second.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()));
        var filtered = await JsonAsync(await client.GetAsync($"/api/v1/incidents/{id}/journal/search?author=alice&kind=action&from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z"));
        Assert.Equal([4L], filtered.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Api_Search_BadCriteria_Are400NamingTheField(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        var client = await server.ApiClientAsync(UserRole.Observateur);
        var id = await JournalAsync(server);
        foreach (var (query, field) in new[] { ("q=%21%21", "q"), ("kind=rumeur", "kind"), ("limit=0", "limit"), ("from=2024-02-11T10:00:00Z&to=2024-02-11T09:00:00Z", "to") })
        {
            var response = await client.GetAsync($"/api/v1/incidents/{id}/journal/search?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(field, (await JsonAsync(response)).GetProperty("field").GetString());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/incidents/999/journal/search?q=x")).StatusCode);
    }

    [Fact]
    public async Task Api_Search_IsInTheOpenApiDocument()
    {
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite);
        var document = await server.Client().GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/incidents/{id}/journal/search", document, StringComparison.Ordinal);
        Assert.Contains("/api/v1/incidents/{id}/evidence", document, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task JournalTab_SearchForm_ListsMatchesWithMarkedWordsAndLinks(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        await server.CreateUserAsync("lecteur", UserRole.Observateur);
        var id = await JournalAsync(server);
        using var session = new PageSession(server.Address);
        await session.LoginAsync("lecteur");

        var html = await session.GetAsync($"/incidents/{id}/journal?q=EVACUATION&author=alice");

        Assert.Contains("role=\"search\"", html, StringComparison.Ordinal);
        var text = WebUtility.HtmlDecode(html);
        Assert.Contains("1\u202Fentrée(s) trouvée(s)", text, StringComparison.Ordinal);
        Assert.Contains("<mark>Évacuation</mark> : SMUR demandé", text, StringComparison.Ordinal);
        Assert.Contains($"href=\"/incidents/{id}/journal?before=5#e4\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Rien à signaler", html, StringComparison.Ordinal); // the latest entries are not listed while searching
        var none = await session.GetAsync($"/incidents/{id}/journal?q=inexistant");
        Assert.Contains("Aucune entrée ne correspond.", none, StringComparison.Ordinal);
        var bad = await session.GetAsync($"/incidents/{id}/journal?q=%21%21");
        Assert.Contains("Aucun mot à chercher", bad, StringComparison.Ordinal);
        var english = await session.GetAsync($"/incidents/{id}/journal?q=lomme&culture=en-GB");
        Assert.Contains("1 entries found", english, StringComparison.Ordinal);
    }
}
