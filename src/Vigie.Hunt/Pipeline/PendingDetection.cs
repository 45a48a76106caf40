namespace Vigie.Hunt.Pipeline;

/// <summary>
/// A rule's match before the final time ordering: the sort key (time, file, event, match), the row's
/// facts and, for rules that feed correlations, the values the correlations group by.
/// </summary>
internal sealed class PendingDetection
{
    public long Ticks { get; init; }

    public int File { get; init; }

    public long Ordinal { get; init; }

    public int Match { get; init; }

    public int Rule { get; init; }

    public string Computer { get; init; } = "";

    public string Channel { get; init; } = "";

    public int? EventId { get; init; }

    public long? RecordId { get; init; }

    public KeyValuePair<string, string>[] Details { get; init; } = [];

    /// <summary>Aligned with the rule's correlation fields; null when no correlation reads the rule.</summary>
    public string?[]? CorrelationValues { get; init; }

    public static int Compare(PendingDetection? a, PendingDetection? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a is null)
        {
            return -1;
        }

        if (b is null)
        {
            return 1;
        }

        var c = a.Ticks.CompareTo(b.Ticks);
        if (c != 0)
        {
            return c;
        }

        c = a.File.CompareTo(b.File);
        if (c != 0)
        {
            return c;
        }

        c = a.Ordinal.CompareTo(b.Ordinal);
        return c != 0 ? c : a.Match.CompareTo(b.Match);
    }
}
