using Vigie.CommandPost.Common;

namespace Vigie.CommandPost.Incidents;

internal sealed class IncidentRow
{
    public const string Columns =
        "id AS Id, title AS Title, kind AS Kind, detected_at_us AS DetectedAtUs, declared_at_us AS DeclaredAtUs, phase AS Phase, " +
        "severity AS Severity, site AS Site, created_by AS CreatedBy, journal_count AS JournalCount, journal_head AS JournalHead, exercise AS Exercise";

    public long Id { get; set; }
    public string Title { get; set; } = "";
    public string Kind { get; set; } = "";
    public long DetectedAtUs { get; set; }
    public long DeclaredAtUs { get; set; }
    public string Phase { get; set; } = "";
    public string Severity { get; set; } = "";
    public string? Site { get; set; }
    public string CreatedBy { get; set; } = "";
    public long JournalCount { get; set; }
    public string JournalHead { get; set; } = "";
    public long Exercise { get; set; }

    public Incident ToIncident() => new(Id, Title, WireName<IncidentKind>.Parse(Kind), Time.FromMicros(DetectedAtUs), Time.FromMicros(DeclaredAtUs),
        WireName<IncidentPhase>.Parse(Phase), WireName<Severity>.Parse(Severity), Site, CreatedBy, JournalCount, JournalHead, Exercise != 0);
}
