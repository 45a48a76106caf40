namespace Vigie.CommandPost.Journal.Evidence;

/// <summary>A refused file: why (<paramref name="Code"/>), which form or request field, the file's name and the limit that applies.</summary>
public sealed record EvidenceRefused(EvidenceRefusal Code, string Field, string? FileName = null, long? Limit = null)
{
    /// <summary>The refusal in English, for logs and the command line (pages and the API use the resources).</summary>
    public string Describe() => Code switch
    {
        EvidenceRefusal.Empty => $"{FileName ?? Field} is empty.",
        EvidenceRefusal.TooLarge => $"{FileName ?? Field} is larger than {Limit} bytes.",
        EvidenceRefusal.UnsupportedType => $"{FileName ?? Field} is not a PNG, JPEG, WebP or HEIC image, a PDF or a plain text file.",
        EvidenceRefusal.TooMany => $"An entry carries at most {Limit} files.",
        _ => Code.ToString(),
    };
}
