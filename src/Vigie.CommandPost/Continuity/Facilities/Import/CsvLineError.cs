namespace Vigie.CommandPost.Continuity.Facilities.Import;

/// <summary>Why one line of an imported file was refused: its line number (1 = header), the field at fault if any, a message.</summary>
public sealed record CsvLineError(int Line, string? Field, string Message);
