using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.Web.Tests.Reports;

/// <summary>The RETEX over HTTP: the tab and its key-time form, the print view in French or English, the PDF download, the API.</summary>
public sealed class ReportWebTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    [Theory, MemberData(nameof(Kinds))]
    public async Task Pages_KeyTimeForm_PrintView_AndPdf_InTheUsersLanguage(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        await server.CreateUserAsync("directrice", UserRole.Directeur);
        var detected = DateTimeOffset.UtcNow.AddHours(-10);
        var incident = (await server.Service<IncidentService>().CreateAsync(new NewIncident("Rançongiciel", IncidentKind.Cyber, detected, Severity.Critique, "CH d'Armentières"), "d")).Value;
        using var session = new PageSession(server.Address);
        await session.LoginAsync("directrice");

        var tab = await session.GetAsync($"/incidents/{incident.Id}/retex");
        Assert.Contains("Rapport post-incident (RETEX)", tab, StringComparison.Ordinal);
        Assert.Contains("href=\"/incidents/" + incident.Id + "/retex.pdf\"", tab, StringComparison.Ordinal);
        var local = TimeZoneInfo.ConvertTime(detected.AddHours(2), TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        var set = await session.SubmitAsync($"/incidents/{incident.Id}/retex", "report-key-time", new Dictionary<string, string>
        {
            ["KeyTimeForm.Key"] = "fermeture_urgences", ["KeyTimeForm.At"] = local.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Contains("saisi par directrice", await session.GetAsync($"/incidents/{incident.Id}/retex"), StringComparison.Ordinal);

        var print = await session.GetAsync($"/incidents/{incident.Id}/retex/print");
        Assert.Contains("class=\"print-view report\"", print, StringComparison.Ordinal);
        Assert.Contains("Heures clés et durées", print, StringComparison.Ordinal);
        Assert.Contains("Fermeture des urgences", print, StringComparison.Ordinal);
        Assert.Contains("intégrité du journal", print, StringComparison.Ordinal);
        Assert.Contains("data-print", print, StringComparison.Ordinal);

        var pdf = await session.Http.GetAsync($"/incidents/{incident.Id}/retex.pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith("-fr.pdf", pdf.Content.Headers.ContentDisposition!.FileName!.Trim('"'), StringComparison.Ordinal);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..5]));

        await session.Http.GetAsync($"/culture/en?returnUrl=/");
        Assert.Contains("Key times and durations", await session.GetAsync($"/incidents/{incident.Id}/retex/print"), StringComparison.Ordinal);
        var pdfEn = await session.Http.GetAsync($"/incidents/{incident.Id}/retex.pdf");
        Assert.EndsWith("-en.pdf", pdfEn.Content.Headers.ContentDisposition!.FileName!.Trim('"'), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Api_ReportJsonPdfAndKeyTimes(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        var api = await server.ApiClientAsync(UserRole.Directeur);
        var incident = (await server.Service<IncidentService>().CreateAsync(new NewIncident("Rançongiciel", IncidentKind.Cyber, DateTimeOffset.UtcNow.AddHours(-3)), "d")).Value;

        var report = await api.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{incident.Id}/report?lang=en");
        Assert.Equal("en", report.GetProperty("language").GetString());
        var sections = report.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("key").GetString()).ToList();
        Assert.Equal("key_times", sections[0]);
        Assert.Equal("integrity", sections[^1]);
        Assert.Equal("table", report.GetProperty("sections")[0].GetProperty("blocks")[0].GetProperty("type").GetString());

        var pdf = await api.GetAsync($"/api/v1/incidents/{incident.Id}/report.pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);

        var put = await api.PutAsJsonAsync($"/api/v1/incidents/{incident.Id}/report/key-times/isolement", new { at = DateTimeOffset.UtcNow.AddHours(-2) });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var bad = await api.PutAsJsonAsync($"/api/v1/incidents/{incident.Id}/report/key-times/lunch", new { at = DateTimeOffset.UtcNow });
        Assert.Equal("key", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        var times = await api.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{incident.Id}/report/key-times");
        Assert.Equal(6, times.GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/incidents/999/report")).StatusCode);
    }
}
