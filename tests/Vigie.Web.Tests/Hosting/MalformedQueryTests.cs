using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Storage;
using Vigie.Web.Hosting;
using Vigie.Web.Testing;

namespace Vigie.Web.Tests.Hosting;

/// <summary>
/// Issue 13, item 14: a malformed query parameter is a 400 in the reader's language, never a 500, and every response,
/// errors included, carries the security headers.
/// </summary>
public sealed class MalformedQueryTests
{
    private static readonly string[] s_garbage =
    [
        "x", "-", "1.5", "1e3", "99999999999999999999", "-99999999999999999999", "%00", "%27", "%5C", "%09", "0x10", "%E2%80%AE1",
        "9999-99-99", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59-14:00", "null", new string('9', 400),
    ];

    /// <summary>Every query parameter a page reads, with the pages that read it.</summary>
    private static readonly (string Path, string Parameter, bool Typed)[] s_parameters =
    [
        ("/incidents/{0}/journal", "before", true),
        ("/incidents/{0}/journal", "correct", true),
        ("/incidents/{0}/journal", "added", true),
        ("/incidents/{0}/journal", "kind", false),
        ("/incidents/{0}/accueil", "enregistre", true),
        ("/incidents/{0}/redirections/1/slip", "nouveau", true),
        ("/incidents/{0}/redirections/1/slip", "format", false),
        ("/incidents/{0}/findings", "level", false),
        ("/incidents/{0}/findings", "after", false),
        ("/incidents/{0}/findings", "from", false),
        ("/incidents/{0}/findings", "to", false),
        ("/incidents/{0}/findings", "host", false),
        ("/incidents/{0}/findings", "rule", false),
        ("/incidents/{0}/findings", "tactic", false),
        ("/incidents/{0}/findings", "status", false),
        ("/remediation", "statut", false),
        ("/remediation", "domaine", false),
        ("/remediation", "ouvertes", false),
        ("/territoire", "q", false),
        ("/directory", "modifier", false),
        ("/login", "returnUrl", false),
        ("/", "culture", false),
        ("/", "ui-culture", false),
    ];

    [Fact]
    public async Task GarbageInAnyPagesQueryParameter_IsNeverA500_AndTypedOnesAre400()
    {
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite);
        await server.CreateUserAsync("admin", UserRole.Admin);
        var incident = (await server.Service<IncidentService>().CreateAsync(new NewIncident("Rançongiciel", IncidentKind.Cyber), "admin")).Value;
        using var session = new PageSession(server.Address);
        await session.LoginAsync("admin");

        var failures = new List<string>();
        foreach (var (template, parameter, typed) in s_parameters)
        {
            var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, incident.Id);
            foreach (var garbage in s_garbage)
            {
                var url = $"{path}?{parameter}={garbage}";
                var response = await session.Http.GetAsync(url);
                var status = (int)response.StatusCode;
                if (status >= 500 || (typed && !IsNumber(garbage) && status != 400))
                {
                    failures.Add($"{url}: {status}");
                }

                if (!response.Headers.Contains("Content-Security-Policy"))
                {
                    failures.Add($"{url}: {status} without security headers");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));

        var bad = await session.Http.GetAsync($"/incidents/{incident.Id}/journal?before=x");
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
        Assert.Contains("before", html, StringComparison.Ordinal);
        Assert.Contains("Adresse incorrecte", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/%5Cevil.example")]
    [InlineData("/%09/evil.example")]
    [InlineData("%2F%5C%09evil.example")]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/%5C/evil.example")]
    public async Task CultureSwitch_WithAReturnUrlThatLeavesTheSite_Is400_NeverA500(string returnUrl)
    {
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite);
        var response = await server.Client().GetAsync($"/culture/en?returnUrl={returnUrl}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
        Assert.True(response.Headers.Contains("X-Content-Type-Options"));
        using var fine = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.Address };
        var ok = await fine.GetAsync("/culture/en?returnUrl=%2Fincidents%2F1%2Fjournal%3Fbefore%3D3");
        Assert.Equal("/incidents/1/journal?before=3", ok.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/%5Cevil.example")]
    [InlineData("/%09/evil.example")]
    [InlineData("/%5C/evil.example")]
    public async Task Login_WithAReturnUrlThatLeavesTheSite_LandsOnTheHomePage(string returnUrl)
    {
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite);
        await server.CreateUserAsync("alice", UserRole.Membre);
        using var session = new PageSession(server.Address);
        var response = await session.SubmitAsync($"/login?returnUrl={returnUrl}", "login",
            new Dictionary<string, string> { ["Form.Name"] = "alice", ["Form.Password"] = "correct horse battery staple" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString.Replace(server.Address.ToString().TrimEnd('/'), "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnexpectedError_StillCarriesTheSecurityHeaders()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var app = VigieWebApp.Build(new VigieServerOptions
        {
            Database = database.Settings, DataDirectory = database.Folder, Urls = "http://127.0.0.1:0", PasswordIterations = TestServer.TestIterations,
        });
        app.MapGet("/test/bug", (RequestDelegate)(_ => throw new InvalidOperationException("a bug")));
        await VigieWebApp.PrepareAsync(app);
        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(VigieWebApp.Addresses(app)[0]) };
            var response = await client.GetAsync("/test/bug");
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            foreach (var header in new[] { "Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy" })
            {
                Assert.True(response.Headers.Contains(header), header);
            }

            Assert.DoesNotContain("a bug", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static bool IsNumber(string value) => long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _);
}
