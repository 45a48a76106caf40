namespace Vigie.CommandPost.Reports;

/// <summary>Label–value lines (printed as a definition list).</summary>
public sealed record ReportFacts(IReadOnlyList<ReportFact> Facts) : ReportBlock;
