using System.Globalization;
using Microsoft.Extensions.Localization;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Journal.Evidence;

namespace Vigie.Web.Journal;

/// <summary>How attached files read on pages and in the API's problems: sizes, refusals, addresses.</summary>
internal static class EvidenceDisplay
{
    /// <summary>What the file picker offers (the server still reads every file's type from its bytes).</summary>
    public const string Accept = "image/png,image/jpeg,image/webp,image/heic,image/heif,.heic,.heif,application/pdf,text/plain,.txt,.log,.csv";

    /// <summary>The page address of an entry's file (cookie session; the API has its own under /api/v1).</summary>
    public static string Url(long incidentId, long seq, string sha256) =>
        string.Create(CultureInfo.InvariantCulture, $"/incidents/{incidentId}/journal/{seq}/files/{sha256}");

    /// <summary>"12 octets", "340 ko", "4,2 Mo" in the current language.</summary>
    public static string Size(long bytes, IStringLocalizer<EvidenceText> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var culture = CultureInfo.CurrentUICulture;
        if (bytes < 1024)
        {
            return text["Bytes", bytes.ToString("N0", culture)];
        }

        return bytes < 1024 * 1024
            ? text["Kilobytes", (bytes / 1024.0).ToString("0", culture)]
            : text["Megabytes", (bytes / (1024.0 * 1024.0)).ToString("0.#", culture)];
    }

    /// <summary>A refused file as a problem on its field, in the current language.</summary>
    public static Problem Problem(EvidenceRefused refused, IStringLocalizer<EvidenceText> text)
    {
        ArgumentNullException.ThrowIfNull(refused);
        ArgumentNullException.ThrowIfNull(text);
        var limit = refused.Code == EvidenceRefusal.TooLarge && refused.Limit is { } bytes ? Size(bytes, text) : refused.Limit?.ToString(CultureInfo.CurrentUICulture) ?? "";
        var code = refused.Code switch
        {
            EvidenceRefusal.Empty => ProblemCode.EvidenceEmpty,
            EvidenceRefusal.TooLarge => ProblemCode.EvidenceTooLarge,
            EvidenceRefusal.UnsupportedType => ProblemCode.EvidenceUnsupportedType,
            _ => ProblemCode.EvidenceTooMany,
        };
        return CommandPost.Common.Problem.Invalid(refused.Field, code, refused.FileName ?? "", limit);
    }

    /// <summary>The labels the journal's entry list needs for attachments.</summary>
    public static JournalEntriesHtml.EvidenceLabels Labels(IStringLocalizer<EvidenceText> text) =>
        new(text["Attachments"], text["Sha256"], text["ImageAlt"].Value, bytes => Size(bytes, text));
}
