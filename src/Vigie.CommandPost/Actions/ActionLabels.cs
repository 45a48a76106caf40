using Vigie.CommandPost.Common;

namespace Vigie.CommandPost.Actions;

/// <summary>The French label of an action's status, for the texts the system writes into the journal (hashed: never change one).</summary>
public static class ActionLabels
{
    public static string French(ActionStatus status) => status switch
    {
        ActionStatus.AFaire => "à faire",
        ActionStatus.EnCours => "en cours",
        ActionStatus.Fait => "fait",
        ActionStatus.Abandonne => "abandonnée",
        _ => WireName<ActionStatus>.Of(status),
    };
}
