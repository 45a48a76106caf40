using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Vigie.CommandPost.Bench;

// The crisis board's server time per refresh (see bench/README.md):
//   dotnet run -c Release --project bench/Vigie.Overview.Bench -- [--database FILE|CONNSTRING] [--entries 10000] [--screens 30] [--refreshes 40]
// Starts `vigie serve` as its own process; seeds an incident as at 05:40 on a ransomware night (--entries journal
// entries, IT systems stopped, the emergency department diverted, actions, patients at the desk, deadlines); signs in
// --screens browsers on /incidents/{id}/tableau-de-crise; then, --refreshes times: one change (a
// journal entry, as live.js would hear of it) and every screen fetches the board at once, as live.js does. Reported:
// the server's CPU time per refresh (all screens) and per screen, and the time until the last screen has its board.
// The same with one screen per change gives the cost of one read + one render (what each screen would cost if the
// server did not share one read of the board between the screens).
var entries = Arg("--entries", 10_000);
var screens = Arg("--screens", 30);
var refreshes = Arg("--refreshes", 40);
var database = Array.IndexOf(args, "--database") is var d and >= 0 ? args[d + 1] : null;
string[] databaseArgs = database is null ? [] : ["--database", database];
var label = database is null || !database.Contains("Host=", StringComparison.OrdinalIgnoreCase) ? "SQLite" : "PostgreSQL";
var folder = Path.Combine(Path.GetTempPath(), "vigie-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(folder);
const string password = "correct horse battery staple";
try
{
    await ServerProcess.RunAsync(folder, password + "\n", ["admin", "create-user", "--name", "bench", "--role", "directeur", .. databaseArgs]);
    var token = (await ServerProcess.RunAsync(folder, null, ["admin", "create-token", "--user", "bench", .. databaseArgs])).Trim();
    await using var server = await ServerProcess.ServeAsync(folder, databaseArgs);
    using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 100 };
    using var api = new HttpClient(handler, disposeHandler: false) { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
    api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

    var incident = await IdAsync(await api.PostAsJsonAsync("/api/v1/incidents", new { title = "Rançongiciel — banc d'essai", kind = "cyber", severity = "critique", detectedAt = DateTimeOffset.UtcNow.AddHours(-4) }));
    var site = await IdAsync(await api.PostAsJsonAsync("/api/v1/sites", new { name = "Site principal", address = "Armentières", latitude = 50.6930, longitude = 2.8960, withDefaultServices = true }));
    (await api.PostAsync("/api/v1/facilities/import-sample", null)).EnsureSuccessStatusCode();

    // Seed (not measured): the journal, then the board, the desk and the deadlines.
    var seedWatch = Stopwatch.StartNew();
    var next = 0;
    await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
    {
        while (Interlocked.Increment(ref next) <= entries)
        {
            (await api.PostAsJsonAsync($"/api/v1/incidents/{incident}/journal", new { kind = "fait", text = "Constat : poste du bâtiment B chiffré, écran « Vos fichiers ont été chiffrés », débranché du réseau et laissé allumé." })).EnsureSuccessStatusCode();
        }
    })));
    var board = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/incidents/{incident}/services")).RootElement.GetProperty("sites")[0].GetProperty("services").EnumerateArray().ToList();
    var it = board.Where(s => s.GetProperty("category").GetString() == "si").Select(s => s.GetProperty("serviceId").GetInt64()).ToList();
    var ed = board.First(s => s.GetProperty("code").GetString() == "urgences_adultes").GetProperty("serviceId").GetInt64();
    (await api.PutAsJsonAsync($"/api/v1/incidents/{incident}/services/status", new { serviceIds = it, status = "ferme", reason = "Coupure du réseau", effectiveAt = DateTimeOffset.UtcNow.AddHours(-3) })).EnsureSuccessStatusCode();
    (await api.PutAsJsonAsync($"/api/v1/incidents/{incident}/services/{ed}/status", new { status = "ferme", reason = "DPI indisponible", diversion = new { category = "sauf_maternite" } })).EnsureSuccessStatusCode();
    foreach (var (title, hours) in new[] { ("Imprimer les dossiers", -1), ("Déclarer à l'ARS", -2), ("Déposer plainte", 20) })
    {
        (await api.PostAsJsonAsync($"/api/v1/incidents/{incident}/actions", new { title, owner = "Direction", dueAt = DateTimeOffset.UtcNow.AddHours(hours) })).EnsureSuccessStatusCode();
    }

    var facility = JsonDocument.Parse(await api.GetStringAsync("/api/v1/facilities")).RootElement.EnumerateArray().First().GetProperty("id").GetInt64();
    for (var i = 0; i < 60; i++)
    {
        (await api.PostAsJsonAsync($"/api/v1/incidents/{incident}/redirections", new
        {
            siteId = site, initials = "JD", birthYear = 1950 + (i % 60), sex = "homme", reason = "Douleur", triage = 2 + (i % 4), ambulatory = true,
            facilityId = facility, transport = "ambulance",
        })).EnsureSuccessStatusCode();
    }

    (await api.PutAsJsonAsync($"/api/v1/incidents/{incident}/deadlines/questions/personal_data", new { answer = "oui" })).EnsureSuccessStatusCode();
    (await api.PostAsJsonAsync($"/api/v1/incidents/{incident}/situation-points", new { assessment = "Stable.", nextPointAt = DateTimeOffset.UtcNow.AddHours(2) })).EnsureSuccessStatusCode();
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {entries} entries and the night in {seedWatch.Elapsed.TotalSeconds:0.0} s"));

    // The screens: each a browser of its own (its connection, its cookies), signed in as the director (one sign-in,
    // whose cookie every screen carries: sign-ins from one address are throttled).
    var signedIn = await SignInAsync(server.Address);
    var clients = new List<HttpClient>();
    for (var i = 0; i < screens; i++)
    {
        var cookies = new CookieContainer();
        cookies.Add(signedIn.GetCookies(server.Address));
        clients.Add(new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) });
    }

    var path = $"/incidents/{incident}/tableau-de-crise";
    await Task.WhenAll(clients.Select(c => c.GetStringAsync(path))); // warm-up

    async Task<(Latencies Screens, Latencies Refreshes, TimeSpan Elapsed)> MeasureAsync(int onScreens, string name)
    {
        var perScreen = new Latencies($"{name}: one screen's board");
        var perRefresh = new Latencies($"{name}: refresh (all {onScreens} screens)");
        var cpu = TimeSpan.Zero;
        var watch = Stopwatch.StartNew();
        for (var r = 0; r < refreshes; r++)
        {
            // The change every screen hears of (not measured).
            (await api.PostAsJsonAsync($"/api/v1/incidents/{incident}/journal", new { kind = "note", text = $"Changement {r}" })).EnsureSuccessStatusCode();
            var before = server.CpuTime;
            var start = Stopwatch.GetTimestamp();
            await Task.WhenAll(clients.Take(onScreens).Select(async c =>
            {
                var s = Stopwatch.GetTimestamp();
                var response = await c.GetAsync(path);
                var html = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK && html.Contains("id=\"cb-journal\"", StringComparison.Ordinal))
                { perScreen.Add(Stopwatch.GetElapsedTime(s)); }
                else
                { perScreen.Error(); }
            }));
            perRefresh.Add(Stopwatch.GetElapsedTime(start));
            cpu += server.CpuTime - before;
        }

        perScreen.ServerCpu = cpu;
        perRefresh.ServerCpu = cpu;
        return (perScreen, perRefresh, watch.Elapsed);
    }

    var (wallScreens, wallRefreshes, wallElapsed) = await MeasureAsync(screens, $"{screens} screens");
    var (oneScreen, oneRefresh, oneElapsed) = await MeasureAsync(1, "1 screen");
    var count = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/incidents/{incident}")).RootElement.GetProperty("journalEntries").GetInt64();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"### {label}: crisis board of an incident with {count:N0} journal entries, {refreshes} refreshes"));
    Console.WriteLine();
    Console.WriteLine(Latencies.Header);
    Console.WriteLine(wallRefreshes.Row(wallElapsed, screens));
    Console.WriteLine(wallScreens.Row(wallElapsed, screens));
    Console.WriteLine(oneRefresh.Row(oneElapsed, 1));
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Server CPU per refresh with {screens} screens: {wallScreens.ServerCpu.TotalMilliseconds / refreshes:0.0} ms ({wallScreens.ServerCpu.TotalMilliseconds / refreshes / screens:0.00} ms per screen); one screen alone (one read of the board + one render): {oneScreen.ServerCpu.TotalMilliseconds / refreshes:0.00} ms."));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end; server and clients on the same machine."));
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

int Arg(string name, int fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;

static async Task<long> IdAsync(HttpResponseMessage response)
{
    response.EnsureSuccessStatusCode();
    return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
}

static async Task<CookieContainer> SignInAsync(Uri address)
{
    var cookies = new CookieContainer();
    using var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    var login = await client.GetStringAsync("/login");
    var antiforgery = WebUtility.HtmlDecode(Regex.Match(login, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);
    var signedIn = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["_handler"] = "login", ["__RequestVerificationToken"] = antiforgery, ["Form.Name"] = "bench", ["Form.Password"] = password,
    }));
    return signedIn.StatusCode == HttpStatusCode.Redirect ? cookies : throw new InvalidOperationException("could not sign in");
}
