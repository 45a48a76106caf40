namespace Vigie.CommandPost.Incidents;

/// <summary>How serious the incident is. Wire names: faible, moyenne, elevee, critique.</summary>
public enum Severity
{
    Faible,
    Moyenne,
    Elevee,
    Critique,
}
