using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Vigie.CommandPost.Accounts;

namespace Vigie.Web.Live;

/// <summary>
/// Live updates: a page calls <c>Watch(incidentId)</c> (0 for the incident list) and then receives
/// <c>changed {incidentId, topic, seq}</c> for every committed change of that incident.
/// </summary>
[Authorize(Policy = nameof(Permission.Read))]
internal sealed class IncidentHub : Hub
{
    public const string Path = "/hubs/incidents";

    public static string Group(long incidentId) => incidentId == 0 ? "incidents" : $"incident:{incidentId}";

    public Task Watch(long incidentId) => Groups.AddToGroupAsync(Context.ConnectionId, Group(incidentId));

    public Task Unwatch(long incidentId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(incidentId));
}
