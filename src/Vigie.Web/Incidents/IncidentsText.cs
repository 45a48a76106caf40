namespace Vigie.Web.Incidents;

/// <summary>Incident list and incident page (French default in IncidentsText.resx, English in IncidentsText.en.resx).</summary>
public sealed class IncidentsText
{
}
