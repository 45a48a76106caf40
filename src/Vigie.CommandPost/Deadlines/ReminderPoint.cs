namespace Vigie.CommandPost.Deadlines;

/// <summary>A moment to remind the cell: a lead time before the deadline (<c>24h</c>...) or the deadline itself (<c>echeance</c>).</summary>
public sealed record ReminderPoint(string Key, DeadlineOffset? Lead, DateTimeOffset At)
{
    public const string DeadlineKey = "echeance";
}
