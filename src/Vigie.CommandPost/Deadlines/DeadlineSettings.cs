namespace Vigie.CommandPost.Deadlines;

/// <summary>
/// Where the post-incident features find their data: the hospital's time zone (deadlines are computed in it) and
/// the data folder that may hold <c>deadlines.yaml</c> and <c>checklists/*.yaml</c> overriding the shipped files.
/// </summary>
public sealed record DeadlineSettings(TimeZoneInfo Zone, string? DataDirectory)
{
    public const string FileName = "deadlines.yaml";
    public const string ChecklistFolder = "checklists";

    public static DeadlineSettings Paris(string? dataDirectory = null) => new(TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"), dataDirectory);

    public string? UserFile => DataDirectory is null ? null : Path.Combine(DataDirectory, FileName);

    public string? UserChecklistFolder => DataDirectory is null ? null : Path.Combine(DataDirectory, ChecklistFolder);
}
