using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using Vigie.CommandPost.Bench;

// What a crisis exercise costs the server (see bench/README.md):
//   dotnet run -c Release --project bench/Vigie.Exercise.Bench -- [--database FILE|CONNSTRING] [--players 20] [--stimuli 60]
//     [--hours 2] [--speed 60]
// Starts `vigie serve` as its own process, imports a scenario of --stimuli stimuli spread over --hours, gives --players
// accounts a role each, connects them live (SignalR, as live.js does), and plays the exercise at --speed. On each live
// notice a player fetches its exercise tab again (as live.js does); each player answers half the stimuli it receives with a
// journal decision linked to the stimulus. Measured: server CPU time and memory (sampled every 250 ms), page latencies,
// how late each stimulus was delivered (exercise time), notices received.
var options = BenchOptions.Parse(args);
var folder = Path.Combine(Path.GetTempPath(), "vigie-exbench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(folder);
string[] databaseArgs = options.Database is null ? [] : ["--database", options.Database];
var label = options.Database is null || !options.Database.Contains("Host=", StringComparison.OrdinalIgnoreCase) ? "SQLite" : "PostgreSQL";
const string password = "correct horse battery staple";
string[] roles = ["directeur_crise", "main_courante", "rssi", "dsi", "directeur_soins", "medecin_urgences", "communication", "logistique", "cadre_sante", "informatique"];
try
{
    // Accounts: an animator and the players (one process per account, a few at a time).
    var names = Enumerable.Range(1, options.Players).Select(i => $"joueur{i:00}").ToList();
    await ServerProcess.RunAsync(folder, password + "\n", ["admin", "create-user", "--name", "animation", "--role", "animateur", .. databaseArgs]);
    await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (name, _) =>
        await ServerProcess.RunAsync(folder, password + "\n", ["admin", "create-user", "--name", name, "--role", "membre", .. databaseArgs]));
    var tokens = new Dictionary<string, string>();
    foreach (var name in names.Prepend("animation"))
    {
        tokens[name] = (await ServerProcess.RunAsync(folder, null, ["admin", "create-token", "--user", name, .. databaseArgs])).Trim();
    }

    await using var server = await ServerProcess.ServeAsync(folder, databaseArgs);
    using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1000 };
    HttpClient Api(string name)
    {
        var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens[name]);
        return client;
    }

    var animator = Api("animation");
    var imported = await animator.PostAsync("/api/v1/exercises?name=bench.yaml", new StringContent(Scenario(options, roles), Encoding.UTF8, "application/yaml"));
    imported.EnsureSuccessStatusCode();
    var id = JsonDocument.Parse(await imported.Content.ReadAsStringAsync()).RootElement.GetProperty("incidentId").GetInt64();
    for (var i = 0; i < names.Count; i++)
    {
        (await animator.PutAsJsonAsync($"/api/v1/exercises/{id}/participants/{names[i]}", new { recipients = new[] { roles[i % roles.Length] } })).EnsureSuccessStatusCode();
    }

    // The players: signed in (cookie), connected live, refreshing their page on each notice, answering half of what they get.
    var pageLatency = new Latencies("page refresh on a live notice");
    var answerLatency = new Latencies("answer (journal decision linked)");
    var notices = 0;
    var players = new List<Player>();
    foreach (var name in names)
    {
        var player = await Player.StartAsync(server.Address, name, password, id, Api(name), pageLatency, answerLatency, () => Interlocked.Increment(ref notices));
        players.Add(player);
    }

    // Idle baseline, then play.
    var idleCpu = server.CpuTime;
    await Task.Delay(TimeSpan.FromSeconds(5));
    var idle = server.CpuTime - idleCpu;
    var samples = new List<(TimeSpan Cpu, long Memory)>();
    var cpuAtStart = server.CpuTime;
    var watch = Stopwatch.StartNew();
    (await animator.PostAsJsonAsync($"/api/v1/exercises/{id}/start", new { speed = options.Speed })).EnsureSuccessStatusCode();
    using var sampling = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!sampling.IsCancellationRequested)
        {
            lock (samples) { samples.Add((server.CpuTime, server.WorkingSet)); }
            try { await Task.Delay(250, sampling.Token); } catch (OperationCanceledException) { break; }
        }
    });

    var planned = TimeSpan.FromHours(options.Hours);
    JsonElement stimuli;
    while (true)
    {
        await Task.Delay(500);
        stimuli = JsonDocument.Parse(await animator.GetStringAsync($"/api/v1/exercises/{id}/stimuli")).RootElement;
        if (stimuli.EnumerateArray().All(s => s.GetProperty("status").GetString() == "joue") || watch.Elapsed > planned / options.Speed + TimeSpan.FromMinutes(2))
        {
            break;
        }
    }

    await Task.Delay(TimeSpan.FromSeconds(2)); // the last refreshes and answers
    (await animator.PostAsync($"/api/v1/exercises/{id}/finish", null)).EnsureSuccessStatusCode();
    var elapsed = watch.Elapsed;
    var cpu = server.CpuTime - cpuAtStart;
    await sampling.CancelAsync();
    await sampler;
    var report = await animator.GetAsync($"/api/v1/exercises/{id}/report.pdf");
    report.EnsureSuccessStatusCode();

    var lateness = stimuli.EnumerateArray().Where(s => s.GetProperty("playedSeconds").ValueKind == JsonValueKind.Number)
        .Select(s => s.GetProperty("playedSeconds").GetDouble() - s.GetProperty("dueSeconds").GetDouble()).Order().ToArray();
    var played = lateness.Length;
    double Percentile(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
    var memory = samples.Select(s => s.Memory).ToArray();
    var peakCpuShare = samples.Zip(samples.Skip(1), (a, b) => (b.Cpu - a.Cpu).TotalMilliseconds / 250.0).DefaultIfEmpty(0).Max();
    var c = CultureInfo.InvariantCulture;
    Console.WriteLine(string.Create(c, $"## Exercise on {label}: {options.Stimuli} stimuli over {options.Hours} h, {options.Players} players live, played at x{options.Speed} ({elapsed.TotalSeconds:0} s)"));
    Console.WriteLine();
    Console.WriteLine("| measure | value |\n|---|---:|");
    Console.WriteLine(string.Create(c, $"| stimuli delivered | {played} / {options.Stimuli} |"));
    Console.WriteLine(string.Create(c, $"| delivery lateness, exercise time p50 / p95 / max | {Percentile(lateness, 0.5):0.00} s / {Percentile(lateness, 0.95):0.00} s / {(lateness.Length == 0 ? double.NaN : lateness[^1]):0.00} s |"));
    Console.WriteLine(string.Create(c, $"| delivery lateness, real time p95 | {Percentile(lateness, 0.95) / options.Speed * 1000:0.0} ms |"));
    Console.WriteLine(string.Create(c, $"| live notices received (all players) | {notices} |"));
    Console.WriteLine(string.Create(c, $"| server CPU, whole exercise | {cpu.TotalSeconds:0.00} s ({cpu.TotalSeconds / elapsed.TotalSeconds * 100:0.0} % of one core on average, peak {peakCpuShare * 100:0} % over 250 ms) |"));
    Console.WriteLine(string.Create(c, $"| server CPU per exercise hour at x1 (same work, spread) | {cpu.TotalSeconds / options.Hours:0.00} s, i.e. {cpu.TotalSeconds / (options.Hours * 3600) * 100:0.000} % of one core |"));
    Console.WriteLine(string.Create(c, $"| server CPU idle, 20 players connected, before DEBEX (5 s) | {idle.TotalMilliseconds:0} ms |"));
    Console.WriteLine(string.Create(c, $"| server memory (working set) mean / peak | {memory.DefaultIfEmpty().Average() / 1048576:0} MB / {(memory.Length == 0 ? 0 : memory.Max()) / 1048576:0} MB |"));
    Console.WriteLine();
    Console.WriteLine(Latencies.Header);
    Console.WriteLine(pageLatency.Row(elapsed, options.Players));
    Console.WriteLine(answerLatency.Row(elapsed, options.Players));
    foreach (var player in players)
    {
        await player.DisposeAsync();
    }
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

static string Scenario(BenchOptions options, string[] roles)
{
    var yaml = new StringBuilder();
    var c = CultureInfo.InvariantCulture;
    yaml.Append(c, $"vigie_scenario: 1\ntitle: Banc d'essai — exercice de {options.Hours} h\nlevel: intermediaire\nduration: {options.Hours * 60} min\nobjectives:\n  - id: O1\n    text: Tenir la cellule\nstimuli:\n");
    var step = options.Hours * 60.0 / options.Stimuli;
    for (var i = 0; i < options.Stimuli; i++)
    {
        var to = i % 5 == 0 ? "tous" : roles[i % roles.Length];
        yaml.Append(c, $"  - id: S{i + 1:00}\n    at: \"{TimeSpan.FromMinutes(Math.Round(i * step, 2)):hh\\:mm\\:ss}\"\n    channel: {(i % 3 == 0 ? "appel_telephonique" : i % 3 == 1 ? "mail" : "sms")}\n");
        yaml.Append(c, $"    from: Émetteur {i + 1}\n    to: {to}\n    content: Stimulus {i + 1} de l'exercice, texte de quelques lignes comme dans un chronogramme réel.\n");
        yaml.Append(c, $"    expected: Réaction attendue {i + 1}\n    notes: Note d'animation {i + 1}\n");
    }

    return yaml.ToString();
}

/// <summary>One player: a signed-in browser-like client with a live connection.</summary>
internal sealed partial class Player : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly HttpClient _pages;
    private readonly HttpClient _api;
    private readonly HashSet<long> _answered = [];
    private readonly SemaphoreSlim _refreshing = new(1, 1);

    private Player(HubConnection hub, HttpClient pages, HttpClient api)
    {
        _hub = hub;
        _pages = pages;
        _api = api;
    }

    public static async Task<Player> StartAsync(Uri address, string name, string password, long id, HttpClient api, Latencies pages, Latencies answers, Action notice)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        var login = await client.GetStringAsync("/login");
        var token = WebUtility.HtmlDecode(Antiforgery().Match(login).Groups[1].Value);
        var signedIn = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = token, ["Form.Name"] = name, ["Form.Password"] = password,
        }));
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"{name} could not sign in");
        }

        var hub = new HubConnectionBuilder().WithUrl(new Uri(address, "/hubs/incidents"), o => o.Cookies = cookies).Build();
        var player = new Player(hub, client, api);
        hub.On<JsonElement>("changed", change =>
        {
            notice();
            if (change.GetProperty("incidentId").GetInt64() == id && change.GetProperty("topic").GetString() == "exercise")
            {
                _ = player.RefreshAsync(id, pages, answers);
            }
        });
        await hub.StartAsync();
        await hub.InvokeAsync("Watch", id);
        return player;
    }

    /// <summary>As live.js: fetch the page again (one at a time; a notice during a fetch is covered by it), then answer what is new.</summary>
    private async Task RefreshAsync(long id, Latencies pages, Latencies answers)
    {
        if (!await _refreshing.WaitAsync(0))
        {
            return;
        }

        try
        {
            var start = Stopwatch.GetTimestamp();
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/incidents/{id}/exercice");
            request.Headers.Add("X-Vigie-Live", "1");
            using var response = await _pages.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK) { pages.Add(Stopwatch.GetElapsedTime(start)); } else { pages.Error(); }

            foreach (Match m in Card().Matches(body))
            {
                var stimulus = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                if (stimulus % 2 == 0 || !_answered.Add(stimulus))
                {
                    continue;
                }

                var t = Stopwatch.GetTimestamp();
                var answer = await _api.PostAsJsonAsync($"/api/v1/exercises/{id}/inbox/{stimulus}/answers", new { kind = "decision", text = "Décision prise en réponse au stimulus." });
                if (answer.StatusCode == HttpStatusCode.Created) { answers.Add(Stopwatch.GetElapsedTime(t)); } else { answers.Error(); }
            }
        }
        catch (HttpRequestException)
        {
            pages.Error();
        }
        finally
        {
            _refreshing.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _hub.DisposeAsync();
        _pages.Dispose();
        _api.Dispose();
        _refreshing.Dispose();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    [GeneratedRegex("<article class=\"stimulus-card[^\"]*\" id=\"stimulus-([0-9]+)\"")]
    private static partial Regex Card();
}

/// <summary>The bench's options.</summary>
internal sealed record BenchOptions(string? Database, int Players, int Stimuli, int Hours, int Speed)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new BenchOptions(Value("--database"), Number("--players", 20), Number("--stimuli", 60), Number("--hours", 2), Number("--speed", 60));
    }
}
