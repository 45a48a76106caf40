using Vigie.CommandPost.Common;

namespace Vigie.CommandPost.Incidents;

/// <summary>
/// Labels for the texts the system writes into the journal. The journal is a French legal record kept by a
/// French crisis cell, so these stay French whatever the reader's interface language (they are hashed).
/// </summary>
public static class IncidentLabels
{
    public static string French(IncidentPhase phase) => phase switch
    {
        IncidentPhase.Detection => "détection",
        IncidentPhase.Confinement => "confinement",
        IncidentPhase.Crise => "crise",
        IncidentPhase.Reprise => "reprise",
        IncidentPhase.Cloture => "clôture",
        _ => WireName<IncidentPhase>.Of(phase),
    };

    public static string French(Severity severity) => severity switch
    {
        Severity.Faible => "faible",
        Severity.Moyenne => "moyenne",
        Severity.Elevee => "élevée",
        Severity.Critique => "critique",
        _ => WireName<Severity>.Of(severity),
    };

    public static string French(IncidentKind kind) => kind == IncidentKind.Cyber ? "cyber" : "autre";
}
