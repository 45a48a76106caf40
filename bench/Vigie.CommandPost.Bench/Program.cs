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
//     [--seconds 20] [--entries 10000] [--page-clients 10] [--page-requests 1000] [--warmup-requests 300]
//     [--no-territory | --territory-only] [--territory-incidents 5] [--territory-sites 3] [--territory-entries 2000] [--territory-page-clients 30]
//     [--territory-warmup-seconds 10]
// Starts `vigie serve` as its own process, seeds an incident with --entries journal entries, warms the page up with
// --warmup-requests unmeasured requests (a server that has run for a minute, not one whose code is still being
// compiled), then measures (1) the incident page (journal tab) read by --page-clients on the seeded entries,
// (2) --clients clients appending for --seconds, (3) the incident page again on everything appended.
// Unless --no-territory, (4) (only (4) with --territory-only): a group of hospitals on one server, --territory-incidents incidents on --territory-sites sites,
// each seeded with --territory-entries entries, appended to by --clients clients at once while
// --territory-page-clients clients read their journal pages, for --seconds.
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

    async Task<long> CreateIncidentAsync(string title, string? site)
    {
        var created = await api.PostAsJsonAsync("/api/v1/incidents", new { title, kind = "cyber", site });
        return JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
    }

    // Seeding is not measured; the incident's creation wrote its first entry.
    async Task SeedAsync(long id, int entries)
    {
        var seedWatch = Stopwatch.StartNew();
        var next = 1;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) <= entries)
            {
                (await api.PostAsJsonAsync($"/api/v1/incidents/{id}/journal", new { kind = "fait", text = "Entrée de remplissage : notes de rançon imprimées au 2e étage, postes isolés." })).EnsureSuccessStatusCode();
            }
        })));
        Console.Error.WriteLine($"seeded incident {id} with {entries} entries in {seedWatch.Elapsed.TotalSeconds:0.0} s");
    }

    var incident = await CreateIncidentAsync("Bench", null);
    await SeedAsync(incident, options.TerritoryOnly ? 0 : options.Entries);

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

    async Task<bool> GetPageAsync(long id)
    {
        var r = await pages.GetAsync($"/incidents/{id}/journal");
        var body = await r.Content.ReadAsStringAsync();
        return r.StatusCode == HttpStatusCode.OK && body.Contains("journal-entries", StringComparison.Ordinal);
    }

    // Page clients: either a number of requests, or until a deadline; each request reads one of the incidents in turn.
    async Task<(Latencies Latencies, TimeSpan Elapsed)> MeasurePageAsync(string name, int clients, long[] incidents, int requests, TimeSpan? duration = null)
    {
        var incidentPage = new Latencies(name);
        var remaining = requests;
        var pageCpu = server.CpuTime;
        var pageWatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            for (var i = c; duration is { } d ? pageWatch.Elapsed < d : Interlocked.Decrement(ref remaining) >= 0; i++)
            {
                var start = Stopwatch.GetTimestamp();
                if (await GetPageAsync(incidents[i % incidents.Length]))
                { incidentPage.Add(Stopwatch.GetElapsedTime(start)); }
                else
                { incidentPage.Error(); }
            }
        })));
        var elapsed = pageWatch.Elapsed;
        incidentPage.ServerCpu = server.CpuTime - pageCpu;
        return (incidentPage, elapsed);
    }

    // Appending clients for a duration; client c appends to incidents[c % incidents.Length].
    async Task<(Latencies Latencies, TimeSpan Elapsed)> MeasureAppendsAsync(string name, int clients, long[] incidents, TimeSpan duration)
    {
        var appends = new Latencies(name);
        var appendCpu = server.CpuTime;
        var appendWatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var target = incidents[c % incidents.Length];
            for (var i = 0; appendWatch.Elapsed < duration && i < 100_000; i++)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    var r = await api.PostAsJsonAsync($"/api/v1/incidents/{target}/journal", new { kind = "note", text = $"client {c} entrée {i}" });
                    if (r.StatusCode == HttpStatusCode.Created)
                    { appends.Add(Stopwatch.GetElapsedTime(start)); }
                    else
                    { appends.Error(); }
                }
                catch (HttpRequestException)
                {
                    appends.Error();
                }
            }
        })));
        var elapsed = appendWatch.Elapsed;
        appends.ServerCpu = server.CpuTime - appendCpu;
        return (appends, elapsed);
    }

    if (!options.TerritoryOnly)
    {
        // Warm-up (not measured): the page's code paths compiled and its caches filled, as on a server running for a while.
        for (var w = 0; w < options.WarmupRequests; w++)
        {
            await GetPageAsync(incident);
        }

        // (1) The page on the seeded incident (--entries entries: the target's case).
        var (firstPage, firstPageElapsed) = await MeasurePageAsync(string.Create(CultureInfo.InvariantCulture, $"incident page, {options.Entries:N0} entries (GET /incidents/{{id}}/journal)"),
            options.PageClients, [incident], options.PageRequests);

        // (2) Appends.
        var (appends, appendElapsed) = await MeasureAppendsAsync("append (POST journal)", options.Clients, [incident], TimeSpan.FromSeconds(options.Seconds));

        // (3) The page again, on everything appended (more entries than asked, while the database digests the appends).
        var entriesNow = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/incidents/{incident}")).RootElement.GetProperty("journalEntries").GetInt64();
        var (lastPage, lastPageElapsed) = await MeasurePageAsync(string.Create(CultureInfo.InvariantCulture, $"incident page, {entriesNow:N0} entries after the appends"),
            options.PageClients, [incident], options.PageRequests);

        var verify = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/incidents/{incident}/journal/verify")).RootElement;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"### {label}: {verify.GetProperty("entries").GetInt64()} journal entries at the end, chain valid: {verify.GetProperty("valid").GetBoolean()}"));
        Console.WriteLine();
        Console.WriteLine(Latencies.Header);
        Console.WriteLine(firstPage.Row(firstPageElapsed, options.PageClients));
        Console.WriteLine(appends.Row(appendElapsed, options.Clients));
        Console.WriteLine(lastPage.Row(lastPageElapsed, options.PageClients));
    }

    if (options.Territory || options.TerritoryOnly)
    {
        // (4) A territory on one server: several incidents on several sites, appended to and read at the same time.
        var territory = new long[options.TerritoryIncidents];
        for (var t = 0; t < territory.Length; t++)
        {
            territory[t] = await CreateIncidentAsync($"Bench territoire {t + 1}", $"Site {t % options.TerritorySites + 1}");
            await SeedAsync(territory[t], options.TerritoryEntries);
        }

        for (var w = 0; w < options.WarmupRequests; w++)
        {
            await GetPageAsync(territory[w % territory.Length]);
        }

        // The same mix, unmeasured, for --territory-warmup-seconds: the server's hot code compiled (tiered JIT), as on a server
        // running for a while; without it, the JIT's own thread took about 14 % of the machine during the measure (perf).
        if (options.TerritoryWarmupSeconds > 0)
        {
            var warmup = TimeSpan.FromSeconds(options.TerritoryWarmupSeconds);
            await Task.WhenAll(MeasurePageAsync("warm-up", options.TerritoryPageClients, territory, int.MaxValue, warmup),
                MeasureAppendsAsync("warm-up", options.Clients, territory, warmup));
        }

        var territoryDuration = TimeSpan.FromSeconds(options.Seconds);
        var territoryPages = MeasurePageAsync(string.Create(CultureInfo.InvariantCulture,
            $"territory: incident pages of {territory.Length} incidents on {options.TerritorySites} sites, during the appends"),
            options.TerritoryPageClients, territory, int.MaxValue, territoryDuration);
        var territoryAppends = MeasureAppendsAsync(string.Create(CultureInfo.InvariantCulture, $"territory: append to {territory.Length} incidents at once"),
            options.Clients, territory, territoryDuration);
        var (tPages, tPagesElapsed) = await territoryPages;
        var (tAppends, tAppendsElapsed) = await territoryAppends;
        // The server's CPU over the shared window belongs to both scenarios: shown once, on the appends' row.
        tPages.ServerCpu = TimeSpan.Zero;
        if (options.TerritoryOnly)
        {
            Console.WriteLine($"### {label}: the territory case only");
            Console.WriteLine();
            Console.WriteLine(Latencies.Header);
        }

        Console.WriteLine(tAppends.Row(tAppendsElapsed, options.Clients));
        Console.WriteLine(tPages.Row(tPagesElapsed, options.TerritoryPageClients));
        foreach (var t in territory)
        {
            var check = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/incidents/{t}/journal/verify")).RootElement;
            if (!check.GetProperty("valid").GetBoolean())
            {
                throw new InvalidOperationException($"territory incident {t}: chain broken");
            }
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"territory: {territory.Length} incidents on {options.TerritorySites} sites, {options.TerritoryEntries:N0} seeded entries each, the same mix unmeasured for {options.TerritoryWarmupSeconds} s first, chains valid; the server CPU of the shared window is on the appends' row."));
    }

    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end; server and clients on the same machine; seed {options.Entries} entries; {options.WarmupRequests} unmeasured page requests first; appends for {options.Seconds} s."));
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
