namespace Vigie.CommandPost.Reports;

/// <summary>A table; <paramref name="Widths"/> are relative column widths (null: equal).</summary>
public sealed record ReportTable(IReadOnlyList<string> Headers, IReadOnlyList<ReportRow> Rows, IReadOnlyList<double>? Widths = null) : ReportBlock;
