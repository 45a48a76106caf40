using System.Text;

namespace Vigie.CommandPost.Journal.Evidence;

/// <summary>
/// The name an attached file is shown and downloaded under: what the person's device called it, without any folder,
/// control character or surrounding space, cut to <see cref="EvidenceLimits.MaxNameLength"/> characters with its
/// extension kept; a file with no usable name gets one from its type ("piece-jointe.png").
/// </summary>
public static class EvidenceFileName
{
    public static string Clean(string? name, string contentType)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        var value = name ?? "";
        var slash = value.LastIndexOfAny(['/', '\\']);
        if (slash >= 0)
        {
            value = value[(slash + 1)..];
        }

        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(char.IsControl(c) || c is '"' or '\u2028' or '\u2029' ? ' ' : c);
        }

        value = builder.ToString().Trim().Trim('.').Trim();
        if (value.Length == 0)
        {
            return "piece-jointe" + Extension(contentType);
        }

        if (value.Length > EvidenceLimits.MaxNameLength)
        {
            var dot = value.LastIndexOf('.');
            var extension = dot > 0 && value.Length - dot <= 10 ? value[dot..] : "";
            value = value[..(EvidenceLimits.MaxNameLength - extension.Length)].TrimEnd() + extension;
        }

        return value;
    }

    /// <summary>The usual extension of an accepted type.</summary>
    public static string Extension(string contentType) => contentType switch
    {
        EvidenceSniffer.Png => ".png",
        EvidenceSniffer.Jpeg => ".jpg",
        EvidenceSniffer.WebP => ".webp",
        EvidenceSniffer.Heic => ".heic",
        EvidenceSniffer.Heif => ".heif",
        EvidenceSniffer.Pdf => ".pdf",
        _ => ".txt",
    };
}
