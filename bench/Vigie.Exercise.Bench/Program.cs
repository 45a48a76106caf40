using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Vigie.CommandPost.Bench;
using Vigie.Exercise.Bench;

// What a crisis exercise costs the server (see bench/README.md):
//   dotnet build -c Release bench/Vigie.Exercise.Bench
//   dotnet bench/Vigie.Exercise.Bench/bin/Release/net10.0/Vigie.Exercise.Bench.dll [--players 20] [--stimuli 60] [--hours 2] [--speed 60]
//     [--answer-every 2] [--no-heartbeat] [--database FILE|CONNSTRING]
// Starts `vigie serve` as its own process, imports a generated scenario of --stimuli stimuli spread evenly over --hours
// (one of them technical: its log goes through the hunt), gives --players accounts a crisis role each, opens their
// exercise tab as live.js does (SignalR notices, page fetched again, heartbeat), and plays the exercise at --speed.
// Measured on the server process alone: CPU time (/proc/PID/stat), resident memory (VmRSS sampled every 250 ms, VmHWM from
// /proc/PID/status); and how late each stimulus was delivered against its planned offset, and seen by the players.
var options = BenchOptions.Parse(args);
var folder = Path.Combine(Path.GetTempPath(), "vigie-exbench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(folder);
string[] databaseArgs = options.Database is null ? [] : ["--database", options.Database];
const string password = "correct horse battery staple";
string[] roles = ["directeur_crise", "main_courante", "rssi", "dsi", "directeur_soins", "medecin_urgences", "communication", "logistique", "cadre_sante", "informatique"];
var c = CultureInfo.InvariantCulture;
try
{
    // Accounts: an animator and the players (a vigie process per account, two at a time).
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

    using var animator = Api("animation");
    using var imported = await animator.PostAsync("/api/v1/exercises?name=bench.yaml", new StringContent(Scenario(options, roles), Encoding.UTF8, "application/yaml"));
    if (!imported.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"import: {(int)imported.StatusCode} {await imported.Content.ReadAsStringAsync()}");
    }

    var importedBody = JsonDocument.Parse(await imported.Content.ReadAsStringAsync()).RootElement;
    var id = importedBody.GetProperty("incidentId").GetInt64();
    if (importedBody.GetProperty("stimuli").GetInt32() != options.Stimuli)
    {
        throw new InvalidOperationException($"import: {importedBody.GetProperty("stimuli").GetInt32()} stimuli instead of {options.Stimuli}");
    }

    for (var i = 0; i < names.Count; i++)
    {
        using var set = await animator.PutAsJsonAsync($"/api/v1/exercises/{id}/participants/{names[i]}", new { recipients = new[] { roles[i % roles.Length] } });
        set.EnsureSuccessStatusCode();
    }

    // The players: signed in, their exercise tab open and live.
    var measures = new PlayerMeasures();
    var players = new List<Player>();
    for (var i = 0; i < names.Count; i++)
    {
        var source = new IPAddress([127, 0, (byte)((10 + i) / 250), (byte)(((10 + i) % 250) + 1)]);
        players.Add(await Player.StartAsync(server.Address, source, names[i], password, id, Api(names[i]), measures, options.AnswerEvery, options.Heartbeat));
    }

    // Idle baseline: the players connected, nothing played yet.
    var rssBefore = server.Status("VmRSS");
    var idleCpu = server.ProcCpuTime;
    var idleWatch = Stopwatch.StartNew();
    await Task.Delay(TimeSpan.FromSeconds(10));
    var idle = (server.ProcCpuTime - idleCpu).TotalSeconds / idleWatch.Elapsed.TotalSeconds;

    // DEBEX at the speed asked, then sample the server every 250 ms until every stimulus is played and every player is idle.
    var samples = new List<ServerSample>();
    var cpuAtStart = server.ProcCpuTime;
    var watch = Stopwatch.StartNew();
    using (var started = await animator.PostAsJsonAsync($"/api/v1/exercises/{id}/start", new { speed = options.Speed }))
    {
        started.EnsureSuccessStatusCode();
    }

    using var sampling = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        do
        {
            var sample = new ServerSample(watch.Elapsed, server.ProcCpuTime, server.Status("VmRSS"));
            lock (samples)
            {
                samples.Add(sample);
            }
        }
        while (await timer.WaitForNextTickAsync(sampling.Token).AsTask().ContinueWith(t => !t.IsCanceled && t.Result, TaskScheduler.Default));
    });

    var planned = TimeSpan.FromHours(options.Hours) / options.Speed;
    var deadline = planned + TimeSpan.FromMinutes(2);
    JsonElement stimuli;
    while (true)
    {
        await Task.Delay(500);
        stimuli = JsonDocument.Parse(await animator.GetStringAsync($"/api/v1/exercises/{id}/stimuli")).RootElement;
        if (stimuli.EnumerateArray().All(s => s.GetProperty("status").GetString() == "joue") || watch.Elapsed > deadline)
        {
            break;
        }
    }

    var playedAll = watch.Elapsed;
    var settle = Stopwatch.StartNew();
    while (players.Any(p => !p.IsIdle) && settle.Elapsed < TimeSpan.FromSeconds(30))
    {
        await Task.Delay(50);
    }

    var elapsed = watch.Elapsed;
    var cpu = server.ProcCpuTime - cpuAtStart;
    await sampling.CancelAsync();
    await sampler;
    var peak = server.Status("VmHWM");
    using (var finished = await animator.PostAsync($"/api/v1/exercises/{id}/finish", null))
    {
        finished.EnsureSuccessStatusCode();
    }

    // Idle again, warm: FINEX passed, the players still connected (their pages refreshed by the FINEX notice, heartbeats going on).
    await Task.Delay(TimeSpan.FromSeconds(2));
    var idleAfterCpu = server.ProcCpuTime;
    var idleAfterWatch = Stopwatch.StartNew();
    await Task.Delay(TimeSpan.FromSeconds(10));
    var idleAfter = (server.ProcCpuTime - idleAfterCpu).TotalSeconds / idleAfterWatch.Elapsed.TotalSeconds;

    var reportWatch = Stopwatch.StartNew();
    var reportCpu = server.ProcCpuTime;
    using (var report = await animator.GetAsync($"/api/v1/exercises/{id}/report.pdf"))
    {
        report.EnsureSuccessStatusCode();
        await report.Content.ReadAsByteArrayAsync();
    }

    var reportTime = reportWatch.Elapsed;
    var reportCpuUsed = server.ProcCpuTime - reportCpu;
    var journal = JsonDocument.Parse(await animator.GetStringAsync($"/api/v1/incidents/{id}")).RootElement.GetProperty("journalEntries").GetInt64();

    // Delivery: played exercise time against the planned one; then when each player's page first showed it (wall clock, same machine).
    var played = stimuli.EnumerateArray().Where(s => s.GetProperty("playedSeconds").ValueKind == JsonValueKind.Number).ToList();
    var lateness = played.Select(s => s.GetProperty("playedSeconds").GetDouble() - s.GetProperty("dueSeconds").GetDouble()).Order().ToArray();
    var latest = played.OrderByDescending(s => s.GetProperty("playedSeconds").GetDouble() - s.GetProperty("dueSeconds").GetDouble())
        .Select(s => string.Create(c, $"{s.GetProperty("number").GetString()} due {s.GetProperty("dueAt").GetString()}")).FirstOrDefault();
    var order = played.Select(s => s.GetProperty("playedSeconds").GetDouble()).ToArray();
    var inOrder = order.Zip(order.Skip(1), (a, b) => a <= b).All(x => x);
    var playedAt = played.ToDictionary(s => s.GetProperty("id").GetInt64(), s => s.GetProperty("playedAt").GetDateTimeOffset());
    var seenAfter = players.SelectMany(p => p.Seen.Where(kv => playedAt.ContainsKey(kv.Key)).Select(kv => (kv.Value - playedAt[kv.Key]).TotalMilliseconds)).Order().ToArray();
    var cards = players.Sum(p => p.Seen.Count);

    static double Percentile(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1))];
    var rss = samples.Select(s => s.RssKilobytes).ToArray();
    var perSecond = samples.Zip(samples.Skip(4), (a, b) => (b.Cpu - a.Cpu).TotalSeconds / (b.At - a.At).TotalSeconds).DefaultIfEmpty(0).Max();

    Console.WriteLine(string.Create(c, $"## Exercise on {options.DatabaseLabel}: {options.Stimuli} stimuli over {options.Hours:0.##} h, {options.Players} players live, played at ×{options.Speed}"));
    Console.WriteLine();
    Console.WriteLine("| measure | value |\n|---|---:|");
    Console.WriteLine(string.Create(c, $"| wall time DEBEX → last stimulus played / → players idle | {playedAll.TotalSeconds:0.0} s (planned {planned.TotalSeconds:0.0} s) / {elapsed.TotalSeconds:0.0} s |"));
    Console.WriteLine(string.Create(c, $"| stimuli played, in order | {played.Count} / {options.Stimuli}, {(inOrder ? "yes" : "NO")} |"));
    Console.WriteLine(string.Create(c, $"| delivery lateness, exercise time, p50 / p95 / max | {Percentile(lateness, 0.5):0.00} s / {Percentile(lateness, 0.95):0.00} s / {(lateness.Length == 0 ? double.NaN : lateness[^1]):0.00} s |"));
    Console.WriteLine(string.Create(c, $"| same in real time (÷{options.Speed}), max | {(lateness.Length == 0 ? double.NaN : lateness[^1]) / options.Speed * 1000:0} ms |"));
    Console.WriteLine(string.Create(c, $"| stimuli late by more than 1 s of exercise time | {lateness.Count(l => l > 1)}{(latest is null ? "" : $" (latest: {latest})")} |"));
    Console.WriteLine(string.Create(c, $"| card on a player's page after delivery, real time, p50 / p95 / max ({cards} cards) | {Percentile(seenAfter, 0.5):0} ms / {Percentile(seenAfter, 0.95):0} ms / {(seenAfter.Length == 0 ? double.NaN : seenAfter[^1]):0} ms |"));
    Console.WriteLine(string.Create(c, $"| live notices received / page refreshes (all players) | {measures.Notices} / {measures.Refreshes} |"));
    Console.WriteLine(string.Create(c, $"| heartbeats (GET /live/ping) / failed | {measures.Pings} / {measures.PingErrors} |"));
    Console.WriteLine(string.Create(c, $"| answers posted / journal entries at the end | {measures.Answers.Count} / {journal} |"));
    Console.WriteLine(string.Create(c, $"| **server CPU, whole exercise** | **{cpu.TotalSeconds:0.00} s** over {elapsed.TotalSeconds:0} s: {cpu.TotalSeconds / elapsed.TotalSeconds * 100:0.0} % of one core on average, busiest second {perSecond * 100:0} % |"));
    Console.WriteLine(string.Create(c, $"| server CPU, idle with the players connected: before DEBEX (10 s after start-up) / after FINEX (warm) | {idle * 1000:0.0} ms/s / {idleAfter * 1000:0.0} ms/s ({idleAfter * 100:0.00} % of one core) |"));
    Console.WriteLine(string.Create(c, $"| the same exercise at ×1 over {options.Hours:0.##} h (its CPU, plus the warm idle for the rest of the time) | {(cpu.TotalSeconds + (idleAfter * ((options.Hours * 3600) - elapsed.TotalSeconds))) / (options.Hours * 3600) * 100:0.00} % of one core |"));
    Console.WriteLine(string.Create(c, $"| **server resident memory (VmRSS) during the exercise, mean / peak** | **{rss.DefaultIfEmpty().Average() / 1024:0} MB / {(rss.Length == 0 ? 0 : rss.Max()) / 1024:0} MB** |"));
    Console.WriteLine(string.Create(c, $"| server VmRSS before DEBEX (players connected) / VmHWM (process peak since start) | {rssBefore / 1024:0} MB / {peak / 1024:0} MB |"));
    Console.WriteLine(string.Create(c, $"| exercise report PDF after FINEX: time / server CPU | {reportTime.TotalMilliseconds:0} ms / {reportCpuUsed.TotalMilliseconds:0} ms |"));
    Console.WriteLine();
    Console.WriteLine(Latencies.HeaderWithoutCpu);
    Console.WriteLine(measures.Pages.Row(elapsed, options.Players, withCpu: false));
    Console.WriteLine(measures.Answers.Row(elapsed, options.Players, withCpu: false));
    Console.WriteLine();
    Console.WriteLine(string.Create(c,
        $"{Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end; server, players and the bench on the same machine; {samples.Count} samples."));
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

// A scenario of --stimuli stimuli evenly spread over --hours: phone calls, mails, SMS, press calls and a paper document in
// turn, one in five to everyone and the others to a role each; one technical stimulus (a shipped log, hunted when played).
static string Scenario(BenchOptions options, string[] roles)
{
    var c = CultureInfo.InvariantCulture;
    var minutes = (int)Math.Round(options.Hours * 60);
    var yaml = new StringBuilder();
    yaml.Append(c, $"vigie_scenario: 1\ntitle: Banc d'essai — exercice de {options.Hours:0.##} h\nlevel: intermediaire\nduration: {minutes} min\n");
    yaml.Append("objectives:\n  - id: O1\n    text: Tenir la cellule de crise et répondre à chaque sollicitation.\nstimuli:\n");
    string[] channels = ["appel_telephonique", "mail", "sms", "presse", "document_papier"];
    var step = options.Hours * 3600.0 / options.Stimuli;
    var technical = options.Stimuli / 4;
    for (var i = 0; i < options.Stimuli; i++)
    {
        var at = TimeSpan.FromSeconds(Math.Floor(i * step));
        var to = i % 5 == 0 ? "tous" : roles[i % roles.Length];
        yaml.Append(c, $"  - id: S{i + 1:000}\n    at: \"+{(int)at.TotalHours:00}:{at.Minutes:00}:{at.Seconds:00}\"\n");
        if (i == technical)
        {
            yaml.Append("    channel: artefact_technique\n    from: Console de l'antivirus des serveurs\n    to: [informatique, rssi]\n");
            yaml.Append("    content: Journaux des serveurs touchés exportés par l'astreinte ; Vigie les passe à la chasse.\n    artifact:\n      file: marais-blancs-serveurs.jsonl\n");
        }
        else
        {
            yaml.Append(c, $"    channel: {channels[i % channels.Length]}\n    from: Émetteur simulé n° {i + 1}\n    to: {to}\n");
            yaml.Append(c, $"    content: |\n      Stimulus {i + 1} de l'exercice : quelques lignes comme dans un chronogramme réel, qui demandent une décision,\n      une information à remonter ou une action de la cellule.\n");
        }

        yaml.Append(c, $"    expected: Réaction attendue au stimulus {i + 1}.\n    notes: Note d'animation {i + 1}, cachée aux joueurs.\n    objectives: [O1]\n");
    }

    return yaml.ToString();
}
