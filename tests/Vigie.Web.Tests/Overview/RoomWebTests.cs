using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;
using Vigie.Web.Tests.Continuity;

namespace Vigie.Web.Tests.Overview;

/// <summary>
/// The night in the room through a real server, on SQLite and PostgreSQL: the desk's Idempotency-Key, grouped changes
/// in the past, the situation point with an assessment, the crisis board page, the heartbeat and the theme.
/// </summary>
public sealed class RoomWebTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    [Theory, MemberData(nameof(Kinds))]
    public async Task Api_DeskKeyGroupedChangesAndSituationPoint(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        var director = await server.ApiClientAsync(UserRole.Directeur, "directrice");
        var desk = await server.ApiClientAsync(UserRole.Accueil, "agent");
        var (incident, site) = await ContinuityApiTests.SetUpAsync(director);

        // The desk: the same submission twice (a queued form, a retry) is one patient.
        var patient = new { siteId = site, initials = "SB", birthYear = 1971, sex = "femme", reason = "Arrêt cardio-respiratoire", triage = 1 };
        using var first = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/incidents/{incident}/redirections") { Content = JsonContent.Create(patient) };
        first.Headers.Add("Idempotency-Key", "a3f1c2d4-0000-4e5f-9a8b-123456789abc");
        using var again = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/incidents/{incident}/redirections") { Content = JsonContent.Create(patient) };
        again.Headers.Add("Idempotency-Key", "a3f1c2d4-0000-4e5f-9a8b-123456789abc");
        var created = await desk.SendAsync(first);
        var replayed = await desk.SendAsync(again);
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (created.StatusCode, replayed.StatusCode));
        var (one, two) = (await ContinuityApiTests.JsonAsync(created), await ContinuityApiTests.JsonAsync(replayed));
        Assert.Equal(one.GetProperty("number").GetInt32(), two.GetProperty("number").GetInt32());
        Assert.True(two.GetProperty("replayed").GetBoolean());
        Assert.Equal(1, (await ContinuityApiTests.JsonAsync(await desk.GetAsync($"/api/v1/incidents/{incident}/redirections"))).GetArrayLength());
        await ContinuityApiTests.ProblemAsync(await desk.PostAsJsonAsync($"/api/v1/incidents/{incident}/redirections", new
        {
            siteId = site, initials = "AB", birthYear = 1971, sex = "femme", reason = "Malaise", triage = 1, submissionKey = "x",
        }), HttpStatusCode.BadRequest, "submissionKey");

        // Every IT system of the site stopped at once, one hour ago.
        var board = await ContinuityApiTests.JsonAsync(await director.GetAsync($"/api/v1/incidents/{incident}/services"));
        var it = board.GetProperty("sites")[0].GetProperty("services").EnumerateArray().Where(s => s.GetProperty("category").GetString() == "si")
            .Select(s => s.GetProperty("serviceId").GetInt64()).ToList();
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        var grouped = await director.PutAsJsonAsync($"/api/v1/incidents/{incident}/services/status", new
        {
            serviceIds = it, status = "ferme", reason = "Coupure du réseau", effectiveAt = at, beforeDetectionReason = "Coupé avant la déclaration de l'incident",
        });
        Assert.Equal(HttpStatusCode.OK, grouped.StatusCode);
        var states = (await ContinuityApiTests.JsonAsync(grouped)).EnumerateArray().ToList();
        Assert.Equal(it.Count, states.Count);
        Assert.All(states, s => Assert.Equal(Truncated(at), s.GetProperty("since").GetDateTimeOffset()));
        await ContinuityApiTests.ProblemAsync(await director.PutAsJsonAsync($"/api/v1/incidents/{incident}/services/status", new
        {
            serviceIds = it, status = "degrade", reason = "x", effectiveAt = DateTimeOffset.UtcNow.AddHours(2),
        }), HttpStatusCode.BadRequest, "effectiveAt");

        // The situation point: assessment and next point, in the snapshot and in the journal.
        var next = DateTimeOffset.UtcNow.AddHours(2);
        var point = await director.PostAsJsonAsync($"/api/v1/incidents/{incident}/situation-points", new { assessment = "Urgences fermées, reprise sur papier.", nextPointAt = next });
        Assert.Equal(HttpStatusCode.Created, point.StatusCode);
        var snapshot = await ContinuityApiTests.JsonAsync(point);
        Assert.Equal("Urgences fermées, reprise sur papier.", snapshot.GetProperty("assessment").GetString());
        Assert.Equal(it.Count, snapshot.GetProperty("services").GetArrayLength());
        Assert.Equal(1, snapshot.GetProperty("patients").GetProperty("keptOnSite").GetInt32());
        Assert.Equal(HttpStatusCode.Created, (await director.PostAsync($"/api/v1/incidents/{incident}/situation-points", null)).StatusCode);
        await ContinuityApiTests.ProblemAsync(await director.PostAsJsonAsync($"/api/v1/incidents/{incident}/situation-points", new { nextPointAt = DateTimeOffset.UtcNow.AddDays(-1) }),
            HttpStatusCode.BadRequest, "nextPointAt");
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Pages_CrisisBoard_SituationPrint_Heartbeat_Theme_AndTheDeskLanding(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        var director = await server.ApiClientAsync(UserRole.Directeur, "directrice");
        var (incident, _) = await ContinuityApiTests.SetUpAsync(director);
        await director.PostAsJsonAsync($"/api/v1/incidents/{incident}/situation-points", new { assessment = "Stable.", nextPointAt = DateTimeOffset.UtcNow.AddHours(1) });
        await server.Service<JournalService>().AppendAsync(incident, "secretariat", new NewJournalEntry(JournalKind.Fait, "Notes de rançon <imprimées> sur les imprimantes."));
        await server.CreateUserAsync("agent", UserRole.Accueil);
        await server.CreateUserAsync("ars", UserRole.Observateur);

        // The heartbeat answers anyone, is never cached, and says 204 while the database answers.
        var ping = await server.Client().GetAsync("/live/ping");
        Assert.Equal(HttpStatusCode.NoContent, ping.StatusCode);
        Assert.Contains("no-store", ping.Headers.CacheControl!.ToString(), StringComparison.Ordinal);

        // The observer (ARS) reads the board; every part is there, the journal text is escaped.
        using var observer = new PageSession(server.Address);
        await observer.LoginAsync("ars");
        var html = await observer.GetAsync($"/incidents/{incident}/tableau-de-crise");
        foreach (var part in new[] { "cb-title", "cb-phase", "cb-elapsed", "cb-deadlines", "cb-overdue", "cb-services", "cb-diversion", "cb-desk", "cb-journal", "cb-foot", "connection-banner" })
        {
            Assert.Contains($"id=\"{part}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("id=\"cb-deadline-ars_cert_sante\"", html, StringComparison.Ordinal);
        Assert.Contains("data-live-topic=\"*\"", html, StringComparison.Ordinal);
        Assert.Contains("&lt;imprimées&gt;", html, StringComparison.Ordinal);
        Assert.Contains("prochain point", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await observer.Http.GetAsync("/incidents/999/tableau-de-crise")).StatusCode);
        var latest = await observer.Http.GetAsync("/tableau-de-crise");
        Assert.EndsWith($"/incidents/{incident}/tableau-de-crise", latest.Headers.Location!.OriginalString, StringComparison.Ordinal);

        // The situation point's print view says what the ARS asks for.
        var print = WebUtility.HtmlDecode(await observer.GetAsync($"/incidents/{incident}/situation/1"));
        foreach (var part in new[] { "situation-assessment-text", "situation-next-point", "situation-services-summary", "situation-patients-summary", "situation-deadlines" })
        {
            Assert.Contains($"id=\"{part}\"", print, StringComparison.Ordinal);
        }

        Assert.Contains("Stable.", print, StringComparison.Ordinal);

        // The dark theme, chosen once, on every page.
        var dark = await observer.Http.GetAsync($"/theme/dark?returnUrl=/incidents/{incident}/journal");
        Assert.Equal(HttpStatusCode.Redirect, dark.StatusCode);
        Assert.Contains("data-theme=\"dark\"", await observer.GetAsync($"/incidents/{incident}/journal"), StringComparison.Ordinal);
        Assert.Contains("data-theme=\"dark\"", await observer.GetAsync($"/incidents/{incident}/tableau-de-crise"), StringComparison.Ordinal);
        Assert.Contains("data-theme=\"dark\"", await observer.GetAsync("/"), StringComparison.Ordinal);
        await observer.Http.GetAsync("/theme/light?returnUrl=/");
        Assert.DoesNotContain("data-theme=\"dark\"", await observer.GetAsync("/"), StringComparison.Ordinal);

        // The desk agent lands on the desk itself.
        using var agent = new PageSession(server.Address);
        var signedIn = await agent.LoginAsync("agent");
        Assert.EndsWith("/accueil", signedIn.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private static DateTimeOffset Truncated(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero);
}
