using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;

namespace Vigie.CommandPost.Reports;

/// <summary>
/// The post-incident report (RETEX) as generated at <paramref name="GeneratedAt"/>: a title, summary facts and
/// sections in order; the HTML print view and the PDF render the same object. <paramref name="Language"/> is "fr" or "en".
/// </summary>
public sealed record PostIncidentReport(
    Incident Incident,
    string Language,
    string Title,
    string Subtitle,
    DateTimeOffset GeneratedAt,
    string GeneratedBy,
    IReadOnlyList<ReportFact> Summary,
    IReadOnlyList<ReportSection> Sections,
    JournalVerification Integrity,
    string Footer);
