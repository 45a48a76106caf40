namespace Vigie.CommandPost.Exercises.Scenarios;

/// <summary>A row of a spreadsheet or CSV file: its line (CSV: the first line of the record; XLSX: the sheet's row number) and its cells.</summary>
public sealed record TableRow(int Line, IReadOnlyList<string> Cells)
{
    /// <summary>Cells too large to keep (column → length in characters): the reader reports them without holding them.</summary>
    public IReadOnlyDictionary<int, int>? Oversized { get; init; }

    /// <summary>The length the cell had in the file.</summary>
    public int Length(int index) => Oversized is not null && Oversized.TryGetValue(index, out var length) ? length : Cell(index).Length;

    public string Cell(int index) => index >= 0 && index < Cells.Count ? Cells[index] : "";

    public bool IsBlank => Cells.All(string.IsNullOrWhiteSpace);
}
