using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigie.CommandPost;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Storage;
using Vigie.Web.Accounts;
using Vigie.Web.Actions;
using Vigie.Web.Auth;
using Vigie.Web.Backups;
using Vigie.Web.Checklists;
using Vigie.Web.Common;
using Vigie.Web.Continuity;
using Vigie.Web.CrisisCell;
using Vigie.Web.Deadlines;
using Vigie.Web.Exercises;
using Vigie.Web.Findings;
using Vigie.Web.Hosting;
using Vigie.Web.Incidents;
using Vigie.Web.Journal;
using Vigie.Web.Live;
using Vigie.Web.Overview;
using Vigie.Web.PaperKit;
using Vigie.Web.Remediation;
using Vigie.Web.Reports;
using Vigie.Web.Situation;

namespace Vigie.Web;

/// <summary>
/// The command post's composition root, Program-style: one <c>AddXxx()</c> per feature, then one <c>MapXxx()</c>.
/// `vigie serve`, the tests and the benchmark all build the server here.
/// </summary>
public static class VigieWebApp
{
    public static WebApplication Build(VigieServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = options.EnvironmentName,
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(VigieWebApp).Assembly.GetName().Name,
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Logging.AddFilter("Npgsql", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.Logging.AddFilter("Vigie.Web.Auth", LogLevel.Warning);
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Services.AddSingleton(options);

        builder.AddVigieHosting(options);
        builder.Services.AddCommandPost(options.CommandPost);
        builder.AddVigieAuth(options);
        builder.AddApi();
        builder.AddPages();
        builder.AddLiveUpdates();
        builder.AddAccounts();
        builder.AddIncidents();
        builder.AddJournal();
        builder.AddCrisisCell();
        builder.AddActions();
        builder.AddSituation();
        builder.AddFindings();
        builder.AddDeadlines();
        builder.AddChecklists();
        builder.AddRemediation();
        builder.AddReports();
        builder.AddContinuity();
        builder.AddBackups(options);
        builder.AddOverview();
        builder.AddExercises();

        var app = builder.Build();
        app.UseVigieHosting();
        app.UseVigieAuth();
        app.MapApi();
        app.MapLiveUpdates();
        app.MapAccounts();
        app.MapIncidents();
        app.MapJournal();
        app.MapCrisisCell();
        app.MapActions();
        app.MapFindings();
        app.MapDeadlines();
        app.MapChecklists();
        app.MapRemediation();
        app.MapReports();
        app.MapContinuity();
        app.MapBackups();
        app.MapOverview();
        app.MapExercises();
        app.MapPaperKit();
        app.MapPages();
        return app;
    }

    /// <summary>Applies migrations, then prints where the data is and, while no account exists, the one-time first-admin link.</summary>
    public static async Task PrepareAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<VigieServerOptions>();
        var database = app.Services.GetRequiredService<Database>();
        var applied = await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        var output = options.Console;
        output?.WriteLine($"vigie: data in {database.Settings.Describe()}" + (applied.Count > 0 ? $" (migrations applied: {string.Join(", ", applied)})" : ""));
        if (app.Services.GetService<HttpsCertificate>() is { } https)
        {
            output?.WriteLine($"vigie: HTTPS certificate {https.Source}, SHA-256 fingerprint {https.Fingerprint}");
            output?.WriteLine($"vigie: the certificate names {string.Join(", ", https.Names)}; from another machine: vigie hunt ... --server https://ADDRESS:PORT --fingerprint {https.Fingerprint}");
        }
    }

    /// <summary>Once the server listens: the addresses and, while no account exists, a fresh first-admin link.</summary>
    public static async Task AnnounceAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<VigieServerOptions>();
        var addresses = Addresses(app);
        options.Console?.WriteLine($"vigie: command post listening on {string.Join(", ", addresses)}");
        var token = await app.Services.GetRequiredService<AccountService>().CreateSetupTokenAsync(cancellationToken).ConfigureAwait(false);
        if (token is not null)
        {
            var first = addresses.FirstOrDefault() ?? VigieServerOptions.DefaultUrl;
            options.Console?.WriteLine($"vigie: no account yet. Create the first administrator (one-time link): {first.TrimEnd('/')}/setup?token={token}");
        }
    }

    public static IReadOnlyList<string> Addresses(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
    }
}
