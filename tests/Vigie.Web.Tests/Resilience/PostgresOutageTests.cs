using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.Web.Tests.Resilience;

/// <summary>PostgreSQL stopped under a running server (a private instance, never the shared one).</summary>
public sealed class PostgresOutageTests
{
    [Fact]
    public async Task WhenPostgresStops_RequestsAnswer503_AndTheServerRecoversWhenItIsBack()
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        await using var server = await TestServer.StartAsync(await TestDatabase.CreateAsync(DatabaseKind.PostgreSql, postgres.ConnectionString));
        var client = await server.ApiClientAsync(UserRole.Directeur);
        var created = await client.PostAsJsonAsync("/api/v1/incidents", new { title = "Rançongiciel", kind = "cyber" });
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();

        await server.CreateUserAsync("marie", UserRole.Membre);
        using var browser = new PageSession(server.Address);
        await browser.LoginAsync("marie");

        await postgres.StopServerAsync();
        var page = await browser.Http.GetAsync($"/incidents/{id}/journal");
        var pageSeen = (page.StatusCode, page.Content.Headers.ContentType?.MediaType, await page.Content.ReadAsStringAsync());
        var during = await client.PostAsJsonAsync($"/api/v1/incidents/{id}/journal", new { kind = "fait", text = "pendant la panne" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Equal("application/problem+json", during.Content.Headers.ContentType?.MediaType);
        Assert.Contains("database", await during.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync($"/api/v1/incidents/{id}/journal")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client().GetAsync("/health")).StatusCode); // still up

        await postgres.StartServerAsync();
        HttpResponseMessage? after = null;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            after = await client.PostAsJsonAsync($"/api/v1/incidents/{id}/journal", new { kind = "fait", text = "après la panne" });
            if (after.StatusCode == HttpStatusCode.Created)
            {
                break;
            }

            await Task.Delay(250);
        }

        Assert.Equal(HttpStatusCode.Created, after!.StatusCode);
        // A signed-in browser during the outage got a page that says so, not a JSON document.
        Assert.True(pageSeen.StatusCode == HttpStatusCode.ServiceUnavailable && pageSeen.MediaType == "text/html", $"{(int)pageSeen.StatusCode} {pageSeen.MediaType}: {pageSeen.Item3}");
        Assert.Contains("Base de données injoignable", pageSeen.Item3, StringComparison.Ordinal);
        var verify = JsonDocument.Parse(await (await client.GetAsync($"/api/v1/incidents/{id}/journal/verify")).Content.ReadAsStringAsync()).RootElement;
        Assert.True(verify.GetProperty("valid").GetBoolean());
        Assert.Equal(2, verify.GetProperty("entries").GetInt64()); // the refused entry was not half-written
    }
}
