namespace Vigie.Web.Common;

/// <summary>
/// A small block another feature shows on the crisis board's foot and above the incident list (for instance the last
/// good copy of the database): a Razor component with <c>[Parameter] public long? IncidentId</c> (null on the list).
/// Register with <c>services.AddOverviewPanel(new OverviewPanel(typeof(MyPanel), 10))</c>; keep it one line high.
/// </summary>
public sealed record OverviewPanel(Type Component, int Order);
