using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.Web.Tests.Api;

/// <summary>
/// The findings import under hostile bodies (issue 13, item 2): decompressed size, line length, lines per request,
/// findings per batch and refused lines are bounded while the body streams in; past a bound the answer is a 413 that
/// names it and nothing is imported. The memory and CPU figures are in bench/ (`--hostile-import`).
/// </summary>
public sealed partial class FindingImportBoundsTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    private static async Task<(TestServer Server, HttpClient Member, long Incident)> StartAsync(DatabaseKind kind)
    {
        var server = await TestServer.StartAsync(kind);
        var director = await server.ApiClientAsync(UserRole.Directeur);
        var created = await director.PostAsJsonAsync("/api/v1/incidents", new { title = "Rançongiciel", kind = "cyber" });
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        return (server, await server.ApiClientAsync(UserRole.Membre), id);
    }

    private static byte[] Gzip(Action<Stream> write)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
        {
            write(gzip);
        }

        return memory.ToArray();
    }

    private static void Repeat(Stream output, string text, long times)
    {
        var block = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(text, 4096)));
        for (var left = times; left > 0; left -= 4096)
        {
            output.Write(block, 0, (int)Math.Min(left, 4096) * text.Length);
        }
    }

    private static string Row(int i, int detailChars = 20) =>
        $$"""{"timestamp":"2024-02-11T01:{{i / 60 % 60:00}}:{{i % 60:00}}Z","computer":"WS{{i % 7}}.corp","channel":"Security","event_id":4688,"record_id":{{i}},"rule_title":"Suspicious process","rule_id":"abc","level":"high","tactics":["execution"],"techniques":["T1059"],"rule_author":"test","details":{"CommandLine":"{{new string('A', detailChars)}}"},"source_file":"/logs/a.evtx","correlation":false}""";

    private static void Rows(Stream output, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            output.Write(Encoding.UTF8.GetBytes(Row(i) + "\n"));
        }
    }

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, long incident, byte[] body, string run = "r1", bool gzip = true)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        if (gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }

        return await client.PostAsync($"/api/v1/incidents/{incident}/findings/import?run={run}&batch=0&final=true", content);
    }

    private static async Task AssertBoundAsync(HttpResponseMessage response, string bound)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(bound, problem.GetProperty("bound").GetString());
        Assert.Contains("bound:", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<long> TotalAsync(HttpClient client, long incident) =>
        JsonDocument.Parse(await client.GetStringAsync($"/api/v1/incidents/{incident}/findings/statistics")).RootElement.GetProperty("total").GetInt64();

    [Theory, MemberData(nameof(Kinds))]
    public async Task Import_WhenAGzipBombHoldsOneHugeLine_Answers413OnTheDecompressedSize(DatabaseKind kind)
    {
        var (server, member, incident) = await StartAsync(kind);
        await using var _ = server;
        var bomb = Gzip(w => Repeat(w, "a", 100_000_000)); // ~100 KB that decompress to 100 MB without a newline

        await AssertBoundAsync(await ImportAsync(member, incident, bomb), "decompressed_bytes");
        Assert.Equal(0, await TotalAsync(member, incident));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Import_WhenMillionsOfGarbageOrBlankLines_Answers413OnRefusedLinesOrLines(DatabaseKind kind)
    {
        var (server, member, incident) = await StartAsync(kind);
        await using var _ = server;

        await AssertBoundAsync(await ImportAsync(member, incident, Gzip(w => Repeat(w, "x\n", 4_500_000))), "refused_lines");
        await AssertBoundAsync(await ImportAsync(member, incident, Gzip(w => Repeat(w, "{}\n", 3_000_000))), "refused_lines");
        await AssertBoundAsync(await ImportAsync(member, incident, Gzip(w => Repeat(w, "\n", 3_000_000))), "lines");
        Assert.Equal(0, await TotalAsync(member, incident));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Import_WhenMoreFindingsThanABatchHolds_Answers413AndImportsNothing(DatabaseKind kind)
    {
        var (server, member, incident) = await StartAsync(kind);
        await using var _ = server;

        await AssertBoundAsync(await ImportAsync(member, incident, Gzip(w => Rows(w, 0, 10_001))), "findings");
        Assert.Equal(0, await TotalAsync(member, incident)); // not 10,000 with one silently dropped

        var exactly = await ImportAsync(member, incident, Gzip(w => Rows(w, 0, 10_000)), run: "r2");
        Assert.Equal(HttpStatusCode.OK, exactly.StatusCode);
        Assert.Equal(10_000, await TotalAsync(member, incident));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Import_WhenOneLineIsLongerThanTheBound_RefusesThatLineAloneAndSaysWhichBound(DatabaseKind kind)
    {
        var (server, member, incident) = await StartAsync(kind);
        await using var _ = server;
        var body = Gzip(w =>
        {
            Rows(w, 0, 3);
            w.Write(Encoding.UTF8.GetBytes(Row(3, 2 * 1024 * 1024) + "\r\n"));
            w.Write("\r\n"u8);
            Rows(w, 4, 2);
            w.Write(Encoding.UTF8.GetBytes(Row(6))); // the last line has no newline
        });

        var response = await ImportAsync(member, incident, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(6, result.GetProperty("imported").GetInt64());
        Assert.Equal(1, result.GetProperty("rejected").GetInt64());
        Assert.Equal("line 4: longer than 1 MiB (bound: line length), skipped", result.GetProperty("errors")[0].GetString());
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task PageUpload_ReadsTheFileInBatchesWithLineNumbersOfTheFile_AndRefusesAFileOfGarbage(DatabaseKind kind)
    {
        var (server, _, incident) = await StartAsync(kind);
        await using var __ = server;
        await server.CreateUserAsync("scribe", UserRole.Membre);
        using var page = new PageSession(server.Address);
        await page.LoginAsync("scribe");

        var file = new MemoryStream();
        Rows(file, 0, 6);
        file.Write("not json\n"u8);                    // line 7
        Rows(file, 7, 11_000);
        file.Write("{\"timestamp\":\"hier\"}\n"u8);     // line 11,008: in the third batch of 5,000 findings
        Rows(file, 11_007, 10);
        var uploaded = await UploadAsync(page, incident, file.ToArray());
        Assert.Equal($"/incidents/{incident}/findings?status=uploaded-11016-0-2", uploaded);

        var garbage = new MemoryStream();
        Rows(garbage, 0, 10);
        Repeat(garbage, "{x\n", 1_500);
        Assert.Equal($"/incidents/{incident}/findings?status=upload-invalid", await UploadAsync(page, incident, garbage.ToArray()));

        using var api = new HttpClient { BaseAddress = server.Address };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await server.CreateTokenAsync("scribe"));
        Assert.Equal(11_016, await TotalAsync(api, incident));
        var journal = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/incidents/{incident}/journal")).RootElement.GetProperty("entries");
        Assert.Contains(journal.EnumerateArray(), e => e.GetProperty("text").GetString()!.StartsWith(FrenchText.Typeset($"Résultats de chasse importés : {FrenchText.Number(11016)} détection(s)"), StringComparison.Ordinal));
    }

    private static async Task<string?> UploadAsync(PageSession page, long incident, byte[] file)
    {
        var form = await page.GetAsync($"/incidents/{incident}/findings");
        var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(form).Groups[1].Value);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(file), "file", "chasse.jsonl" },
        };
        var response = await page.Http.PostAsync($"/incidents/{incident}/findings/upload", content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location?.OriginalString;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
