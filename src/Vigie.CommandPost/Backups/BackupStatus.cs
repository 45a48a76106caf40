namespace Vigie.CommandPost.Backups;

/// <summary>
/// What the overview shows: the folder, the last good (verified) copy, and the last attempt when it failed (its time
/// and why). <see cref="LastError"/> is null when the last attempt made a good copy.
/// </summary>
public sealed record BackupStatus(string Folder, TimeSpan Every, BackupCopy? LastGood, DateTimeOffset? LastAttemptAt, string? LastError);
