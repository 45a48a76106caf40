namespace Vigie.CommandPost.Continuity.Facilities.Import;

/// <summary>
/// What an import did or would do: encoding and separator found, data lines read, facilities created, updated and
/// unchanged, refused lines, and whether anything was written.
/// </summary>
public sealed record FacilityImportReport(
    string Encoding,
    char Separator,
    int Lines,
    int Created,
    int Updated,
    int Unchanged,
    IReadOnlyList<CsvLineError> Errors,
    IReadOnlyList<string> IgnoredColumns,
    bool Imported,
    bool DryRun)
{
    public int Refused => Errors.Count;
}
