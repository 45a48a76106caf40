using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.Web.Tests.Deadlines;

/// <summary>The deadlines API: rules, board, answers, events, sending, drafts; errors as problems naming the field; reminders by the background worker.</summary>
public sealed class DeadlineApiTests
{
    private static readonly DateTimeOffset s_detected = new(2024, 2, 11, 1, 0, 0, TimeSpan.Zero);

    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    private static async Task<long> IncidentAsync(HttpClient api)
    {
        var created = await api.PostAsJsonAsync("/api/v1/incidents", new { title = "Rançongiciel", kind = "cyber", detectedAt = s_detected, severity = "critique", site = "CH d'Armentières" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static JsonElement Deadline(JsonElement board, string id) =>
        board.GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("id").GetString() == id);

    [Theory, MemberData(nameof(Kinds))]
    public async Task Board_AnswerEventSentDraft_RoundTrip(DatabaseKind kind)
    {
        var clock = new FakeTimeProvider(s_detected.AddHours(20));
        await using var server = await TestServer.StartAsync(kind, clock);
        var api = await server.ApiClientAsync(UserRole.Directeur, "directrice");
        var id = await IncidentAsync(api);

        var rules = await api.GetFromJsonAsync<JsonElement>("/api/v1/deadlines/rules");
        Assert.Equal(7, rules.GetProperty("deadlines").GetArrayLength());
        Assert.Equal("72h", rules.GetProperty("deadlines").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "cnil").GetProperty("offset").GetString());

        var board = await api.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{id}/deadlines");
        var complaint = Deadline(board, "complaint");
        Assert.Equal("a_venir", complaint.GetProperty("status").GetString());
        Assert.Equal(52 * 3600, complaint.GetProperty("secondsLeft").GetInt64());
        Assert.Equal("sans_delai", Deadline(board, "ars_cert_sante").GetProperty("status").GetString());

        var answered = await api.PutAsJsonAsync($"/api/v1/incidents/{id}/deadlines/questions/personal_data", new { answer = "oui" });
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var evented = await api.PutAsJsonAsync($"/api/v1/incidents/{id}/deadlines/events/breach_awareness", new { at = s_detected.AddHours(5) });
        var cnil = Deadline(await evented.Content.ReadFromJsonAsync<JsonElement>(), "cnil");
        Assert.Equal(("applicable", "a_venir"), (cnil.GetProperty("applicability").GetString(), cnil.GetProperty("status").GetString()));
        Assert.Equal(s_detected.AddHours(77), cnil.GetProperty("dueAt").GetDateTimeOffset());

        var draft = await api.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{id}/deadlines/cnil/draft");
        Assert.Equal(0, draft.GetProperty("version").GetInt32());
        Assert.Contains("Responsable de traitement\u202F: CH d'Armentières", draft.GetProperty("text").GetString(), StringComparison.Ordinal);
        var final = await api.PutAsJsonAsync($"/api/v1/incidents/{id}/deadlines/cnil/draft", new { text = "Notification initiale.", final = true });
        Assert.Equal(HttpStatusCode.OK, final.StatusCode);
        Assert.Equal(1, (await final.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());

        var sent = await api.PostAsJsonAsync($"/api/v1/incidents/{id}/deadlines/cnil/sent", new { reference = "CNIL-2024-77" });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var record = Deadline(await sent.Content.ReadFromJsonAsync<JsonElement>(), "cnil");
        Assert.Equal("envoyee", record.GetProperty("status").GetString());
        Assert.Equal(("directrice", "CNIL-2024-77", 1), (record.GetProperty("sent").GetProperty("sentBy").GetString(), record.GetProperty("sent").GetProperty("reference").GetString(),
            record.GetProperty("sent").GetProperty("draftVersion").GetInt32()));
        var journal = await api.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{id}/journal");
        Assert.Contains(journal.GetProperty("entries").EnumerateArray(), e => e.GetProperty("text").GetString()!.StartsWith("Notification envoyée\u202F: Notification de violation", StringComparison.Ordinal)
            && e.GetProperty("text").GetString()!.Contains("CNIL-2024-77", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task BadInput_Answers400NamingTheField_403ForObservers_404ForUnknown(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        var api = await server.ApiClientAsync(UserRole.Directeur);
        var observer = await server.ApiClientAsync(UserRole.Observateur);
        var id = await IncidentAsync(api);

        async Task<(HttpStatusCode, string?)> Problem(HttpResponseMessage r) =>
            (r.StatusCode, r.StatusCode == HttpStatusCode.BadRequest ? (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString() : null);

        Assert.Equal((HttpStatusCode.BadRequest, "answer"), await Problem(await api.PutAsJsonAsync($"/api/v1/incidents/{id}/deadlines/questions/personal_data", new { answer = "peut-être" })));
        Assert.Equal((HttpStatusCode.BadRequest, "reference"), await Problem(await api.PostAsJsonAsync($"/api/v1/incidents/{id}/deadlines/cnil/sent", new { reference = "" })));
        Assert.Equal((HttpStatusCode.BadRequest, "at"), await Problem(await api.PutAsJsonAsync($"/api/v1/incidents/{id}/deadlines/events/breach_awareness", new { at = (DateTimeOffset?)null })));
        Assert.Equal((HttpStatusCode.BadRequest, "eventId"), await Problem(await api.PutAsJsonAsync($"/api/v1/incidents/{id}/deadlines/events/detection", new { at = s_detected })));
        Assert.Equal((HttpStatusCode.BadRequest, "text"), await Problem(await api.PutAsJsonAsync($"/api/v1/incidents/{id}/deadlines/cnil/draft", new { text = new string('x', 15_001), final = false })));
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/incidents/{id}/deadlines/tax_return/sent", new { reference = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/incidents/999/deadlines")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await observer.PostAsJsonAsync($"/api/v1/incidents/{id}/deadlines/cnil/sent", new { reference = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await observer.GetAsync($"/api/v1/incidents/{id}/deadlines")).StatusCode);
        var journal = await api.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{id}/journal");
        Assert.Equal(1, journal.GetProperty("entries").GetArrayLength()); // nothing written by the refused requests
    }

    [Fact]
    public async Task ReminderWorker_WritesTheReminderWhenTheFakeClockReachesIt()
    {
        var clock = new FakeTimeProvider(s_detected.AddHours(1));
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite, clock);
        var api = await server.ApiClientAsync(UserRole.Directeur);
        var id = await IncidentAsync(api);
        await api.PutAsJsonAsync($"/api/v1/incidents/{id}/deadlines/questions/nis2_entity", new { answer = "non" });
        var journal = server.Service<JournalService>();

        clock.Advance(TimeSpan.FromHours(47)); // complaint: 24 h left; the worker's one-minute timer fires on the fake clock
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JournalEntry? reminder = null;
        while (reminder is null && DateTime.UtcNow < deadline)
        {
            reminder = (await journal.ListAsync(id, new JournalQuery())).FirstOrDefault(e => e.Author == "vigie");
            if (reminder is null)
            {
                clock.Advance(TimeSpan.FromMinutes(1));
                await Task.Delay(50);
            }
        }

        Assert.NotNull(reminder);
        Assert.StartsWith("Rappel d'échéance\u202F: Dépôt de plainte", reminder.Text, StringComparison.Ordinal);
    }
}
