using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.Web.Tests.Accounts;

/// <summary>The sign-in page under attack (issue 13, items 3 and 8).</summary>
public sealed partial class SignInPageTests
{
    [Fact]
    public async Task Login_ThrottleCountsEverySpellingOfTheRoute()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite, clock);
        using var session = new PageSession(server.Address);
        string[] spellings = ["/login", "/login/", "/Login/", "/LOGIN", "/login?x=1", "/Login"];
        var statuses = new List<(string Path, HttpStatusCode Status)>();
        for (var i = 0; i < 12; i++)
        {
            var path = spellings[i % spellings.Length];
            var response = await session.SubmitAsync(path, "login", new Dictionary<string, string> { ["Form.Name"] = "nobody" + i, ["Form.Password"] = "wrong password" });
            statuses.Add((path, response.StatusCode));
        }

        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.OK, s.Status));
        Assert.All(statuses.Skip(10), s => Assert.True(s.Status == HttpStatusCode.TooManyRequests, $"{s.Path}: {(int)s.Status}"));

        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.OK, (await session.SubmitAsync("/login/", "login", new Dictionary<string, string> { ["Form.Name"] = "x", ["Form.Password"] = "wrong password" })).StatusCode);
    }

    [Fact]
    public async Task Login_EveryFailure_ShowsTheSamePage()
    {
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite);
        foreach (var name in new[] { "alice", "bob", "carol" })
        {
            await server.CreateUserAsync(name, UserRole.Membre);
        }

        await using (var connection = await server.Service<Database>().OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE users SET disabled = 1 WHERE name = 'bob'");
        }

        using var session = new PageSession(server.Address);
        for (var i = 0; i < 5; i++)
        {
            await session.LoginAsync("carol", "wrong password " + i);
        }

        var pages = new List<(string Case, HttpStatusCode Status, string Body)>();
        foreach (var (label, name, password) in new[]
        {
            ("unknown", "nobody", "correct horse battery staple"),
            ("disabled", "bob", "correct horse battery staple"),
            ("wrong password", "alice", "not the password"),
            ("held back", "carol", "correct horse battery staple"),
        })
        {
            var response = await session.LoginAsync(name, password);
            var body = AntiforgeryValue().Replace(await response.Content.ReadAsStringAsync(), "TOKEN").Replace(name, "NAME", StringComparison.Ordinal);
            pages.Add((label, response.StatusCode, body));
        }

        Assert.All(pages, p => Assert.Equal(HttpStatusCode.OK, p.Status));
        Assert.Contains("Identifiant ou mot de passe incorrect", pages[0].Body, StringComparison.Ordinal);
        foreach (var page in pages.Skip(1))
        {
            Assert.True(page.Body == pages[0].Body, $"{page.Case} differs from {pages[0].Case}");
        }

        Assert.DoesNotContain("verrouill", pages[3].Body, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex("value=\"[^\"]{40,}\"")]
    private static partial Regex AntiforgeryValue();
}
