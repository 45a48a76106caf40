namespace Vigie.CommandPost.Findings;

/// <summary>Which bound of <see cref="FindingImportLimits"/> stopped a read. Wire names: decompressed_bytes, lines, findings, refused_lines.</summary>
public enum FindingBound
{
    None,
    DecompressedBytes,
    Lines,
    Findings,
    RefusedLines,
}
