namespace Vigie.CommandPost.Reports;

public sealed record ReportRow(IReadOnlyList<string> Cells, ReportTone Tone = ReportTone.Normal);
