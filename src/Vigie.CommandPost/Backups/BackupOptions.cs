namespace Vigie.CommandPost.Backups;

/// <summary>
/// `serve --backup-to DIR`: where the verified copies go (a USB stick, a second disk), how often (and on every phase
/// change), how many are kept.
/// </summary>
public sealed record BackupOptions(string Folder)
{
    public static readonly TimeSpan DefaultEvery = TimeSpan.FromMinutes(15);

    /// <summary>48 copies: twelve hours at one every 15 minutes, a crisis night, plus the phase changes within it.</summary>
    public const int DefaultKeep = 48;

    public TimeSpan Every { get; init; } = DefaultEvery;

    public int Keep { get; init; } = DefaultKeep;
}
