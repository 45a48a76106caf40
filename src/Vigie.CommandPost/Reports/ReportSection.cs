namespace Vigie.CommandPost.Reports;

/// <summary>
/// A titled part of the report, made of blocks that the HTML view and the PDF both render (so a contributor never
/// writes a renderer). Built-in orders: 10 key times, 20 timeline, 30 services downtime (continuity), 40 redirected
/// patients (continuity), 50 deadlines, 60 checklists, 70 hunt findings, 80 remediation, 85 crisis actions, 90 integrity.
/// </summary>
public sealed record ReportSection(string Key, int Order, string Title, IReadOnlyList<ReportBlock> Blocks);
