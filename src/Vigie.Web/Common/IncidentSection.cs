using Vigie.CommandPost.Accounts;

namespace Vigie.Web.Common;

/// <summary>
/// A tab of the incident page (/incidents/{id}/{Key}). <paramref name="Component"/> is a Razor component with an
/// <c>[Parameter] Incident Incident</c>; it renders inside the incident page, with its forms and live regions.
/// <paramref name="TitleKey"/> is the tab's short label; <paramref name="PageTitleKey"/> (default: the same) names the
/// page in the browser's title bar and tabs ("Tableau des services — Incident 3 — Vigie").
/// </summary>
public sealed record IncidentSection(string Key, Type Component, Type Resources, string TitleKey, int Order, Permission Permission = Permission.Read,
    string? PageTitleKey = null)
{
    /// <summary>Which incidents have this tab (all when null): the exercise tab is on exercise incidents only.</summary>
    public Func<Vigie.CommandPost.Incidents.Incident, bool>? AppliesTo { get; init; }
}
