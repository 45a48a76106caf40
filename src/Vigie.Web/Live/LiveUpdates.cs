using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Vigie.CommandPost.Storage;

namespace Vigie.Web.Live;

/// <summary>
/// Forwards every committed <see cref="IncidentChange"/> to the SignalR groups of the incident and of the incident
/// list. Features publish with <c>UnitOfWork.Publish</c>; pages opt in with <c>data-live-*</c> attributes
/// (see Assets/js/live.js and docs/command-post.md).
/// </summary>
internal sealed class LiveUpdates(ChangeFeed feed, IHubContext<IncidentHub> hub) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        feed.Changed += OnChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        feed.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnChanged(IncidentChange change)
    {
        var message = new LiveChange(change.IncidentId, change.Topic, change.Seq);
        _ = hub.Clients.Groups(IncidentHub.Group(change.IncidentId), IncidentHub.Group(0)).SendAsync("changed", message);
    }
}
