namespace Vigie.CommandPost.Backups;

/// <summary>
/// What checking a copy found: it opens, it is whole, and every incident's journal chain verifies (<paramref name="Ok"/>),
/// with the counts; or the first problem, for people.
/// </summary>
public sealed record BackupCheck(bool Ok, long Incidents, long Entries, string? Problem)
{
    public static BackupCheck Broken(string problem) => new(false, 0, 0, problem);
}
