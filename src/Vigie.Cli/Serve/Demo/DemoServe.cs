using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Cli.Shared;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Storage;

namespace Vigie.Cli.Serve.Demo;

/// <summary>How <c>vigie serve --demo</c> picks its database, fills it, and says how to sign in.</summary>
internal static class DemoServe
{
    public const string DefaultFolder = "vigie-demo";

    /// <summary>
    /// The demo's database: with --database (or $VIGIE_DATABASE), that one, which must be empty; otherwise
    /// ./vigie-demo/vigie.db, deleted first so that every demo starts from the same story.
    /// </summary>
    public static DatabaseSettings Settings(string? database)
    {
        if (!string.IsNullOrWhiteSpace(database) || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(DatabaseSettings.EnvironmentVariable)))
        {
            return CommonOptions.Resolve(database);
        }

        var file = Path.Combine(Environment.CurrentDirectory, DefaultFolder, DatabaseSettings.DefaultFileName);
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }

        return DatabaseSettings.Sqlite(file);
    }

    public static async Task<DemoResult> SeedAsync(WebApplication app, CancellationToken cancellationToken)
    {
        if (await app.Services.GetRequiredService<AccountService>().AnyUserAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new ArgumentException("--demo writes fictional data and needs an empty database; this one already has accounts. Leave out --database to use ./vigie-demo.");
        }

        return await DemoData.SeedAsync(app.Services, cancellationToken).ConfigureAwait(false);
    }

    public static void Announce(DemoResult demo, string address, TextWriter output)
    {
        var root = address.Split(';')[0].TrimEnd('/');
        output.WriteLine($"vigie: DEMO — {demo.HospitalName} is fictional; the incident is an exercise (EXERCICE). Nothing here is real patient data.");
        output.WriteLine($"vigie: exercise incident: {root}/incidents/{demo.IncidentId}/services");
        output.WriteLine($"vigie: exercise console (animateur): {root}/exercices/{demo.IncidentId}/console — the clock runs in real time, stimuli keep arriving");
        output.WriteLine("vigie: demo accounts (demo only; new passwords at every --demo start):");
        foreach (var account in demo.Accounts)
        {
            output.WriteLine($"vigie:   {account.Name,-18} {WireName<UserRole>.Of(account.Role),-12} {account.Password}");
        }

        output.Flush();
    }
}
