namespace Vigie.CommandPost.Reports;

public sealed record ReportParagraph(string Text, ReportTone Tone = ReportTone.Normal) : ReportBlock;
