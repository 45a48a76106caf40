using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;
using Vigie.Testing;
using Vigie.Web.Testing;

namespace Vigie.Web.Tests.Journal;

/// <summary>Evidence over HTTP on both databases: the API's upload and attach, the journal form, how files are served, verification.</summary>
public sealed class EvidenceWebTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static MultipartFormDataContent File(byte[] bytes, string name, string type = "application/octet-stream", string field = "file")
    {
        var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue(type);
        content.Add(part, field, name);
        return content;
    }

    private static async Task<long> IncidentAsync(TestServer server) =>
        (await server.Service<IncidentService>().CreateAsync(new NewIncident("Rançongiciel", IncidentKind.Cyber), "directrice")).Value.Id;

    [Theory, MemberData(nameof(Kinds))]
    public async Task Api_UploadThenAttach_TheEntryCarriesTheFile_ServedWithItsTypeAndVerified(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        var client = await server.ApiClientAsync(UserRole.Membre, "scribe");
        var id = await IncidentAsync(server);
        var png = EvidenceSamples.Png();

        var upload = await client.PostAsync($"/api/v1/incidents/{id}/evidence", File(png, "note.png", "text/html")); // the declared type is ignored
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var stored = await JsonAsync(upload);
        var sha = Convert.ToHexStringLower(SHA256.HashData(png));
        Assert.Equal((sha, "image/png", png.Length), (stored.GetProperty("sha256").GetString(), stored.GetProperty("contentType").GetString(), stored.GetProperty("sizeBytes").GetInt64()));

        var appended = await client.PostAsJsonAsync($"/api/v1/incidents/{id}/journal",
            new { kind = "fait", text = "Photo de la note de rançon", attachments = new[] { new { sha256 = sha, fileName = "note de rançon.png" } } });
        Assert.Equal(HttpStatusCode.Created, appended.StatusCode);
        var entry = await JsonAsync(appended);
        var seq = entry.GetProperty("seq").GetInt64();
        var attachment = entry.GetProperty("attachments")[0];
        Assert.Equal(("note de rançon.png", sha), (attachment.GetProperty("fileName").GetString(), attachment.GetProperty("sha256").GetString()));

        var file = await client.GetAsync($"/api/v1/incidents/{id}/journal/{seq}/files/{sha}");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(png, await file.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", file.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", file.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", file.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("sandbox", file.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var download = await client.GetAsync($"/api/v1/incidents/{id}/journal/{seq}/files/{sha}?download=true");
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/incidents/{id}/journal/{seq - 1}/files/{sha}")).StatusCode);

        var verify = await JsonAsync(await client.GetAsync($"/api/v1/incidents/{id}/journal/verify"));
        Assert.True(verify.GetProperty("valid").GetBoolean());
        Assert.Equal(1, verify.GetProperty("filesChecked").GetInt32());
        Assert.Empty(verify.GetProperty("fileFaults").EnumerateArray());
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Api_HtmlOrSvgUploaded_IsPlainTextServedAsADownload_NeverAPage(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        var client = await server.ApiClientAsync(UserRole.Membre);
        var id = await IncidentAsync(server);
        var svg = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(document.cookie)\"><script>alert(1)</script></svg>");
        var stored = await JsonAsync(await client.PostAsync($"/api/v1/incidents/{id}/evidence", File(svg, "logo.svg", "image/svg+xml")));
        Assert.Equal("text/plain; charset=utf-8", stored.GetProperty("contentType").GetString());
        var sha = stored.GetProperty("sha256").GetString();
        var entry = await JsonAsync(await client.PostAsJsonAsync($"/api/v1/incidents/{id}/journal",
            new { kind = "note", text = "Fichier trouvé sur le serveur", attachments = new[] { new { sha256 = sha, fileName = "logo.svg" } } }));

        var file = await client.GetAsync($"/api/v1/incidents/{id}/journal/{entry.GetProperty("seq").GetInt64()}/files/{sha}");

        Assert.Equal("text/plain", file.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", file.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", file.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Api_RefusedFiles_AreProblemsWithFieldAndCode_InTheClientsLanguage(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        var client = await server.ApiClientAsync(UserRole.Membre);
        var id = await IncidentAsync(server);

        var zip = await client.PostAsync($"/api/v1/incidents/{id}/evidence", File(EvidenceSamples.Zip(), "archive.zip"));
        Assert.Equal(HttpStatusCode.BadRequest, zip.StatusCode);
        Assert.Equal("application/problem+json", zip.Content.Headers.ContentType!.MediaType);
        var problem = await JsonAsync(zip);
        Assert.Equal(("file", "evidence_unsupported_type"), (problem.GetProperty("field").GetString(), problem.GetProperty("code").GetString()));
        Assert.Contains("“archive.zip” is not of an accepted type", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var french = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/incidents/{id}/evidence") { Content = File([], "vide.png") };
        french.Headers.AcceptLanguage.ParseAdd("fr-FR,fr;q=0.9,en;q=0.5");
        var empty = await client.SendAsync(french);
        var emptyProblem = await JsonAsync(empty);
        Assert.Equal((HttpStatusCode.BadRequest, "evidence_empty"), (empty.StatusCode, emptyProblem.GetProperty("code").GetString()));
        Assert.Equal("Le fichier «\u202Fvide.png\u202F» est vide.", emptyProblem.GetProperty("detail").GetString());

        var unknown = await client.PostAsJsonAsync($"/api/v1/incidents/{id}/journal",
            new { kind = "fait", text = "x", attachments = new[] { new { sha256 = new string('b', 64), fileName = "x.png" } } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("attachments[0].sha256", (await JsonAsync(unknown)).GetProperty("field").GetString());
        var none = await client.PostAsync($"/api/v1/incidents/{id}/evidence", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal("file", (await JsonAsync(none)).GetProperty("field").GetString());

        var reader = await server.ApiClientAsync(UserRole.Observateur);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync($"/api/v1/incidents/{id}/evidence", File(EvidenceSamples.Png(), "a.png"))).StatusCode);
        Assert.Equal(1, (await server.Service<JournalService>().VerifyAsync(id))!.Entries);
    }

    [Fact]
    public async Task Api_FileLargerThanTheLimit_Is413NamingTheField()
    {
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite);
        var client = await server.ApiClientAsync(UserRole.Membre);
        var id = await IncidentAsync(server);
        var big = new byte[(20 * 1024 * 1024) + 1];
        big.AsSpan().Fill((byte)'a');

        var response = await client.PostAsync($"/api/v1/incidents/{id}/evidence", File(big, "journal.txt"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await JsonAsync(response);
        Assert.Equal(("file", "evidence_too_large"), (problem.GetProperty("field").GetString(), problem.GetProperty("code").GetString()));
        Assert.Contains("20 MB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task JournalForm_WithFiles_RecordsTheEntryAndShowsThumbnailNameAndHash(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        await server.CreateUserAsync("scribe", UserRole.Membre);
        var id = await IncidentAsync(server);
        using var session = new PageSession(server.Address);
        await session.LoginAsync("scribe");
        var png = EvidenceSamples.Png();
        var pdf = EvidenceSamples.PdfHead();

        var posted = await session.SubmitWithFilesAsync($"/incidents/{id}/journal", "journal-entry",
            new Dictionary<string, string> { ["Entry.Kind"] = "fait", ["Entry.Text"] = "Note de rançon photographiée", ["Entry.OccurredAt"] = "" },
            [("evidence", "IMG_0042.png", png, "image/png"), ("evidence", "plainte.pdf", pdf, "application/pdf")]);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var entry = (await server.Service<JournalService>().GetAsync(id, 2))!;
        Assert.Equal(["IMG_0042.png", "plainte.pdf"], entry.Attachments.Select(a => a.FileName));
        var html = await session.GetAsync($"/incidents/{id}/journal");
        var pngSha = Convert.ToHexStringLower(SHA256.HashData(png));
        Assert.Contains($"<img class=\"evidence-thumb\" src=\"/incidents/{id}/journal/2/files/{pngSha}\" alt=\"Image jointe\u202F: IMG_0042.png\"", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains($"<code>{pngSha}</code>", html, StringComparison.Ordinal);
        Assert.Contains($"<code>{Convert.ToHexStringLower(SHA256.HashData(pdf))}</code>", html, StringComparison.Ordinal);
        Assert.Contains("enctype=\"multipart/form-data\"", html, StringComparison.Ordinal);

        var image = await session.Http.GetAsync($"/incidents/{id}/journal/2/files/{pngSha}");
        Assert.Equal((HttpStatusCode.OK, "image/png"), (image.StatusCode, image.Content.Headers.ContentType!.MediaType));
        var pdfFile = await session.Http.GetAsync($"/incidents/{id}/journal/2/files/{Convert.ToHexStringLower(SHA256.HashData(pdf))}");
        Assert.Equal(("application/pdf", "attachment"), (pdfFile.Content.Headers.ContentType!.MediaType, pdfFile.Content.Headers.ContentDisposition!.DispositionType));

        var print = await session.GetAsync($"/incidents/{id}/journal/print");
        Assert.Contains($"<code>{pngSha}</code>", print, StringComparison.Ordinal);
        Assert.Contains("Fichiers joints vérifiés", print, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task JournalForm_WithARefusedFile_SaysWhichAndWhy_AndWritesNothing(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        await server.CreateUserAsync("scribe", UserRole.Membre);
        var id = await IncidentAsync(server);
        using var session = new PageSession(server.Address);
        await session.LoginAsync("scribe");

        var posted = await session.SubmitWithFilesAsync($"/incidents/{id}/journal", "journal-entry",
            new Dictionary<string, string> { ["Entry.Kind"] = "fait", ["Entry.Text"] = "Journaux du pare-feu", ["Entry.OccurredAt"] = "" },
            [("evidence", "bon.png", EvidenceSamples.Png(), "image/png"), ("evidence", "journaux.zip", EvidenceSamples.Zip(), "application/zip")]);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var html = await posted.Content.ReadAsStringAsync();
        Assert.Contains("Le fichier «\u202Fjournaux.zip\u202F» n’est pas d’un type accepté", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("id=\"entry-files-error\"", html, StringComparison.Ordinal);
        Assert.Contains("Journaux du pare-feu", html, StringComparison.Ordinal); // what was typed stays
        Assert.DoesNotContain("enregistrée", html, StringComparison.Ordinal);
        Assert.Equal(1, (await server.Service<JournalService>().VerifyAsync(id))!.Entries);
    }

    [Fact]
    public async Task JournalForm_LargerThanFilesMayBe_GoesBackToTheFormWithAMessage()
    {
        await using var server = await TestServer.StartAsync(await TestDatabase.CreateAsync(DatabaseKind.Sqlite), configure: o => o with { EvidenceMaxBytes = 10 * 1024 });
        await server.CreateUserAsync("scribe", UserRole.Membre);
        var id = await IncidentAsync(server);
        using var session = new PageSession(server.Address);
        await session.LoginAsync("scribe");
        var huge = new byte[(10 * 10 * 1024) + (1024 * 1024) + 1]; // ten files of the limit and the form around them, and a byte more

        var posted = await session.SubmitWithFilesAsync($"/incidents/{id}/journal", "journal-entry",
            new Dictionary<string, string> { ["Entry.Kind"] = "fait", ["Entry.Text"] = "x", ["Entry.OccurredAt"] = "" }, [("evidence", "video.png", huge, "image/png")]);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var page = await session.GetAsync(posted.Headers.Location!.OriginalString);
        Assert.Contains("L’envoi dépasse la taille permise", page, StringComparison.Ordinal);
        Assert.Equal(1, (await server.Service<JournalService>().VerifyAsync(id))!.Entries);
    }
}
