namespace Vigie.CommandPost.Backups;

/// <summary>One copy in the backup folder: its file, when it was made and why (start, periodic, phase), and what its check found.</summary>
public sealed record BackupCopy(string Path, DateTimeOffset MadeAt, string Reason, BackupCheck Check);
