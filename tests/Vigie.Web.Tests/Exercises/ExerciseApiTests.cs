using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Exercises;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;
using Vigie.Web.Exercises;
using Vigie.Web.Testing;

namespace Vigie.Web.Tests.Exercises;

/// <summary>The exercise API on a real server: import (201 / 400 with every bad line), the clock driven by the server's worker, a whole built-in scenario at ×60.</summary>
public sealed class ExerciseApiTests
{
    private static readonly DateTimeOffset s_start = new(2025, 2, 8, 13, 0, 0, TimeSpan.Zero);

    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    internal static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    [Theory, MemberData(nameof(Kinds))]
    public async Task Import_Returns201WithIdAndCount_Or400WithEveryBadLine_AndOnlyAnimatorsMayImport(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        var animator = await server.ApiClientAsync(UserRole.Animateur, "animatrice");
        var director = await server.ApiClientAsync(UserRole.Directeur, "directrice");
        var csv = "N°;Horaire;Canal;Émetteur;Destinataire;Stimulus\n1;02:00;Mail;ARS;Tous;Premier\n2;;Mail;ARS;Tous;Sans horaire\n3;02:30;SMS;DG;Inconnu du bataillon;Qui ?\n4;02:45;Presse;Journaliste;Communication;Dernier\n";

        var refused = await animator.PostAsync("/api/v1/exercises?name=chrono.csv&title=Exercice%20du%20GHT", Csv(csv));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(refused);
        Assert.Equal([3, 4], problem.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("line").GetInt32()));
        Assert.Equal(["time", "to"], problem.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("field").GetString()));
        Assert.Empty((await JsonAsync(await director.GetAsync("/api/v1/exercises"))).EnumerateArray());

        Assert.Equal(HttpStatusCode.Forbidden, (await director.PostAsync("/api/v1/exercises?name=chrono.csv", Csv(csv))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await animator.PostAsync("/api/v1/exercises?name=chrono.csv&validOnly=true&dryRun=true", Csv(csv))).StatusCode);

        var created = await animator.PostAsync("/api/v1/exercises?name=chrono.csv&title=Exercice%20du%20GHT&validOnly=true", Csv(csv));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await JsonAsync(created);
        var id = body.GetProperty("incidentId").GetInt64();
        Assert.Equal(2, body.GetProperty("stimuli").GetInt32());
        var incident = await JsonAsync(await director.GetAsync($"/api/v1/incidents/{id}"));
        Assert.True(incident.GetProperty("exercise").GetBoolean());
        Assert.Equal("EXERCICE — Exercice du GHT", incident.GetProperty("title").GetString());

        // Multipart with a mapping, and a built-in scenario.
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("Réf;T0+;Pour;Texte du message\nX1;00:05;Tous;Bonjour\n"));
        form.Add(file, "file", "maison.csv");
        var mapped = await animator.PostAsync("/api/v1/exercises?map=" + Uri.EscapeDataString("content=Texte du message;offset=T0+;id=Réf;to=Pour"), form);
        Assert.Equal(HttpStatusCode.Created, mapped.StatusCode);
        var builtIn = await animator.PostAsync("/api/v1/exercises/builtin/vol-de-donnees-vallee", null);
        Assert.Equal(HttpStatusCode.Created, builtIn.StatusCode);
        Assert.Equal(29, (await JsonAsync(builtIn)).GetProperty("stimuli").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await animator.PostAsync("/api/v1/exercises/builtin/inconnu", null)).StatusCode);

        var openApi = await server.Client().GetStringAsync("/openapi/v1.json");
        foreach (var path in new[] { "/api/v1/exercises", "/api/v1/exercises/{id}/inbox", "/api/v1/exercises/{id}/report.pdf", "/api/v1/exercises/{id}/stimuli/{stimulusId}/shift" })
        {
            Assert.Contains($"\"{path}\"", openApi, StringComparison.Ordinal);
        }
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task BuiltInScenario_PlayedAt60_EveryStimulusDeliveredInOrderAtItsOffset_JournalAndReportHoldEach(DatabaseKind kind)
    {
        var time = new FakeTimeProvider(s_start);
        await using var server = await TestServer.StartAsync(kind, time);
        var animator = await server.ApiClientAsync(UserRole.Animateur, "animatrice");
        var exercises = server.Service<ExerciseService>();
        var id = (await JsonAsync(await animator.PostAsync("/api/v1/exercises/builtin/nuit-noire-marais-blancs", null))).GetProperty("incidentId").GetInt64();
        var planned = (await exercises.ListStimuliAsync(id)).OrderBy(s => s.Due).ThenBy(s => s.Sort).ToList();
        Assert.Equal(28, planned.Count);

        Assert.Equal(HttpStatusCode.OK, (await animator.PostAsJsonAsync($"/api/v1/exercises/{id}/start", new { speed = 60 })).StatusCode);
        var delivered = new List<(string Number, TimeSpan Due, TimeSpan Played)>();
        foreach (var stimulus in planned)
        {
            delivered.Add((stimulus.Number, stimulus.Due, await PlayAsync(server, time, id, stimulus.Id)));
        }

        Assert.Equal(planned.Select(s => s.Number), delivered.Select(d => d.Number));
        Assert.All(delivered, d => Assert.True((d.Played - d.Due).Duration() <= TimeSpan.FromSeconds(1), $"{d.Number}: due {d.Due}, played {d.Played}"));
        var order = (await exercises.ListStimuliAsync(id)).OrderBy(s => s.PlayedAt).ThenBy(s => s.JournalSeq).Select(s => s.Number);
        Assert.Equal(planned.Select(s => s.Number), order);

        var journal = await server.Service<JournalService>().ListAsync(id, new JournalQuery(Kind: JournalKind.Stimulus));
        Assert.Equal(planned.Select(s => s.Id.ToString(CultureInfo.InvariantCulture)), journal.Select(e => e.Link!.Id));
        Assert.All(journal, e => Assert.True(e.Exercise));

        // The technical stimulus went through the hunt: its findings are in the exercise.
        var technical = planned.Single(s => s.ArtifactName is not null);
        var findings = await WaitAsync(async () => (await exercises.GetStimulusAsync(id, technical.Id))!.Findings, "the hunt on the artefact");
        Assert.True(findings >= 5);

        Assert.Equal(HttpStatusCode.OK, (await animator.PostAsync($"/api/v1/exercises/{id}/finish", null)).StatusCode);
        var report = await JsonAsync(await animator.GetAsync($"/api/v1/exercises/{id}/report?lang=fr"));
        var timeline = report.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "timeline");
        var rows = timeline.GetProperty("blocks").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "table").GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(planned.Select(s => s.Number), rows.Select(r => r.GetProperty("cells")[0].GetString()));
        Assert.All(rows, r => Assert.StartsWith("joué", r.GetProperty("cells")[3].GetString(), StringComparison.Ordinal));
        var pdf = await animator.GetAsync($"/api/v1/exercises/{id}/report.pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.True((await server.Service<JournalService>().VerifyAsync(id))!.Valid);
    }

    [Fact]
    public async Task ServerRestart_TheClockGoesOnFromTheDatabase()
    {
        var time = new FakeTimeProvider(s_start);
        var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        long id;
        long first;
        var server = await TestServer.StartAsync(database, time);
        {
            var animator = await server.ApiClientAsync(UserRole.Animateur, "animatrice");
            id = (await JsonAsync(await animator.PostAsync("/api/v1/exercises/builtin/nuit-noire-marais-blancs", null))).GetProperty("incidentId").GetInt64();
            await animator.PostAsJsonAsync($"/api/v1/exercises/{id}/start", new { speed = 10 });
            first = (await server.Service<ExerciseService>().ListStimuliAsync(id)).First().Id;
            await WaitAsync(async () => (await server.Service<ExerciseService>().GetStimulusAsync(id, first))!.PlayedElapsed, "the first stimulus");

            // The server stops (its database stays).
            await server.App.StopAsync();
            await server.App.DisposeAsync();
        }

        // The server is down for a (fake) minute at ×10: ten minutes of exercise time pass; the new server delivers what fell due.
        time.Advance(TimeSpan.FromMinutes(1));
        await using var again = await TestServer.StartAsync(database, time);
        var exercises = again.Service<ExerciseService>();
        var due = (await exercises.ListStimuliAsync(id)).Where(s => s.Due <= TimeSpan.FromMinutes(10)).ToList();
        Assert.True(due.Count >= 2);
        foreach (var stimulus in due)
        {
            await WaitAsync(async () => (await exercises.GetStimulusAsync(id, stimulus.Id))!.PlayedElapsed, $"stimulus {stimulus.Number} after the restart");
        }

        Assert.Equal(ExerciseStatus.EnCours, (await exercises.GetAsync(id))!.Status);
        Assert.Equal(TimeSpan.FromMinutes(10), (await exercises.GetAsync(id))!.Elapsed(time.GetUtcNow()));
    }

    /// <summary>
    /// A change wakes the worker (a hunt's findings, a shift) just as the test moves the clock: the worker finds nothing due
    /// at the instant it read, the stimulus due at the next, and naps a millisecond. A real clock ends the nap by itself; the
    /// test's fake clock must be moved to it (CI at stop 26: "Timed out waiting for stimulus 13", the hunt of S05 had just
    /// written its findings). The clock is moved deterministically between the worker's two readings.
    /// </summary>
    [Fact]
    public async Task AChangeWakesTheWorkerAsTheClockMoves_TheStimulusIsStillDeliveredOnTime()
    {
        var time = new ClockMovedAfterDueRead(s_start);
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite, time);
        var animator = await server.ApiClientAsync(UserRole.Animateur, "animatrice");
        var exercises = server.Service<ExerciseService>();
        var csv = "N°;Horaire;Canal;Émetteur;Destinataire;Stimulus\n1;00:00;Mail;ARS;Tous;Début\n2;00:10;Mail;ARS;Tous;Premier\n3;00:20;Mail;ARS;Tous;Second\n";
        var created = await animator.PostAsync("/api/v1/exercises?name=course.csv&title=Course", Csv(csv));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await JsonAsync(created)).GetProperty("incidentId").GetInt64();
        var stimuli = (await exercises.ListStimuliAsync(id)).OrderBy(s => s.Due).ToList();
        Assert.Equal(HttpStatusCode.OK, (await animator.PostAsJsonAsync($"/api/v1/exercises/{id}/start", new { speed = 60 })).StatusCode);

        // The worker sleeps until the second stimulus falls due (the first, at 00:00, went at the start).
        var worker = Worker(server);
        var next = await WaitAsync(async () => await exercises.NextDueAsync() is { } due && worker.SleepingUntil == due ? due : (DateTimeOffset?)null, "the worker's sleep");
        Assert.True(next > time.GetUtcNow());

        // A shift of the third stimulus wakes it; the clock reaches the second one's instant just after the worker read it.
        time.MoveAfterNextDueRead(next);
        Assert.Equal(HttpStatusCode.OK, (await animator.PostAsJsonAsync($"/api/v1/exercises/{id}/stimuli/{stimuli[2].Id}/shift", new { minutes = 5 })).StatusCode);
        await WaitAsync(() => Task.FromResult(time.Moved ? (bool?)true : null), "the clock to move after the worker's reading");

        var played = await PlayAsync(server, time, id, stimuli[1].Id);
        Assert.True((played - stimuli[1].Due).Duration() <= TimeSpan.FromSeconds(1), $"due {stimuli[1].Due}, played {played}");
    }

    /// <summary>
    /// Lets the server's worker deliver a stimulus on the fake clock: each time the worker sleeps, the clock moves to the
    /// instant the next stimulus falls due (or to the worker's wake-up, if sooner), and the worker wakes and delivers.
    /// Returns the exercise time the stimulus was played at.
    /// </summary>
    internal static Task<TimeSpan> PlayAsync(TestServer server, FakeTimeProvider time, long id, long stimulusId)
    {
        var exercises = server.Service<ExerciseService>();
        var worker = Worker(server);
        return WaitAsync(async () =>
        {
            if ((await exercises.GetStimulusAsync(id, stimulusId))!.PlayedElapsed is { } done)
            {
                return done;
            }

            if (worker.SleepingUntil is { } wake && await exercises.NextDueAsync() is { } next)
            {
                // The next instant due, unless the worker wakes before it. When that instant has already passed, the
                // worker naps until it can look again (the clock moved while it looked): a real clock ends the nap.
                var now = time.GetUtcNow();
                var target = next > now && next < wake ? next : wake;
                if (target > now)
                {
                    time.SetUtcNow(target);
                }
            }

            return (TimeSpan?)null;
        }, $"stimulus {stimulusId}");
    }

    internal static ExerciseClockWorker Worker(TestServer server) =>
        server.App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<ExerciseClockWorker>().Single();

    /// <summary>Waits (bounded, on the real clock) until <paramref name="read"/> gives a value.</summary>
    internal static async Task<T> WaitAsync<T>(Func<Task<T?>> read, string what)
        where T : struct
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            if (await read() is { } value)
            {
                return value;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Timed out waiting for {what}.");
    }

    /// <summary>A fake clock that can be told to move right after the exercise worker reads it to find what is due.</summary>
    private sealed class ClockMovedAfterDueRead(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private long _moveToTicks;

        public bool Moved { get; private set; }

        public void MoveAfterNextDueRead(DateTimeOffset to) => Interlocked.Exchange(ref _moveToTicks, to.UtcTicks);

        public override DateTimeOffset GetUtcNow()
        {
            var now = base.GetUtcNow();
            if (Interlocked.Read(ref _moveToTicks) > 0 && Environment.StackTrace.Contains(nameof(ExerciseService.DeliverDueAsync), StringComparison.Ordinal)
                && Interlocked.Exchange(ref _moveToTicks, 0) is var ticks and > 0)
            {
                SetUtcNow(new DateTimeOffset(ticks, TimeSpan.Zero));
                Moved = true;
            }

            return now;
        }
    }
}
