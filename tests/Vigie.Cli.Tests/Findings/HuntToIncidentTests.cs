using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.Cli.Tests.Findings;

/// <summary>
/// The real <c>vigie hunt</c> sends its results to an incident of a real command post (SQLite and
/// PostgreSQL), and the API reads them back; a retried batch is not imported twice; the Findings page
/// shows them and pins one into the journal.
/// </summary>
public sealed class HuntToIncidentTests : IDisposable
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    private const string Rule = """
        title: Whoami run
        id: 11111111-1111-1111-1111-111111111111
        author: Test Author
        level: high
        tags: [attack.discovery, attack.t1033]
        logsource: {product: windows, category: process_creation}
        detection:
            selection: {Image|endswith: '\whoami.exe'}
            condition: selection
        """;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("vigie-hunt-cli-");

    private static string Line(string time, string host, int record) =>
        $$"""{"EventTime":"{{time}}","Hostname":"{{host}}","Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"RecordNumber":{{record}},"Image":"C:\\Windows\\System32\\whoami.exe","CommandLine":"whoami /all"}""";

    private void WriteInputs()
    {
        Directory.CreateDirectory(Path.Combine(_folder.FullName, "logs"));
        File.WriteAllText(Path.Combine(_folder.FullName, "logs", "a.jsonl"),
            Line("2024-03-01T10:00:00Z", "WS1.corp", 1) + "\n" + Line("2024-03-01T10:02:00Z", "WS2.corp", 2) + "\n" + Line("2024-03-01T10:01:00Z", "WS1.corp", 3) + "\n");
        File.WriteAllText(Path.Combine(_folder.FullName, "rule.yml"), Rule);
    }

    [Fact]
    public async Task Hunt_ThroughTheNativeExecutable_RelaunchesItselfCorrectly()
    {
        // vigie hunt re-launches itself in a child process; started as ./vigie rather than dotnet vigie.dll, the child
        // must not be given vigie.dll as its first argument.
        WriteInputs();
        var start = new System.Diagnostics.ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "vigie"))
        {
            WorkingDirectory = _folder.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "hunt", "logs", "--rules", "rule.yml", "--output", "timeline.csv", "--quiet" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, await error);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(_folder.FullName, "timeline.csv")).Length);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Hunt_WhenSentToAnIncident_TheApiReadsTheFindingsBack(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        await server.CreateUserAsync("hunter", UserRole.Membre);
        var token = await server.CreateTokenAsync("hunter");
        var client = await server.ApiClientAsync(UserRole.Directeur, "directrice");
        var created = await client.PostAsJsonAsync("/api/v1/incidents", new { title = "Rançongiciel", kind = "cyber", severity = "critique" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var incident = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        WriteInputs();

        var result = await VigieCli.RunAsync(_folder.FullName, null, "hunt", "logs", "--rules", "rule.yml", "--output", "timeline.csv",
            "--incident", incident.ToString(System.Globalization.CultureInfo.InvariantCulture), "--server", server.Address.ToString(), "--token", token);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("upload: 3 detections added to incident", result.Error, StringComparison.Ordinal);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(_folder.FullName, "timeline.csv")).Length);

        var page = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/incidents/{incident}/findings?limit=2")).RootElement;
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal("WS1.corp", items[0].GetProperty("computer").GetString());
        Assert.Equal(1, items[0].GetProperty("recordId").GetInt64());
        Assert.Equal(3, items[1].GetProperty("recordId").GetInt64()); // time order across the file's lines
        Assert.Equal("Test Author", items[0].GetProperty("ruleAuthor").GetString());
        Assert.Equal("high", items[0].GetProperty("level").GetString());
        Assert.Equal("discovery", items[0].GetProperty("tactics")[0].GetString());
        Assert.Equal("whoami /all", items[0].GetProperty("details").GetProperty("CommandLine").GetString());
        var next = page.GetProperty("next").GetString();
        var rest = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/incidents/{incident}/findings?limit=2&after={next}")).RootElement;
        Assert.Equal("WS2.corp", Assert.Single(rest.GetProperty("items").EnumerateArray()).GetProperty("computer").GetString());
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("next").ValueKind);

        var hosts = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/incidents/{incident}/findings/hosts?level=high")).RootElement;
        Assert.Equal("WS1.corp", hosts[0].GetProperty("computer").GetString());
        Assert.Equal(2, hosts[0].GetProperty("count").GetInt64());

        var bad = await client.GetAsync($"/api/v1/incidents/{incident}/findings?level=severe");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        var first = items[0].GetProperty("id").GetInt64();
        var pinned = await client.PostAsJsonAsync($"/api/v1/incidents/{incident}/findings/{first}/pin", new { comment = "Reconnaissance locale." });
        Assert.Equal(HttpStatusCode.Created, pinned.StatusCode);
        var entry = JsonDocument.Parse(await pinned.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("fait", entry.GetProperty("kind").GetString());
        Assert.Contains("Whoami run", entry.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync($"/api/v1/incidents/{incident}/findings/{first}/pin", new { })).StatusCode);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Import_WhenABatchIsRetried_ImportsItOnce(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        var client = await server.ApiClientAsync(UserRole.Directeur, "directrice");
        var created = await client.PostAsJsonAsync("/api/v1/incidents", new { title = "Rançongiciel", kind = "cyber", severity = "critique" });
        var incident = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        var body = """
            {"timestamp":"2024-03-01T10:00:00Z","computer":"DC1","channel":"Security","event_id":4769,"rule_title":"Kerberoasting","rule_id":"k1","level":"high","tactics":["credential-access"],"techniques":["T1558.003"],"rule_author":"A. Author","details":{"ServiceName":"svc"},"source_file":"s.evtx"}
            {"timestamp":"not a time","rule_title":"x","level":"high"}
            {"timestamp":"2024-03-01T10:05:00Z","computer":"DC1","rule_title":"Kerberoasting","rule_id":"k1","level":"high","rule_author":"A. Author"}
            """;

        async Task<JsonElement> SendAsync()
        {
            using var compressed = new MemoryStream();
            using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(Encoding.UTF8.GetBytes(body));
            }

            using var content = new ByteArrayContent(compressed.ToArray());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
            content.Headers.ContentEncoding.Add("gzip");
            var response = await client.PostAsync($"/api/v1/incidents/{incident}/findings/import?run=run-42&batch=0&final=true", content);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        }

        var first = await SendAsync();
        Assert.Equal(2, first.GetProperty("imported").GetInt64());
        Assert.Equal(1, first.GetProperty("rejected").GetInt64());
        Assert.Contains("line 2", first.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
        var retried = await SendAsync();
        Assert.Equal(0, retried.GetProperty("imported").GetInt64());
        Assert.Equal(2, retried.GetProperty("duplicates").GetInt64());
        var statistics = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/incidents/{incident}/findings/statistics")).RootElement;
        Assert.Equal(2, statistics.GetProperty("total").GetInt64());

        var missingRun = await client.PostAsync($"/api/v1/incidents/{incident}/findings/import?batch=0", new StringContent(""));
        Assert.Equal(HttpStatusCode.BadRequest, missingRun.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/v1/incidents/999999/findings/import?run=r&batch=0", new StringContent(body))).StatusCode);
    }

    [Fact]
    public async Task Hunt_WhenNoRuleLoads_ExitsWithTwoAndSaysWhy()
    {
        WriteInputs();
        var result = await VigieCli.RunAsync(_folder.FullName, null, "hunt", "logs", "--rules", "missing-folder");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("missing-folder", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
