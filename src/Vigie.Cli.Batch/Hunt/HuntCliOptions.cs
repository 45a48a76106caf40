using Vigie.Hunt;
namespace Vigie.Cli.Hunt;

/// <summary>The parsed options of <c>vigie hunt</c>.</summary>
internal sealed record HuntCliOptions(
    IReadOnlyList<string> Paths,
    IReadOnlyList<string> Rules,
    HuntLevel MinLevel,
    string? Output,
    string? Format,
    int Threads,
    bool Quiet,
    string? TempDirectory,
    long? Incident,
    string? Server,
    string? Token,
    string? Fingerprint = null);
