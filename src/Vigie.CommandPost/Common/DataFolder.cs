namespace Vigie.CommandPost.Common;

/// <summary>
/// The folder beside the database where a hospital keeps its own data files over the shipped ones
/// (<c>deadlines.yaml</c>, <c>checklists/*.yaml</c>). Null <see cref="Path"/>: the shipped files only.
/// </summary>
public sealed record DataFolder(string? Path)
{
    public static DataFolder None { get; } = new((string?)null);

    /// <summary>The path of <paramref name="name"/> in the folder, or null when there is no folder.</summary>
    public string? Combine(string name) => Path is null ? null : System.IO.Path.Combine(Path, name);
}
