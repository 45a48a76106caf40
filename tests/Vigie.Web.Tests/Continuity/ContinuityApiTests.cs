using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.Web.Tests.Continuity;

/// <summary>Continuity of care through /api/v1 against a real server, on SQLite and PostgreSQL.</summary>
public sealed class ContinuityApiTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    static ContinuityApiTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    internal static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    internal static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await JsonAsync(response);
        if (field is not null)
        {
            Assert.Equal(field, body.GetProperty("field").GetString());
        }

        return body;
    }

    /// <summary>An incident, a site near Armentières with the usual lists, and the sample territory.</summary>
    internal static async Task<(long Incident, long Site)> SetUpAsync(HttpClient director, string title = "Rançongiciel", bool exercise = false)
    {
        var incident = await director.PostAsJsonAsync("/api/v1/incidents", new { title, kind = "cyber", severity = "critique", exercise });
        Assert.Equal(HttpStatusCode.Created, incident.StatusCode);
        var site = await director.PostAsJsonAsync("/api/v1/sites", new { name = "Site principal", address = "Armentières", latitude = 50.6930, longitude = 2.8960 });
        Assert.Equal(HttpStatusCode.Created, site.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await director.PostAsync("/api/v1/facilities/import-sample", null)).StatusCode);
        return ((await JsonAsync(incident)).GetProperty("id").GetInt64(), (await JsonAsync(site)).GetProperty("id").GetInt64());
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Board_ClosingTheEmergencyDepartment_OpensADiversion_ReviewedAndEnded(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        var director = await server.ApiClientAsync(UserRole.Directeur, "directrice");
        var (incident, _) = await SetUpAsync(director);

        var board = await JsonAsync(await director.GetAsync($"/api/v1/incidents/{incident}/services"));
        var services = board.GetProperty("sites")[0].GetProperty("services").EnumerateArray().ToList();
        Assert.Equal(20, services.Count);
        var ed = services.First(s => s.GetProperty("code").GetString() == "urgences_adultes");
        Assert.Equal(("normal", true), (ed.GetProperty("status").GetString(), ed.GetProperty("emergency").GetBoolean()));
        var edId = ed.GetProperty("serviceId").GetInt64();

        await ProblemAsync(await director.PutAsJsonAsync($"/api/v1/incidents/{incident}/services/{edId}/status", new { status = "ferme", reason = "Chiffrement" }),
            HttpStatusCode.BadRequest, "diversion.category");
        await ProblemAsync(await director.PutAsJsonAsync($"/api/v1/incidents/{incident}/services/{edId}/status", new { status = "fermé", reason = "x" }),
            HttpStatusCode.BadRequest, "status");
        var closed = await director.PutAsJsonAsync($"/api/v1/incidents/{incident}/services/{edId}/status", new
        {
            status = "ferme", reason = "DPI indisponible",
            diversion = new { category = "sauf_maternite", plannedEndAt = DateTimeOffset.UtcNow.AddHours(24), reviewIntervalMinutes = 720 },
        });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var state = await JsonAsync(closed);
        var diversionId = state.GetProperty("diversionId").GetInt64();

        var diversion = await JsonAsync(await director.GetAsync($"/api/v1/incidents/{incident}/diversions/{diversionId}"));
        Assert.Equal(("sauf_maternite", 720, true, false), (diversion.GetProperty("category").GetString(), diversion.GetProperty("reviewIntervalMinutes").GetInt32(),
            diversion.GetProperty("active").GetBoolean(), diversion.GetProperty("reviewOverdue").GetBoolean()));
        var reviewed = await director.PostAsJsonAsync($"/api/v1/incidents/{incident}/diversions/{diversionId}/reviews", new { note = "Maintenu", reviewIntervalMinutes = 240 });
        Assert.Equal(240, (await JsonAsync(reviewed)).GetProperty("reviewIntervalMinutes").GetInt32());
        await ProblemAsync(await director.PostAsJsonAsync($"/api/v1/incidents/{incident}/diversions/{diversionId}/end", new { serviceStatus = "diversion" }), HttpStatusCode.BadRequest, "serviceStatus");
        var ended = await director.PostAsJsonAsync($"/api/v1/incidents/{incident}/diversions/{diversionId}/end", new { reason = "Reprise" });
        Assert.False((await JsonAsync(ended)).GetProperty("active").GetBoolean());
        await ProblemAsync(await director.PostAsJsonAsync($"/api/v1/incidents/{incident}/diversions/{diversionId}/end", new { }), HttpStatusCode.Conflict);

        var journal = await JsonAsync(await director.GetAsync($"/api/v1/incidents/{incident}/journal"));
        var texts = journal.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("text").GetString()!).ToList();
        Assert.Contains(texts, t => t.StartsWith("Site principal / Urgences adultes\u202F: normal → fermé.", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith($"Délestage n°{diversionId} (Site principal / Urgences adultes)\u202F: sauf maternité", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith($"Réévaluation du délestage n°{diversionId}", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith($"Fin du délestage n°{diversionId}", StringComparison.Ordinal));
        Assert.True((await JsonAsync(await director.GetAsync($"/api/v1/incidents/{incident}/journal/verify"))).GetProperty("valid").GetBoolean());
        await ProblemAsync(await director.GetAsync("/api/v1/incidents/999/services"), HttpStatusCode.NotFound);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task FacilityImport_RefusesBadLinesWithTheirNumbers_AndImportsEachEncoding(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        var member = await server.ApiClientAsync(UserRole.Membre);
        const string csv = "nom;latitude;longitude;finess;capacites\nHôpital A;50,61;3,03;590000758;urgences_adultes\nHôpital B;91;3;;\nHôpital C;50.7;2.9;;urgences_adultes unv\n";

        var refused = await member.PostAsync("/api/v1/facilities/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var problem = await ProblemAsync(refused, HttpStatusCode.BadRequest, "file");
        var line = problem.GetProperty("lines")[0];
        Assert.Equal((3, "latitude"), (line.GetProperty("line").GetInt32(), line.GetProperty("field").GetString()));
        Assert.Empty((await JsonAsync(await member.GetAsync("/api/v1/facilities"))).EnumerateArray());

        var dry = await JsonAsync(await member.PostAsync("/api/v1/facilities/import?validOnly=true&dryRun=true", new StringContent(csv, Encoding.UTF8, "text/csv")));
        Assert.Equal((false, 2), (dry.GetProperty("imported").GetBoolean(), dry.GetProperty("created").GetInt32()));

        var latin1 = new ByteArrayContent(Encoding.GetEncoding(1252).GetBytes(csv));
        latin1.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var valid = await JsonAsync(await member.PostAsync("/api/v1/facilities/import?validOnly=true", latin1));
        Assert.Equal(("Windows-1252", ";", 2, 1, true), (valid.GetProperty("encoding").GetString(), valid.GetProperty("separator").GetString(),
            valid.GetProperty("created").GetInt32(), valid.GetProperty("refused").GetInt32(), valid.GetProperty("imported").GetBoolean()));
        var facilities = (await JsonAsync(await member.GetAsync("/api/v1/facilities"))).EnumerateArray().ToList();
        Assert.Equal(["Hôpital A", "Hôpital C"], facilities.Select(f => f.GetProperty("name").GetString()));
        Assert.Equal(50.61, facilities[0].GetProperty("latitude").GetDouble());

        using var multipart = new MultipartFormDataContent();
        var file = new ByteArrayContent([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("nom,latitude,longitude,finess\n\"Hôpital A, rénové\",50.61,3.03,590000758\n")]);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        multipart.Add(file, "file", "etablissements.csv");
        var updated = await JsonAsync(await member.PostAsync("/api/v1/facilities/import", multipart));
        Assert.Equal(("UTF-8 (BOM)", ",", 1), (updated.GetProperty("encoding").GetString(), updated.GetProperty("separator").GetString(), updated.GetProperty("updated").GetInt32()));

        await ProblemAsync(await member.PostAsync("/api/v1/facilities/import", new StringContent("", Encoding.UTF8, "text/csv")), HttpStatusCode.BadRequest, "file");
        var observer = await server.ApiClientAsync(UserRole.Observateur);
        Assert.Equal(HttpStatusCode.Forbidden, (await observer.PostAsync("/api/v1/facilities/import", new StringContent(csv, Encoding.UTF8, "text/csv"))).StatusCode);

        var id = facilities[1].GetProperty("id").GetInt64();
        var status = await member.PutAsJsonAsync($"/api/v1/facilities/{id}/status", new { status = "ferme", note = "Urgences fermées" });
        Assert.Equal("ferme", (await JsonAsync(status)).GetProperty("status").GetString());
        await ProblemAsync(await member.PutAsJsonAsync($"/api/v1/facilities/{id}/status", new { status = "saturé" }), HttpStatusCode.BadRequest, "status");
        await ProblemAsync(await member.PostAsJsonAsync("/api/v1/facilities", new { name = "X", latitude = 50, longitude = 3, capabilities = new[] { "heliport" } }), HttpStatusCode.BadRequest, "capabilities");
        Assert.Equal(HttpStatusCode.NoContent, (await member.DeleteAsync($"/api/v1/facilities/{id}")).StatusCode);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Redirections_SuggestRecordPrint_RefuseClosedDestinations_AndKeepPatientDataToTheirRoles(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        var director = await server.ApiClientAsync(UserRole.Directeur, "directrice");
        var desk = await server.ApiClientAsync(UserRole.Accueil, "agent");
        var observer = await server.ApiClientAsync(UserRole.Observateur, "ars");
        var (incident, site) = await SetUpAsync(director, "Plan blanc", exercise: true);

        var suggested = await JsonAsync(await desk.PostAsJsonAsync($"/api/v1/incidents/{incident}/redirections/suggestions", new { siteId = site, birthYear = 1961, need = "avc" }));
        Assert.Equal("avc", suggested.GetProperty("need").GetString());
        Assert.Contains("1.3", suggested.GetProperty("driveTimeAssumption").GetString(), StringComparison.Ordinal);
        var first = suggested.GetProperty("ranked")[0];
        Assert.Equal("complete", first.GetProperty("fit").GetString());
        Assert.Contains("unv", first.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        var facilityId = first.GetProperty("facilityId").GetInt64();

        var created = await desk.PostAsJsonAsync($"/api/v1/incidents/{incident}/redirections", new
        {
            siteId = site, initials = "J.D.", birthYear = 1961, sex = "homme", reason = "Déficit brutal du bras droit", triage = 2, ambulatory = false, need = "avc",
            facilityId, transport = "smur_samu",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var redirection = await JsonAsync(created);
        Assert.Equal((1, "JD", "reoriente"), (redirection.GetProperty("number").GetInt32(), redirection.GetProperty("initials").GetString(), redirection.GetProperty("outcome").GetString()));

        var slip = await desk.GetAsync($"/api/v1/incidents/{incident}/redirections/1/slip");
        Assert.Equal("text/plain", slip.Content.Headers.ContentType?.MediaType);
        var text = await slip.Content.ReadAsStringAsync();
        Assert.Contains("EXERCICE", text, StringComparison.Ordinal);
        Assert.Contains(first.GetProperty("name").GetString()!, text.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Tél.\u202F: " + first.GetProperty("phone").GetString(), text, StringComparison.Ordinal);
        Assert.All(text.Split('\n'), l => Assert.True(l.Length <= 42, l));

        // A closed destination is refused with a clear message; nothing is recorded.
        await director.PutAsJsonAsync($"/api/v1/facilities/{facilityId}/status", new { status = "ferme" });
        var refused = await ProblemAsync(await desk.PostAsJsonAsync($"/api/v1/incidents/{incident}/redirections", new
        {
            siteId = site, initials = "AB", birthYear = 1980, sex = "femme", reason = "Malaise", triage = 3, ambulatory = true, facilityId, transport = "ambulance",
        }), HttpStatusCode.Conflict, "facilityId");
        Assert.Contains("is marked closed", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAsync(await desk.PostAsJsonAsync($"/api/v1/incidents/{incident}/redirections", new
        {
            siteId = site, initials = "Dupont", birthYear = 1980, sex = "femme", reason = "Malaise", triage = 3, ambulatory = true, facilityId, transport = "ambulance",
        }), HttpStatusCode.BadRequest, "initials");

        var vital = await desk.PostAsJsonAsync($"/api/v1/incidents/{incident}/redirections", new
        {
            siteId = site, initials = "SB", birthYear = 1971, sex = "femme", reason = "Arrêt cardio-respiratoire", triage = 1, ambulatory = false,
        });
        Assert.Equal("urgence_vitale_sur_place", (await JsonAsync(vital)).GetProperty("outcome").GetString());

        // Patient data: the desk and the cell, not the observer; counts: everyone who reads the incident.
        Assert.Equal(2, (await JsonAsync(await desk.GetAsync($"/api/v1/incidents/{incident}/redirections"))).GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, (await observer.GetAsync($"/api/v1/incidents/{incident}/redirections")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await observer.GetAsync($"/api/v1/incidents/{incident}/redirections/1/slip")).StatusCode);
        var stats = await JsonAsync(await observer.GetAsync($"/api/v1/incidents/{incident}/redirections/stats"));
        Assert.Equal((2, 1, 1), (stats.GetProperty("total").GetInt32(), stats.GetProperty("redirected").GetInt32(), stats.GetProperty("keptOnSite").GetInt32()));
        var export = await observer.GetAsync($"/api/v1/incidents/{incident}/redirections/stats.csv");
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var exported = Encoding.UTF8.GetString(bytes[3..]);
        // An exercise's CSV says so on every line (first column).
        Assert.StartsWith("exercice;incident;debut_heure;fin_heure;destination;finess;tri;patients", exported, StringComparison.Ordinal);
        Assert.All(exported.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1), l => Assert.StartsWith("EXERCICE;", l, StringComparison.Ordinal));
        Assert.DoesNotContain("JD", exported, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Forbidden, (await desk.PutAsJsonAsync($"/api/v1/incidents/{incident}/services/1/status", new { status = "degrade", reason = "x" })).StatusCode);
        var audit = await server.Service<Vigie.CommandPost.Audit.AuditLog>().RecentAsync();
        Assert.Contains(audit, a => a.Action == "redirection.list" && a.Actor == "agent");
        Assert.Contains(audit, a => a.Action == "redirection.slip" && a.Actor == "agent");
        Assert.Contains(audit, a => a.Action == "redirection.export" && a.Actor == "ars");
    }

    [Fact]
    public async Task OpenApi_DescribesTheContinuityEndpoints()
    {
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite);
        var document = await JsonAsync(await server.Client().GetAsync("/openapi/v1.json"));
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[]
        {
            "/api/v1/sites", "/api/v1/incidents/{id}/services", "/api/v1/incidents/{id}/services/{serviceId}/status", "/api/v1/incidents/{id}/diversions/{diversionId}/reviews",
            "/api/v1/facilities", "/api/v1/facilities/import", "/api/v1/incidents/{id}/redirections", "/api/v1/incidents/{id}/redirections/{number}/slip",
            "/api/v1/incidents/{id}/redirections/stats.csv",
        })
        {
            Assert.Contains(path, paths);
        }
    }
}
