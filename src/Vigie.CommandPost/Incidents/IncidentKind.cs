namespace Vigie.CommandPost.Incidents;

public enum IncidentKind
{
    Cyber,
    Other,
}
