namespace Vigie.CommandPost.Continuity.Facilities.Import;

/// <summary>
/// An imported file read and checked: the encoding and separator found, the valid lines, the refused lines with
/// their reasons, and the columns that were not understood (ignored).
/// </summary>
public sealed record FacilityCsv(string Encoding, char Separator, int DataLines, IReadOnlyList<FacilityCsvRow> Rows, IReadOnlyList<CsvLineError> Errors, IReadOnlyList<string> IgnoredColumns);
