namespace Vigie.CommandPost.Journal.Evidence;

/// <summary>How large an attached file may be (20 MiB unless configured: a phone's photo is 2 to 12 MB).</summary>
public sealed record EvidenceLimits(long MaxBytes)
{
    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    /// <summary>A file name is cut to this many characters (its extension kept).</summary>
    public const int MaxNameLength = 200;

    public static EvidenceLimits Default { get; } = new(DefaultMaxBytes);
}
