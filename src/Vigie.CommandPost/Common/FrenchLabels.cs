using Vigie.CommandPost.Actions;
using Vigie.CommandPost.Incidents;

namespace Vigie.CommandPost.Common;

/// <summary>
/// Labels for the texts the system writes into the journal. The journal is a French legal record kept by a
/// French crisis cell, so these stay French whatever the reader's interface language (they are hashed).
/// </summary>
public static class FrenchLabels
{
    public static string Of(IncidentPhase phase) => phase switch
    {
        IncidentPhase.Detection => "détection",
        IncidentPhase.Confinement => "confinement",
        IncidentPhase.Crise => "crise",
        IncidentPhase.Reprise => "reprise",
        IncidentPhase.Cloture => "clôture",
        _ => WireName<IncidentPhase>.Of(phase),
    };

    public static string Of(Severity severity) => severity switch
    {
        Severity.Faible => "faible",
        Severity.Moyenne => "moyenne",
        Severity.Elevee => "élevée",
        Severity.Critique => "critique",
        _ => WireName<Severity>.Of(severity),
    };

    public static string Of(IncidentKind kind) => kind == IncidentKind.Cyber ? "cyber" : "autre";

    public static string Of(ActionStatus status) => status switch
    {
        ActionStatus.AFaire => "à faire",
        ActionStatus.EnCours => "en cours",
        ActionStatus.Fait => "fait",
        ActionStatus.Abandonne => "abandonnée",
        _ => WireName<ActionStatus>.Of(status),
    };
}
