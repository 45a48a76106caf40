using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Vigie.CommandPost.Bench;

// Load benchmark of the command post (see bench/README.md):
//   dotnet run -c Release --project bench/Vigie.CommandPost.Bench -- [--database FILE|CONNSTRING] [--clients 50]
//     [--seconds 20] [--entries 10000] [--page-clients 10] [--page-requests 1000]
// Starts `vigie serve` as its own process, seeds an incident with --entries journal entries, then measures
// (1) the incident page (journal tab) read by --page-clients on the seeded entries, (2) --clients clients appending
// for --seconds, (3) the incident page again on everything appended.
if (Array.IndexOf(args, "--hostile-import") is var hostile and >= 0)
{
    // Issue 13, item 2: memory and CPU of the findings import under hostile bodies (see bench/README.md).
    await HostileImport.RunAsync(hostile + 1 < args.Length ? args[hostile + 1] : null);
    return;
}

var options = Options.Parse(args);
var folder = Path.Combine(Path.GetTempPath(), "vigie-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(folder);
string[] databaseArgs = options.Database is null ? [] : ["--database", options.Database];
var label = options.Database is null || !options.Database.Contains("Host=", StringComparison.OrdinalIgnoreCase) ? "SQLite" : "PostgreSQL";
const string password = "correct horse battery staple";
try
{
    await ServerProcess.RunAsync(folder, password + "\n", ["admin", "create-user", "--name", "bench", "--role", "directeur", .. databaseArgs]);
    var token = (await ServerProcess.RunAsync(folder, null, ["admin", "create-token", "--user", "bench", .. databaseArgs])).Trim();
    await using var server = await ServerProcess.ServeAsync(folder, databaseArgs);
    using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1000, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
    using var api = new HttpClient(handler, disposeHandler: false) { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
    api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

    var created = await api.PostAsJsonAsync("/api/v1/incidents", new { title = "Bench", kind = "cyber" });
    var incident = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();

    // Seed (not measured).
    var seedWatch = Stopwatch.StartNew();
    var next = 1;
    await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
    {
        while (Interlocked.Increment(ref next) <= options.Entries)
        {
            (await api.PostAsJsonAsync($"/api/v1/incidents/{incident}/journal", new { kind = "fait", text = "Entrée de remplissage : notes de rançon imprimées au 2e étage, postes isolés." })).EnsureSuccessStatusCode();
        }
    })));
    Console.Error.WriteLine($"seeded {options.Entries} entries in {seedWatch.Elapsed.TotalSeconds:0.0} s");

    // The incident page (journal tab), signed in with a cookie like a browser.
    var cookies = new CookieContainer();
    using var pageHandler = new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false, MaxConnectionsPerServer = 1000 };
    using var pages = new HttpClient(pageHandler) { BaseAddress = server.Address };
    var login = await pages.GetStringAsync("/login");
    var antiforgery = WebUtility.HtmlDecode(Regex.Match(login, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);
    var signedIn = await pages.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["_handler"] = "login", ["__RequestVerificationToken"] = antiforgery, ["Form.Name"] = "bench", ["Form.Password"] = password,
    }));
    if (signedIn.StatusCode != HttpStatusCode.Redirect)
    {
        throw new InvalidOperationException("could not sign in for the page benchmark");
    }

    async Task<(Latencies Latencies, TimeSpan Elapsed)> MeasurePageAsync(string name)
    {
        var incidentPage = new Latencies(name);
        var remaining = options.PageRequests;
        var pageCpu = server.CpuTime;
        var pageWatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.PageClients).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                var start = Stopwatch.GetTimestamp();
                var r = await pages.GetAsync($"/incidents/{incident}/journal");
                var body = await r.Content.ReadAsStringAsync();
                if (r.StatusCode == HttpStatusCode.OK && body.Contains("journal-entries", StringComparison.Ordinal)) { incidentPage.Add(Stopwatch.GetElapsedTime(start)); } else { incidentPage.Error(); }
            }
        })));
        var elapsed = pageWatch.Elapsed;
        incidentPage.ServerCpu = server.CpuTime - pageCpu;
        return (incidentPage, elapsed);
    }

    // (1) The page on the seeded incident (--entries entries: the target's case).
    var (firstPage, firstPageElapsed) = await MeasurePageAsync(string.Create(CultureInfo.InvariantCulture, $"incident page, {options.Entries:N0} entries (GET /incidents/{{id}}/journal)"));

    // (2) Appends.
    var appends = new Latencies("append (POST journal)");
    var duration = TimeSpan.FromSeconds(options.Seconds);
    var appendCpu = server.CpuTime;
    var appendWatch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(c => Task.Run(async () =>
    {
        for (var i = 0; appendWatch.Elapsed < duration && i < 100_000; i++)
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                var r = await api.PostAsJsonAsync($"/api/v1/incidents/{incident}/journal", new { kind = "note", text = $"client {c} entrée {i}" });
                if (r.StatusCode == HttpStatusCode.Created) { appends.Add(Stopwatch.GetElapsedTime(start)); } else { appends.Error(); }
            }
            catch (HttpRequestException)
            {
                appends.Error();
            }
        }
    })));
    var appendElapsed = appendWatch.Elapsed;
    appends.ServerCpu = server.CpuTime - appendCpu;

    // (3) The page again, on everything appended (more entries than asked, while the database digests the appends).
    var entriesNow = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/incidents/{incident}")).RootElement.GetProperty("journalEntries").GetInt64();
    var (lastPage, lastPageElapsed) = await MeasurePageAsync(string.Create(CultureInfo.InvariantCulture, $"incident page, {entriesNow:N0} entries after the appends"));

    var verify = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/incidents/{incident}/journal/verify")).RootElement;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"### {label}: {verify.GetProperty("entries").GetInt64()} journal entries at the end, chain valid: {verify.GetProperty("valid").GetBoolean()}"));
    Console.WriteLine();
    Console.WriteLine(Latencies.Header);
    Console.WriteLine(firstPage.Row(firstPageElapsed, options.PageClients));
    Console.WriteLine(appends.Row(appendElapsed, options.Clients));
    Console.WriteLine(lastPage.Row(lastPageElapsed, options.PageClients));
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end; server and clients on the same machine; seed {options.Entries} entries; appends for {options.Seconds} s."));
}
finally
{
    try
    {
        Directory.Delete(folder, recursive: true);
    }
    catch (IOException)
    {
    }
}
