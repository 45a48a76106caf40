using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Vigie.CommandPost;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;
using Vigie.JournalSearch.Bench;

// Journal search on a big incident (see bench/README.md):
//   dotnet run -c Release --project bench/Vigie.JournalSearch.Bench -- [--entries 100000] [--runs 30] [--postgres "Host=...;Username=...;Database=postgres"] [--keep]
// For SQLite (a fresh file) and, with --postgres, PostgreSQL (a fresh database created on that server and dropped at the
// end): seeds --entries journal entries in one incident through the journal itself (group commit, hash chain, search
// index kept by the database), spread over 12 hours of occurredAt, several authors and kinds; then times representative
// searches (first page of 50, as the page asks) --runs times each after warm-up, in process: median, p95, matches.
var entries = Arg("--entries", 100_000);
var runs = Arg("--runs", 30);
var postgres = Array.IndexOf(args, "--postgres") is var p and >= 0 ? args[p + 1] : null;
var keep = args.Contains("--keep"); // leave the databases for EXPLAIN (their names are printed)
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Journal search, {entries:N0} entries in one incident, first page of {JournalSearchQuery.DefaultLimit}, {runs} runs per query"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the start"));
var folder = Path.Combine(Path.GetTempPath(), "vigie-search-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(folder);
try
{
    await RunAsync("SQLite", DatabaseSettings.Sqlite(Path.Combine(folder, "vigie.db")));
    if (postgres is not null)
    {
        var name = "vigie_search_bench_" + Guid.NewGuid().ToString("N")[..8];
        await ExecuteAsync(postgres, $"CREATE DATABASE {name}");
        try
        {
            await RunAsync("PostgreSQL", new DatabaseSettings(DatabaseKind.PostgreSql, new NpgsqlConnectionStringBuilder(postgres) { Database = name }.ToString()));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (keep)
            {
                Console.WriteLine($"kept PostgreSQL database {name}");
            }
            else
            {
                await ExecuteAsync(postgres, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            }
        }
    }
}
finally
{
    if (keep)
    {
        Console.WriteLine($"kept SQLite database {Path.Combine(folder, "vigie.db")}");
    }
    else
    {
        Directory.Delete(folder, recursive: true);
    }
}

async Task RunAsync(string label, DatabaseSettings settings)
{
    await using var provider = new ServiceCollection().AddCommandPost(new CommandPostOptions { Database = settings, DataDirectory = folder }).BuildServiceProvider();
    await provider.GetRequiredService<Database>().MigrateAsync();
    var journal = provider.GetRequiredService<JournalService>();
    var search = provider.GetRequiredService<Vigie.CommandPost.Journal.JournalSearch>();
    var start = DateTimeOffset.UtcNow.AddHours(-13);
    var incident = (await provider.GetRequiredService<IncidentService>().CreateAsync(new NewIncident("Rançongiciel — banc d'essai de la recherche", IncidentKind.Cyber, start), "bench")).Value;

    // Seed (not measured in the table): 16 writers through the journal's group commit, occurredAt spread over 12 hours.
    var seedWatch = Stopwatch.StartNew();
    var next = 0;
    var span = TimeSpan.FromHours(12);
    await Task.WhenAll(Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
    {
        var random = new Random(w);
        int i;
        while ((i = Interlocked.Increment(ref next)) <= entries)
        {
            var (author, kind, text) = JournalTexts.Next(random);
            var occurred = start.AddMinutes(30) + (span * i / entries);
            var appended = await journal.AppendAsync(incident.Id, author, new NewJournalEntry(kind, text, occurred));
            if (!appended.IsOk)
            {
                throw new InvalidOperationException(appended.Problem.Message);
            }
        }
    })));
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"### {label}: seeded {entries:N0} entries in {seedWatch.Elapsed.TotalSeconds:0.0} s"));
    Console.WriteLine();
    Console.WriteLine("| query | matches on page | median ms | p95 ms | max ms |");
    Console.WriteLine("|---|---:|---:|---:|---:|");
    var middle = start.AddMinutes(30) + (span / 2);
    var early = start.AddMinutes(30);
    (string Name, JournalSearchQuery Query)[] queries =
    [
        ("latest page, no criteria", new JournalSearchQuery()),
        ("word, common: poste", new JournalSearchQuery("poste")),
        ("word, accents folded: reorientes", new JournalSearchQuery("reorientes")),
        ("word, rare (1 %): rançon", new JournalSearchQuery("rançon")),
        ("two words: serveur isolé", new JournalSearchQuery("serveur isolé")),
        ("prefix: chiff", new JournalSearchQuery("chiff")),
        ("word, no match: inexistant", new JournalSearchQuery("inexistant")),
        ("author, common: rssi", new JournalSearchQuery(Author: "rssi")),
        ("author, rare (1 %): ars-observateur", new JournalSearchQuery(Author: "ars-observateur")),
        ("kind: decision", new JournalSearchQuery(Kind: JournalKind.Decision)),
        ("time range: 1 h in the middle", new JournalSearchQuery(From: middle, To: middle.AddHours(1))),
        ("time range: the first hour", new JournalSearchQuery(From: early, To: early.AddHours(1))),
        ("time range: since the last hour (open)", new JournalSearchQuery(From: early + span - TimeSpan.FromHours(1))),
        ("combined: word + author + kind + 2 h", new JournalSearchQuery("urgences", "directeur", JournalKind.Decision, early, early.AddHours(2))),
        ("combined: word + author, rare", new JournalSearchQuery("bitcoins", "rssi")),
    ];
    foreach (var (name, query) in queries)
    {
        var times = new List<double>();
        var matches = 0;
        for (var r = -3; r < runs; r++)
        {
            var watch = Stopwatch.StartNew();
            var result = await search.SearchAsync(incident.Id, query);
            var elapsed = watch.Elapsed.TotalMilliseconds;
            if (!result.IsOk)
            {
                throw new InvalidOperationException(result.Problem.Message);
            }

            matches = result.Value.Entries.Count;
            if (r >= 0)
            {
                times.Add(elapsed);
            }
        }

        times.Sort();
        double At(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {matches} | {At(0.5):0.0} | {At(0.95):0.0} | {times[^1]:0.0} |"));
    }

    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end of {label}"));
}

static async Task ExecuteAsync(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

int Arg(string name, int fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;
