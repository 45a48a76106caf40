namespace Vigie.CommandPost.Continuity.Facilities.Import;

/// <summary>
/// How to import. By default a file with any refused line imports nothing (the report lists every refused line);
/// <paramref name="ValidOnly"/> imports the valid lines and skips the refused ones; <paramref name="DryRun"/> checks
/// and counts without writing.
/// </summary>
public sealed record FacilityImportOptions(bool ValidOnly = false, bool DryRun = false);
