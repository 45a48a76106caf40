using System.Collections.Frozen;

namespace Vigie.CommandPost.Journal;

/// <summary>
/// What an entry refers to elsewhere in the command post: a type (<c>phase</c>, <c>action</c>, <c>role</c>,
/// <c>situation</c>, later <c>finding</c>, <c>service</c>, <c>redirection</c>...) and the id in that feature.
/// </summary>
public sealed record JournalLink(string Type, string Id)
{
    /// <summary>
    /// The link types that Vigie's own operations write (a phase change, a key time, a role, a closed service...). The
    /// report deduces key times from some of them, so an entry a person types cannot claim one (compared without case
    /// and surrounding spaces). A feature that adds a link type adds it here.
    /// </summary>
    public static readonly FrozenSet<string> SystemTypes = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
    [
        "incident", "phase", "role", "action", "situation",
        "service", "diversion", "redirection",
        "deadline", "deadline_question", "deadline_event", "checklist", "checklist_item", "key_time", "remediation",
        "finding", "finding-run",
    ]);

    /// <summary>Whether <paramref name="type"/> is written by Vigie itself, not by a person.</summary>
    public static bool IsSystemType(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return SystemTypes.Contains(type.Trim());
    }
}
