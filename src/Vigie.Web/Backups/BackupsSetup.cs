using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Backups;
using Vigie.CommandPost.Storage;
using Vigie.Web.Common;
using Vigie.Web.Hosting;

namespace Vigie.Web.Backups;

/// <summary>
/// `serve --backup-to`: the copier and its worker when the option is given, the overview's panel (last good copy, last
/// failure), and GET /api/v1/backups.
/// </summary>
internal static class BackupsSetup
{
    public static void AddBackups(this WebApplicationBuilder builder, VigieServerOptions options)
    {
        if (options.Backup is not { } backup)
        {
            return;
        }

        builder.Services.AddSingleton(sp => new BackupService(sp.GetRequiredService<Database>(), backup, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddHostedService<BackupWorker>();
    }

    public static void MapBackups(this WebApplication app) =>
        app.Api().MapGet("/backups", (IServiceProvider services) =>
                services.GetService<BackupService>() is { } backups
                    ? Results.Ok(BackupStatusResponse.From(backups.Status))
                    : Results.Ok(new BackupStatusResponse(false, null, null, null, null, null, null, null)))
            .WithTags("Backups").RequireAuthorization(nameof(Permission.Read))
            .WithDescription("`serve --backup-to`: the backup folder, the last good (verified) copy and the last failed attempt, if any. `enabled` is false without --backup-to.");
}
