namespace Vigie.CommandPost.Overview;

/// <summary>The reception desk's counters: patients met, redirected, kept on site (tri 1), and by triage level (index 0 is tri 1).</summary>
public sealed record DeskCounts(int Total, int Redirected, int KeptOnSite, IReadOnlyList<int> ByTriage)
{
    public static DeskCounts None { get; } = new(0, 0, 0, [0, 0, 0, 0, 0]);
}
