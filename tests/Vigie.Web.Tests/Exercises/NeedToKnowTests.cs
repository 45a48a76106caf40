using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Exercises;
using Vigie.CommandPost.Remediation;
using Vigie.CommandPost.Storage;
using Vigie.Web.Common;
using Vigie.Web.Testing;

namespace Vigie.Web.Tests.Exercises;

/// <summary>
/// Need to know: a player's token or page never receives an animators' note, an expected reaction, a deliverable, an
/// observation, or a stimulus addressed to another role — on every endpoint and page of the exercise feature (found from
/// the server's own routes, so a route added later is covered), and in the live notices.
/// </summary>
public sealed class NeedToKnowTests
{
    private static readonly DateTimeOffset s_start = new(2025, 2, 8, 13, 0, 0, TimeSpan.Zero);

    private const string Scenario = """
        vigie_scenario: 1
        title: Besoin d'en connaître
        level: debutant
        duration: 1 h
        objectives:
          - id: O1
            text: SECRET-OBJECTIF-DETAILLE
        stimuli:
          - id: S1
            at: "+00:00"
            channel: document_papier
            from: Imprimante
            to: tous
            content: PUBLIC-NOTE-DE-RANCON
            notes: SECRET-NOTE-ANIMATION-1
            expected: SECRET-ATTENDU-1
            deliverable: SECRET-LIVRABLE-1
            objectives: [O1]
          - id: S2
            at: "+00:10"
            channel: appel_telephonique
            from: SAMU
            to: directeur_crise
            content: POUR-LE-DIRECTEUR-SEULEMENT
            notes: SECRET-NOTE-ANIMATION-2
          - id: S3
            at: "+00:20"
            channel: presse
            from: EMETTEUR-DE-LA-COMMUNICATION
            to: communication
            title: TITRE-POUR-LA-COMMUNICATION
            content: POUR-LA-COMMUNICATION-SEULEMENT
            expected: SECRET-ATTENDU-3
          - id: S4
            at: "+00:50"
            channel: sms
            from: Animation
            to: tous
            content: PAS-ENCORE-JOUE
            notes: SECRET-NOTE-ANIMATION-4
        expectations:
          - id: A1
            objective: O1
            stimulus: S2
            text: SECRET-ATTENDU-EXPLICITE
        """;

    private static readonly string[] s_secrets =
    [
        "SECRET-NOTE-ANIMATION", "SECRET-ATTENDU", "SECRET-LIVRABLE", "SECRET-OBSERVATION", "SECRET-DEBRIEF", "SECRET-PLAN",
        "PAS-ENCORE-JOUE", "POUR-LA-COMMUNICATION-SEULEMENT", "TITRE-POUR-LA-COMMUNICATION", "EMETTEUR-DE-LA-COMMUNICATION",
    ];

    [Fact]
    public async Task Players_NeverReceiveHiddenParts_OrOthersStimuli_OnAnyEndpointPageOrLiveNotice()
    {
        var time = new FakeTimeProvider(s_start);
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite, time);
        var animator = await server.ApiClientAsync(UserRole.Animateur, "animatrice");
        var import = await animator.PostAsync("/api/v1/exercises?name=scenario.yaml", new StringContent(Scenario, Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.Created, import.StatusCode);
        var id = (await ExerciseApiTests.JsonAsync(import)).GetProperty("incidentId").GetInt64();
        var exercises = server.Service<ExerciseService>();
        var stimuli = await exercises.ListStimuliAsync(id);

        // Players: a director playing the crisis director, a member playing the RSSI, a desk agent, an administrator.
        var players = new (string Name, UserRole Role, string[] Plays, string[] Forbidden)[]
        {
            ("dir", UserRole.Directeur, ["directeur_crise"], s_secrets),
            ("mem", UserRole.Membre, ["rssi"], [.. s_secrets, "POUR-LE-DIRECTEUR-SEULEMENT"]),
            ("acc", UserRole.Accueil, [], [.. s_secrets, "POUR-LE-DIRECTEUR-SEULEMENT"]),
            ("adm", UserRole.Admin, [], [.. s_secrets, "POUR-LE-DIRECTEUR-SEULEMENT"]),
        };
        var tokens = new Dictionary<string, HttpClient>();
        var sessions = new Dictionary<string, PageSession>();
        foreach (var (name, role, plays, _) in players)
        {
            tokens[name] = await server.ApiClientAsync(role, name);
            var session = new PageSession(server.Address);
            await session.LoginAsync(name);
            sessions[name] = session;
            if (plays.Length > 0)
            {
                Assert.True((await exercises.SetParticipantAsync(id, name, plays, "animatrice")).IsOk);
            }
        }

        // The live notices a player's browser gets while the exercise runs.
        var notices = new List<string>();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(server.Address, "/hubs/incidents"), o => o.Cookies = sessions["mem"].Cookies)
            .Build();
        hub.On<JsonElement>("changed", change => { lock (notices) { notices.Add(change.GetRawText()); } });
        await hub.StartAsync();
        await hub.InvokeAsync("Watch", id);
        await hub.InvokeAsync("Watch", 0L);

        // Play until +00:30: S1, S2, S3 played, S4 still planned; an observer and the animators fill the evaluation.
        Assert.Equal(HttpStatusCode.OK, (await animator.PostAsync($"/api/v1/exercises/{id}/start", JsonContent(new { speed = 60 }))).StatusCode);
        foreach (var s in stimuli.Where(s => s.Number != "S4"))
        {
            await ExerciseApiTests.PlayAsync(server, time, id, s.Id);
        }

        await exercises.ObserveAsync(id, new NewObservation(null, "A1", "SECRET-OBSERVATION faite", ObservationRating.Acquis, Comment: "SECRET-OBSERVATION commentaire"), "ars");
        await exercises.DebriefAsync(id, DebriefFunction.Direction, "SECRET-DEBRIEF bien", null, "animatrice");
        var item = (await exercises.AddActionAsync(id, new NewActionPlanItem("SECRET-PLAN mesure", CareDomain.Sensibilisation, "DSI"), "animatrice")).Value;
        await ExerciseApiTests.WaitAsync(async () => { lock (notices) { return notices.Count > 0 ? (int?)notices.Count : null; } }, "a live notice");

        // Every route of the feature, with every value its parameters take here.
        var routes = server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.Contains("exercises", StringComparison.Ordinal) || raw.StartsWith("/exercices", StringComparison.Ordinal) ||
                                                               raw == "/incidents/{Id:long}/{Section?}"))
            .ToList();
        Assert.True(routes.Count > 40, $"{routes.Count} routes found");
        var sections = server.Service<IEnumerable<IncidentSection>>().Select(s => s.Key).ToList();
        var values = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["id"] = [id.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            ["stimulusId"] = stimuli.Select(s => s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            ["itemId"] = [item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            ["user"] = ["dir"],
            ["key"] = ["nuit-noire-marais-blancs"],
            ["action"] = ["start", "pause", "resume", "finish", "play", "shift", "cancel"],
            ["Section"] = [.. sections],
        };

        var checkedRequests = 0;
        var directorSawOwn = false;
        foreach (var (name, _, _, forbidden) in players)
        {
            foreach (var route in routes)
            {
                var methods = route.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
                foreach (var path in Expand(route.RoutePattern.RawText!, values))
                {
                    foreach (var method in methods)
                    {
                        var api = path.StartsWith("/api/", StringComparison.Ordinal);
                        var client = api ? tokens[name] : sessions[name].Http;
                        using var request = new HttpRequestMessage(new HttpMethod(method), path);
                        if (method != "GET")
                        {
                            request.Content = api ? JsonContent(new { }) : new FormUrlEncodedContent([]);
                        }
                        else if (!api)
                        {
                            request.Headers.Add("X-Vigie-Live", "1");
                        }

                        using var response = await client.SendAsync(request);
                        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
                        foreach (var secret in forbidden)
                        {
                            Assert.False(body.Contains(secret, StringComparison.Ordinal), $"{name} received {secret} from {method} {path} ({(int)response.StatusCode})");
                        }

                        directorSawOwn |= name == "dir" && body.Contains("POUR-LE-DIRECTEUR-SEULEMENT", StringComparison.Ordinal);
                        checkedRequests++;
                    }
                }
            }
        }

        Assert.True(directorSawOwn, "the director receives the stimulus addressed to the crisis director");
        Assert.True(checkedRequests > 200, $"{checkedRequests} requests checked");
        var inbox = await tokens["mem"].GetStringAsync($"/api/v1/exercises/{id}/inbox");
        Assert.Contains("PUBLIC-NOTE-DE-RANCON", inbox, StringComparison.Ordinal);

        lock (notices)
        {
            Assert.All(notices, n => Assert.DoesNotContain("SECRET", n, StringComparison.Ordinal));
            Assert.All(notices, n => Assert.DoesNotContain("SEULEMENT", n, StringComparison.Ordinal));
        }

        foreach (var session in sessions.Values)
        {
            session.Dispose();
        }
    }

    private static StringContent JsonContent(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    /// <summary>Every path a route pattern gives with the values of its parameters ("{id:long}" → each id ...).</summary>
    private static IEnumerable<string> Expand(string pattern, Dictionary<string, string[]> values)
    {
        var paths = new List<string> { pattern };
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(pattern, @"\{(?<name>[A-Za-z]+)(?::[a-z]+)?\??\}"))
        {
            var name = m.Groups["name"].Value;
            var options = values.TryGetValue(name, out var v) ? v : ["1"];
            paths = paths.SelectMany(p => options.Select(o => p.Replace(m.Value, o, StringComparison.Ordinal))).ToList();
        }

        return paths.Distinct();
    }
}
