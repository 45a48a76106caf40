namespace Vigie.CommandPost.Continuity;

/// <summary>
/// Live-update topics of continuity of care. Board and redirections are per incident; facilities and sites are shared
/// by every incident and are published as incident 0 (pages follow them with <c>data-live-incident="0"</c>).
/// </summary>
public static class ContinuityTopics
{
    public const string Services = "services";
    public const string Redirections = "redirections";
    public const string Facilities = "facilities";
    public const string Sites = "sites";

    /// <summary>The author the system signs its own journal entries with (re-evaluation reminders).</summary>
    public const string SystemAuthor = "vigie";
}
