using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Cli.Serve.Demo;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Audit;
using Vigie.CommandPost.Checklists;
using Vigie.CommandPost.Continuity.Board;
using Vigie.CommandPost.Continuity.Facilities;
using Vigie.CommandPost.Continuity.Redirections;
using Vigie.CommandPost.CrisisCell;
using Vigie.CommandPost.Exercises;
using Vigie.CommandPost.Findings;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Remediation;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.Cli.Tests.Continuity;

/// <summary><c>vigie serve --demo</c>: a living command post in one command, on a fictional hospital, clearly an exercise.</summary>
public sealed partial class DemoTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vigie-demo-" + Guid.NewGuid().ToString("N")[..10]);

    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Seed_BuildsTheExerciseThroughTheDomain(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        var demo = await DemoData.SeedAsync(server.App.Services);

        Assert.Equal([UserRole.Admin, UserRole.Directeur, UserRole.Membre, UserRole.Accueil, UserRole.Observateur, UserRole.Animateur], demo.Accounts.Select(a => a.Role));
        var incident = (await server.Service<IncidentService>().GetAsync(demo.IncidentId))!;
        Assert.True(incident.Exercise);
        Assert.StartsWith("EXERCICE", incident.Title, StringComparison.Ordinal);
        var exercise = (await server.Service<ExerciseService>().GetAsync(demo.IncidentId))!;
        Assert.Equal(ExerciseStatus.EnCours, exercise.Status);
        Assert.True((await server.Service<ExerciseService>().CountsAsync(demo.IncidentId)).Played >= 3, "the stimuli of the first 20 minutes are delivered");
        Assert.Equal(IncidentPhase.Crise, incident.Phase);
        Assert.True((await server.Service<JournalService>().VerifyAsync(incident.Id))!.Valid);
        Assert.True(incident.JournalCount > 25);

        var board = (await server.Service<BoardService>().GetAsync(incident.Id))!;
        Assert.Equal(2, board.Sites.Count);
        Assert.Single(board.ActiveDiversions);
        Assert.True(board.Overdue >= 1, "the demo shows an overdue re-evaluation");
        Assert.Contains(await server.Service<FacilityService>().ListAsync(), f => f.Name.Contains("Saint-Philibert", StringComparison.Ordinal));
        var stats = await server.Service<RedirectionService>().StatsAsync(incident.Id);
        Assert.Equal((8, 1), (stats.Total, stats.KeptOnSite));

        // No tab of the incident is empty, and whatever could be taken for real says it is fictional.
        var directory = await server.Service<CrisisDirectoryService>().ListAsync();
        Assert.True(directory.Count >= 10, "the demo's crisis directory is filled");
        Assert.All(directory, e => Assert.True(e.Notes?.Contains("ficti", StringComparison.Ordinal) == true, e.Name));
        Assert.All(directory.Where(e => e.Phone.Length > 3), e => Assert.Matches(@"^0(3 53 01|1 99 00|6 39 98) \d\d \d\d$", e.Phone)); // ARCEP's numbers for fiction
        Assert.Contains(directory, e => e.Function.Contains("SAMU", StringComparison.Ordinal));
        Assert.Equal("ransomware", Assert.Single(await server.Service<ChecklistService>().ListAsync(incident.Id)).TemplateId);
        Assert.True((await server.Service<FindingService>().StatisticsAsync(incident.Id)).Total > 50);
        Assert.NotEmpty(await server.Service<RemediationService>().ListAsync(new RemediationQuery(IncidentId: incident.Id)));
        Assert.Contains(await server.Service<AuditLog>().RecentAsync(), a => a.Action == "demo.seed");
        foreach (var account in demo.Accounts)
        {
            Assert.Equal(LoginOutcome.Success, (await server.Service<AccountService>().LoginAsync(account.Name, account.Password, null)).Outcome);
        }
    }

    [Fact]
    public async Task ServeDemo_StartsALivingCommandPost_AndPrintsTheDemoAccounts()
    {
        await using (var server = await VigieServerProcess.StartAsync(_folder, VigieServerProcess.FreePort(), "--demo"))
        {
            var output = await server.WaitForOutputAsync("demo-animateur");
            Assert.Contains("is fictional; the incident is an exercise (EXERCICE)", output, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(_folder, "vigie-demo", "vigie.db")));
            var passwords = Accounts().Matches(output).ToDictionary(m => m.Groups[1].Value, m => m.Groups[3].Value);
            Assert.Equal(6, passwords.Count);

            using var desk = new PageSession(server.Address);
            Assert.Equal(HttpStatusCode.Redirect, (await desk.LoginAsync("demo-accueil", passwords["demo-accueil"])).StatusCode);
            var toDesk = await desk.Http.GetAsync("/accueil");
            Assert.Equal("/incidents/1/accueil", toDesk.Headers.Location!.OriginalString);
            var page = await desk.GetAsync("/incidents/1/accueil");
            Assert.Contains("EXERCICE", page, StringComparison.Ordinal);
            Assert.Equal(8, RecentRows().Matches(page).Count);

            using var director = new PageSession(server.Address);
            await director.LoginAsync("demo-directeur", passwords["demo-directeur"]);
            var board = WebUtility.HtmlDecode(await director.GetAsync("/incidents/1/services"));
            Assert.Contains("Délestage n°1", board, StringComparison.Ordinal);
            Assert.Contains("data-overdue=\"true\"", board, StringComparison.Ordinal);
            Assert.Contains("Rappel\u202F: réévaluation due", WebUtility.HtmlDecode(await director.GetAsync("/incidents/1/journal")), StringComparison.Ordinal);
        }

        // A second start recreates the demo: same story, new passwords.
        await using var again = await VigieServerProcess.StartAsync(_folder, VigieServerProcess.FreePort(), "--demo");
        var second = await again.WaitForOutputAsync("demo-observateur");
        Assert.Contains("/incidents/1/services", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServeDemo_RefusesADatabaseThatHasAccounts()
    {
        var file = Path.Combine(_folder, "real.db");
        await using (var services = CommandPostHost.Open(DatabaseSettings.Sqlite(file)))
        {
            await services.GetRequiredService<Database>().MigrateAsync();
            await services.GetRequiredService<AccountService>()
                .CreateUserAsync("alice", null, UserRole.Admin, "correct horse battery staple", "test");
        }

        var result = await VigieCli.RunAsync(_folder, null, "serve", "--demo", "--database", file, "--urls", "http://127.0.0.1:0");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--demo writes fictional data and needs an empty database", result.Error, StringComparison.Ordinal);
        Assert.Contains("--demo", (await VigieCli.RunAsync(_folder, null, "serve", "--help")).Output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"vigie:\s+(demo-[a-z]+)\s+([a-z]+)\s+([A-Za-z0-9]{20})")]
    private static partial Regex Accounts();

    [GeneratedRegex("<tr id=\"redirection-[0-9]+\"")]
    private static partial Regex RecentRows();
}
