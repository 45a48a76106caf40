namespace Vigie.Sigma.Engine;

/// <summary>Per-matcher scratch arrays for the prefilter (stamps avoid clearing between events).</summary>
internal sealed class MatcherScratch
{
    private int[] _groupStamp = [];
    private int[] _variantStamp = [];
    private int[] _variantHits = [];

    public int Stamp { get; private set; }

    public List<int> Candidates { get; } = [];

    public void NextEvent(int groups, int variants)
    {
        if (_groupStamp.Length < groups)
        {
            _groupStamp = new int[Math.Max(groups, _groupStamp.Length * 2)];
        }

        if (_variantStamp.Length < variants)
        {
            var size = Math.Max(variants, _variantStamp.Length * 2);
            _variantStamp = new int[size];
            _variantHits = new int[size];
        }

        Stamp++;
        if (Stamp == int.MaxValue)
        {
            Array.Clear(_groupStamp);
            Array.Clear(_variantStamp);
            Stamp = 1;
        }
    }

    /// <summary>Marks a group as hit for this event; true the first time.</summary>
    public bool HitGroup(int group)
    {
        if (_groupStamp[group] == Stamp)
        {
            return false;
        }

        _groupStamp[group] = Stamp;
        return true;
    }

    /// <summary>Counts one more satisfied group for a variant; returns the count for this event.</summary>
    public int HitVariant(int variant)
    {
        if (_variantStamp[variant] != Stamp)
        {
            _variantStamp[variant] = Stamp;
            _variantHits[variant] = 0;
        }

        return ++_variantHits[variant];
    }
}
