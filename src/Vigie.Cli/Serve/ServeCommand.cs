using System.CommandLine;
using Vigie.Cli.Serve.Demo;
using Vigie.Cli.Shared;
using Vigie.CommandPost.Backups;
using Vigie.CommandPost.Journal.Evidence;
using Vigie.CommandPost.Storage;
using Vigie.Web;
using Vigie.Web.Hosting;

namespace Vigie.Cli.Serve;

/// <summary><c>vigie serve</c>: the command post web server.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string?>("--urls")
        {
            Description = $"Where to listen (semicolon-separated). Default {VigieServerOptions.DefaultUrl} (https://localhost:5443 with --https). " +
                          "Use http://0.0.0.0:5080 to reach it from other machines of the local network.",
        };
        var database = CommonOptions.Database();
        var https = new Option<bool>("--https") { Description = "Serve HTTPS with --certificate, or with a self-signed certificate made on first start (its fingerprint is printed)." };
        var certificate = new Option<string?>("--certificate") { Description = "PKCS#12 (.pfx/.p12) or PEM (.pem/.crt beside a .key) certificate for --https." };
        var password = new Option<string?>("--certificate-password") { Description = "Password of the .pfx (default: $VIGIE_CERTIFICATE_PASSWORD)." };
        var hostNames = new Option<string[]>("--host-name")
        {
            Description = "A name the self-signed certificate must hold besides this machine's name and addresses (e.g. vigie.chu.local); repeat for more. " +
                          "The certificate is made again (new fingerprint) when a name or address is not in it.",
            HelpName = "NAME",
        };
        var backupTo = new Option<string?>("--backup-to")
        {
            Description = "Make a verified copy of the database in this folder (a USB stick, a second disk): at start, every --backup-every minutes and " +
                          "after every phase change; each copy is opened and every journal chain checked; the overview shows the last good one. " +
                          "PostgreSQL: pg_dump (on PATH), checked with pg_restore. Restore with vigie restore.",
            HelpName = "DIR",
        };
        var backupEvery = new Option<int>("--backup-every")
        {
            Description = "Minutes between two copies with --backup-to (default 15).",
            DefaultValueFactory = _ => (int)BackupOptions.DefaultEvery.TotalMinutes,
            HelpName = "MINUTES",
        };
        backupEvery.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 1440)
            {
                r.AddError("--backup-every: 1 to 1440 minutes.");
            }
        });
        var backupKeep = new Option<int>("--backup-keep")
        {
            Description = $"How many copies --backup-to keeps, newest first (default {BackupOptions.DefaultKeep}: twelve hours at one every 15 minutes).",
            DefaultValueFactory = _ => BackupOptions.DefaultKeep,
            HelpName = "N",
        };
        backupKeep.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--backup-keep: at least 1.");
            }
        });
        var demo = new Option<bool>("--demo")
        {
            Description = "Start a demonstration: a fictional hospital, an account per role (passwords printed), the Armentières sample territory and an " +
                          $"exercise incident marked EXERCICE. Data goes to ./{DemoServe.DefaultFolder} (recreated at each start) unless --database names an empty database.",
        };
        var evidenceMax = new Option<int>("--evidence-max-mb")
        {
            Description = "Largest file (MiB) a journal entry may carry as evidence: a photo, a screenshot, a PDF.",
            DefaultValueFactory = _ => (int)(EvidenceLimits.DefaultMaxBytes / (1024 * 1024)),
        };
        evidenceMax.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 2048)
            {
                r.AddError("--evidence-max-mb must be between 1 and 2048.");
            }
        });
        var command = new Command("serve", "Start the command post (web pages, API, live updates). Applies database migrations first.")
        {
            urls, database, https, certificate, password, hostNames, backupTo, backupEvery, backupKeep, demo, evidenceMax,
        };
        command.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var isDemo = result.GetValue(demo);
            var settings = isDemo ? DemoServe.Settings(result.GetValue(database)) : CommonOptions.Resolve(result.GetValue(database));
            var dataDirectory = settings.SqliteFile is { } file ? Path.GetDirectoryName(file)! : Path.Combine(Environment.CurrentDirectory, DatabaseSettings.DefaultDataFolder);
            var useHttps = result.GetValue(https) || result.GetValue(certificate) is not null;
            // Before anything is written there (keys, certificate, database): a read-only folder is one line, not a 500 later.
            var folderWarning = DataFolderCheck.Check(dataDirectory, settings.SqliteFile);
            var options = new VigieServerOptions
            {
                Database = settings,
                DataDirectory = dataDirectory,
                Urls = result.GetValue(urls) ?? Environment.GetEnvironmentVariable("VIGIE_URLS") ?? (useHttps ? "https://localhost:5443" : VigieServerOptions.DefaultUrl),
                Https = useHttps,
                CertificatePath = result.GetValue(certificate),
                CertificatePassword = result.GetValue(password) ?? Environment.GetEnvironmentVariable("VIGIE_CERTIFICATE_PASSWORD"),
                HostNames = result.GetValue(hostNames) ?? [],
                Backup = result.GetValue(backupTo) is { } backupFolder
                    ? new BackupOptions(backupFolder) { Every = TimeSpan.FromMinutes(result.GetValue(backupEvery)), Keep = result.GetValue(backupKeep) }
                    : null,
                Console = Console.Out,
                EvidenceMaxBytes = result.GetValue(evidenceMax) * 1024L * 1024L,
            };
            await using var app = VigieWebApp.Build(options);
            // Checked before the server starts: a backup folder that cannot be used, or pg_dump missing, is one line, not a night without copies.
            (app.Services.GetService(typeof(BackupService)) as BackupService)?.CheckReady();
            await VigieWebApp.PrepareAsync(app, cancellationToken);
            if (folderWarning is not null)
            {
                Console.WriteLine($"vigie: warning: {folderWarning}");
            }

            var seeded = isDemo ? await DemoServe.SeedAsync(app, cancellationToken) : null;
            await app.StartAsync(cancellationToken);
            await VigieWebApp.AnnounceAsync(app, cancellationToken);
            if (seeded is not null)
            {
                DemoServe.Announce(seeded, VigieWebApp.Addresses(app).FirstOrDefault() ?? options.Urls, Console.Out);
            }
            await Console.Out.FlushAsync(cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        }));
        return command;
    }
}
