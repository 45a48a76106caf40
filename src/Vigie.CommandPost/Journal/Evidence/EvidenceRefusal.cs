namespace Vigie.CommandPost.Journal.Evidence;

/// <summary>Why a file was not accepted as evidence. The words are in the web host's resources (French and English).</summary>
public enum EvidenceRefusal
{
    /// <summary>The file has no content.</summary>
    Empty,

    /// <summary>The file is larger than <see cref="EvidenceLimits.MaxBytes"/> (argument: the limit).</summary>
    TooLarge,

    /// <summary>The content is none of the accepted types (PNG, JPEG, WebP, HEIC, PDF, plain text).</summary>
    UnsupportedType,

    /// <summary>More files than an entry may carry (argument: the limit).</summary>
    TooMany,
}
