namespace Vigie.CommandPost.Journal.Evidence;

/// <summary>What verification found of a stored file.</summary>
public enum EvidenceState
{
    /// <summary>Present, and its bytes hash to its name.</summary>
    Intact,

    /// <summary>Not in the store.</summary>
    Missing,

    /// <summary>Present, but its bytes no longer hash to its name.</summary>
    Altered,
}
