namespace Vigie.CommandPost.Storage;

/// <summary>Committed changes, for whoever shows them live (the web host forwards them to SignalR groups).</summary>
public sealed class ChangeFeed
{
    public event Action<IncidentChange>? Changed;

    internal void Raise(IReadOnlyList<IncidentChange> changes)
    {
        var handler = Changed;
        if (handler is null)
        {
            return;
        }

        foreach (var change in changes)
        {
            handler(change);
        }
    }
}
