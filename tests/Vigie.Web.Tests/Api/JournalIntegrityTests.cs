using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.Web.Tests.Api;

/// <summary>
/// A member must not be able to falsify the post-incident report through the journal (issue 13, item 5): a person's
/// entry cannot claim a link type that Vigie's own operations write (phase, key time, role...), a time before the
/// detection needs a reason, a time is never after its recording, and the RETEX shows what was written late.
/// </summary>
public sealed class JournalIntegrityTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task<string?> ProblemFieldAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await JsonAsync(response)).GetProperty("field").GetString();
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Append_WhenAMemberClaimsASystemLinkTypeWithABackdatedTime_IsRefused_AndTheKeyTimesStayUnknown(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        var director = await server.ApiClientAsync(UserRole.Directeur);
        var member = await server.ApiClientAsync(UserRole.Membre);
        var detected = DateTimeOffset.UtcNow.AddHours(-2);
        var created = await director.PostAsJsonAsync("/api/v1/incidents", new { title = "Rançongiciel", kind = "cyber", detectedAt = detected });
        var id = (await JsonAsync(created)).GetProperty("id").GetInt64();
        var url = $"/api/v1/incidents/{id}/journal";

        // The reproduction: the crisis cell "activated" five days before detection, "return to normal" while still in detection.
        Assert.Equal("link.type", await ProblemFieldAsync(await member.PostAsJsonAsync(url, new
        {
            kind = "decision", text = "Activation de la cellule de crise", occurredAt = detected.AddDays(-5), link = new { type = "phase", id = "crise" },
        })));
        Assert.Equal("link.type", await ProblemFieldAsync(await member.PostAsJsonAsync(url, new
        {
            kind = "decision", text = "Retour à la normale", link = new { type = "phase", id = "cloture" },
        })));
        foreach (var type in new[] { "key_time", "role", "incident", "Phase", " phase ", "service", "diversion", "deadline", "finding", "finding-run", "checklist_item" })
        {
            Assert.Equal("link.type", await ProblemFieldAsync(await member.PostAsJsonAsync(url, new { kind = "fait", text = "x", link = new { type, id = "1" } })));
        }

        // A link of the people's own (a ticket, a call) is still welcome.
        Assert.Equal(HttpStatusCode.Created, (await member.PostAsJsonAsync(url, new { kind = "fait", text = "Appel du SAMU", link = new { type = "ticket", id = "GLPI-42" } })).StatusCode);

        var times = (await JsonAsync(await member.GetAsync($"/api/v1/incidents/{id}/report/key-times"))).EnumerateArray().ToDictionary(
            t => t.GetProperty("key").GetString()!, t => t.GetProperty("at"));
        Assert.Equal(JsonValueKind.Null, times["cellule_crise"].ValueKind);
        Assert.Equal(JsonValueKind.Null, times["retour_normale"].ValueKind);
        Assert.Equal(JsonValueKind.Null, times["isolement"].ValueKind);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Append_WhenBackdatedBeforeTheDetection_NeedsAReason_WhichTheJournalAndTheRetexShow(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        var director = await server.ApiClientAsync(UserRole.Directeur);
        var member = await server.ApiClientAsync(UserRole.Membre);
        var detected = DateTimeOffset.UtcNow.AddHours(-2);
        var created = await director.PostAsJsonAsync("/api/v1/incidents", new { title = "Rançongiciel", kind = "cyber", detectedAt = detected });
        var id = (await JsonAsync(created)).GetProperty("id").GetInt64();
        var url = $"/api/v1/incidents/{id}/journal";

        Assert.Equal("occurredAt", await ProblemFieldAsync(await member.PostAsJsonAsync(url, new { kind = "fait", text = "Premier chiffrement", occurredAt = detected.AddDays(-5) })));
        Assert.Equal("occurredAtReason", await ProblemFieldAsync(await member.PostAsJsonAsync(url, new { kind = "fait", text = "x", occurredAt = detected.AddDays(-5), occurredAtReason = new string('x', 501) })));

        var accepted = await member.PostAsJsonAsync(url, new
        {
            kind = "fait", text = "Premier chiffrement sur le serveur de fichiers", occurredAt = detected.AddDays(-5),
            occurredAtReason = "horodatage relevé dans les journaux du serveur par le prestataire",
        });
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        var entry = await JsonAsync(accepted);
        Assert.Contains("horodatage relevé dans les journaux du serveur par le prestataire", entry.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("antérieure à la détection", entry.GetProperty("text").GetString(), StringComparison.Ordinal);

        // After detection no reason is needed.
        Assert.Equal(HttpStatusCode.Created, (await member.PostAsJsonAsync(url, new { kind = "fait", text = "Imprimantes", occurredAt = detected.AddMinutes(10) })).StatusCode);

        // Never after now: a time a little ahead (clock skew) is recorded as the recording time.
        var ahead = await JsonAsync(await member.PostAsJsonAsync(url, new { kind = "fait", text = "Horloge en avance", occurredAt = DateTimeOffset.UtcNow.AddMinutes(3) }));
        Assert.True(ahead.GetProperty("occurredAt").GetDateTimeOffset() <= ahead.GetProperty("recordedAt").GetDateTimeOffset());

        // The RETEX timeline says when the backdated entry was written.
        var report = await JsonAsync(await member.GetAsync($"/api/v1/incidents/{id}/report"));
        var timeline = report.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "timeline");
        var rows = timeline.GetProperty("blocks").EnumerateArray().Where(b => b.TryGetProperty("rows", out _)).SelectMany(b => b.GetProperty("rows").EnumerateArray());
        var row = rows.Single(r => r.GetProperty("cells")[4].GetString()!.StartsWith("Premier chiffrement", StringComparison.Ordinal));
        Assert.Contains("consigné le", row.GetProperty("cells")[4].GetString(), StringComparison.Ordinal);
    }
}
