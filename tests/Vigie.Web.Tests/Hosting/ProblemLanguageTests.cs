using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.Web.Tests.Hosting;

/// <summary>
/// Domain problems in the reader's language on both databases: a French page shows the French message beside the field,
/// times in the hospital's local time, with no leftover success message; the API answers in the language of
/// Accept-Language (English by default) with the problem's stable <c>code</c>.
/// </summary>
public sealed class ProblemLanguageTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Theory, MemberData(nameof(Kinds))]
    public async Task JournalPage_FutureTime_FrenchMessageInLocalTime_AndNoSuccessLeftOver(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        await server.CreateUserAsync("scribe", UserRole.Directeur);
        var id = (await server.Service<IncidentService>().CreateAsync(new NewIncident("Rançongiciel", IncidentKind.Cyber), "scribe")).Value.Id;
        using var session = new PageSession(server.Address);
        await session.LoginAsync("scribe");

        var saved = await session.SubmitAsync($"/incidents/{id}/journal", "journal-entry", new Dictionary<string, string> { ["Entry.Kind"] = "fait", ["Entry.Text"] = "Serveurs chiffrés" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var afterSuccess = saved.Headers.Location!.OriginalString; // /incidents/{id}/journal?added=N
        Assert.Contains("added=", afterSuccess, StringComparison.Ordinal);
        Assert.Matches(@"Entrée n°\d+ enregistrée", WebUtility.HtmlDecode(await session.GetAsync(afterSuccess)));

        var clock = server.Service<HospitalClock>();
        var future = clock.ParseInput(clock.InputValue(clock.GetUtcNow().AddDays(2)))!.Value;
        var refused = await session.SubmitAsync(afterSuccess, "journal-entry",
            new Dictionary<string, string> { ["Entry.Kind"] = "fait", ["Entry.Text"] = "Heure mal saisie", ["Entry.OccurredAt"] = clock.InputValue(future) });
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());

        Assert.Contains($"L’heure des faits {clock.TextWithZone(future)} est dans le futur (heure du serveur\u202F:", html, StringComparison.Ordinal);
        Assert.Contains("data-code=\"occurred_at_in_future\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("enregistrée", html, StringComparison.Ordinal);
        Assert.DoesNotContain("is in the future", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", html[html.IndexOf("L’heure des faits", StringComparison.Ordinal)..][..200]);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Api_Problem_CarriesCode_InTheLanguageOfAcceptLanguage(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        var client = await server.ApiClientAsync(UserRole.Directeur);
        var id = (await server.Service<IncidentService>().CreateAsync(new NewIncident("Rançongiciel", IncidentKind.Cyber), "directrice")).Value.Id;
        var clock = server.Service<HospitalClock>();
        var future = Time.Truncate(clock.GetUtcNow().AddDays(2));
        var url = $"/api/v1/incidents/{id}/journal";

        async Task<JsonElement> PostAsync(string? language, HttpContent content)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
            if (language is not null)
            {
                request.Headers.AcceptLanguage.ParseAdd(language);
            }

            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return await JsonAsync(response);
        }

        var body = new { kind = "fait", text = "x", occurredAt = future };
        var french = await PostAsync("fr-FR,fr;q=0.9,en;q=0.5", JsonContent.Create(body));
        Assert.Equal("occurred_at_in_future", french.GetProperty("code").GetString());
        Assert.Equal("occurredAt", french.GetProperty("field").GetString());
        var frenchDetail = french.GetProperty("detail").GetString()!;
        Assert.StartsWith($"L’heure des faits {clock.TextWithZone(future)} est dans le futur", frenchDetail, StringComparison.Ordinal);
        Assert.Equal(frenchDetail, french.GetProperty("errors").GetProperty("occurredAt")[0].GetString());
        Assert.Equal("Requête invalide", french.GetProperty("title").GetString());
        Assert.False(french.TryGetProperty("vigie.problem", out _));

        var english = await PostAsync("en", JsonContent.Create(body));
        Assert.Equal("occurred_at_in_future", english.GetProperty("code").GetString());
        Assert.StartsWith($"occurredAt {LocalTimeText.Format(future, clock.Zone)} (Paris time) is in the future", english.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var byDefault = await PostAsync(null, JsonContent.Create(new { kind = "fait", text = "" }));
        Assert.Equal("required", byDefault.GetProperty("code").GetString());
        Assert.Equal("text is required.", byDefault.GetProperty("detail").GetString());

        // Malformed JSON names the field, in the asked language, with its code.
        var wrongType = await PostAsync("fr", new StringContent("{\"kind\":\"fait\",\"text\":\"x\",\"occurredAt\":\"hier\"}", Encoding.UTF8, "application/json"));
        Assert.Equal("field_wrong_type", wrongType.GetProperty("code").GetString());
        Assert.Equal("occurredAt", wrongType.GetProperty("field").GetString());
        Assert.Contains("« occurredAt » n’a pas le bon type", wrongType.GetProperty("detail").GetString()!.Replace('\u202F', ' '), StringComparison.Ordinal);

        // Not found: a code too.
        using var missing = new HttpRequestMessage(HttpMethod.Get, "/api/v1/incidents/999");
        missing.Headers.AcceptLanguage.ParseAdd("fr");
        var notFound = await client.SendAsync(missing);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        var notFoundJson = await JsonAsync(notFound);
        Assert.Equal("incident_not_found", notFoundJson.GetProperty("code").GetString());
        Assert.Equal("L’incident 999 n’existe pas.", notFoundJson.GetProperty("detail").GetString());
    }
}
