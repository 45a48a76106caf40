namespace Vigie.Sigma.Engine;

/// <summary>Per-matcher scratch arrays for the prefilter (stamps avoid clearing between events).</summary>
internal sealed class MatcherScratch
{
    private int[] _literalStamp = [];
    private int[] _variantStamp = [];

    public int Stamp { get; private set; }

    /// <summary>Rules one of whose primary literals was found.</summary>
    public List<int> Pending { get; } = [];

    /// <summary>Rules to evaluate.</summary>
    public List<int> Candidates { get; } = [];

    public void NextEvent(int literals, int variants)
    {
        if (_literalStamp.Length < literals)
        {
            _literalStamp = new int[Math.Max(literals, _literalStamp.Length * 2)];
        }

        if (_variantStamp.Length < variants)
        {
            _variantStamp = new int[Math.Max(variants, _variantStamp.Length * 2)];
        }

        Stamp++;
        if (Stamp == int.MaxValue)
        {
            Array.Clear(_literalStamp);
            Array.Clear(_variantStamp);
            Stamp = 1;
        }
    }

    /// <summary>Marks a literal as found in this event; true the first time.</summary>
    public bool HitLiteral(int literal)
    {
        if (_literalStamp[literal] == Stamp)
        {
            return false;
        }

        _literalStamp[literal] = Stamp;
        return true;
    }

    public bool IsLiteralHit(int literal) => _literalStamp[literal] == Stamp;

    /// <summary>Marks a rule as pending for this event; true the first time.</summary>
    public bool MarkVariant(int variant)
    {
        if (_variantStamp[variant] == Stamp)
        {
            return false;
        }

        _variantStamp[variant] = Stamp;
        return true;
    }
}
