using Vigie.CommandPost.Backups;

namespace Vigie.Web.Backups;

/// <summary>GET /api/v1/backups: where copies go, the last good one (when, which file, what it holds) and the last failure.</summary>
internal sealed record BackupStatusResponse(bool Enabled, string? Folder, int? EveryMinutes, DateTimeOffset? LastGoodAt, string? LastGoodFile,
    long? LastGoodEntries, DateTimeOffset? LastAttemptAt, string? LastError)
{
    public static BackupStatusResponse From(BackupStatus status) => new(true, status.Folder, (int)status.Every.TotalMinutes, status.LastGood?.MadeAt,
        status.LastGood?.Path, status.LastGood?.Check.Entries, status.LastAttemptAt, status.LastError);
}
