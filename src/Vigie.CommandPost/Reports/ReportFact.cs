namespace Vigie.CommandPost.Reports;

public sealed record ReportFact(string Label, string Value, ReportTone Tone = ReportTone.Normal);
