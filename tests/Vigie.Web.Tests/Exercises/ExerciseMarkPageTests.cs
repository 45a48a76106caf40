using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.Web.Tests.Exercises;

/// <summary>The EXERCICE mark on the pages of an exercise incident that are shown on a wall or handed over, and never on a real incident's.</summary>
public sealed class ExerciseMarkPageTests
{
    [Fact]
    public async Task CrisisBoard_AndDeadlinePage_OfAnExercise_CarryTheMark_ARealIncidentsDoNot()
    {
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite);
        await server.CreateUserAsync("directrice", UserRole.Directeur);
        var incidents = server.Service<IncidentService>();
        var exercise = (await incidents.CreateAsync(new NewIncident("Exercice annuel", IncidentKind.Cyber, Exercise: true), "directrice")).Value;
        var real = (await incidents.CreateAsync(new NewIncident("Rançongiciel", IncidentKind.Cyber), "directrice")).Value;
        using var session = new PageSession(server.Address);
        await session.LoginAsync("directrice");

        foreach (var path in new[] { "/incidents/{0}/tableau-de-crise", "/incidents/{0}/echeances/complaint" })
        {
            var marked = await session.GetAsync(path.Replace("{0}", exercise.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
            Assert.Contains("class=\"exercise-banner exercise-mark\"", marked, StringComparison.Ordinal);
            Assert.Contains("EXERCICE — ", marked, StringComparison.Ordinal);
            Assert.Contains("Exercice annuel", marked, StringComparison.Ordinal);

            var plain = await session.GetAsync(path.Replace("{0}", real.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
            Assert.Contains("Rançongiciel", plain, StringComparison.Ordinal);
            Assert.DoesNotContain("exercise-mark", plain, StringComparison.Ordinal);
        }
    }
}
