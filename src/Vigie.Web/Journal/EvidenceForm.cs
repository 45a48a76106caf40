using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Journal.Evidence;

namespace Vigie.Web.Journal;

/// <summary>The journal form's files: read from the posted form, each stored (or refused with its reason) before the entry is written.</summary>
internal static class EvidenceForm
{
    /// <summary>The files of the form's file field; an empty field (a browser sends one nameless empty part) gives none.</summary>
    public static IReadOnlyList<IFormFile> Files(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasFormContentType)
        {
            return [];
        }

        return request.Form.Files.GetFiles(EvidenceField.FieldName).Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
    }

    /// <summary>Stores every file; the first refusal stops and says which file and why, in the page's language.</summary>
    public static async Task<Result<IReadOnlyList<NewAttachment>>> StoreAsync(
        IReadOnlyList<IFormFile> files, EvidenceService evidence, IStringLocalizer<EvidenceText> text, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(evidence);
        if (files.Count > NewJournalEntry.MaxAttachments)
        {
            return EvidenceDisplay.Problem(new EvidenceRefused(EvidenceRefusal.TooMany, EvidenceField.FieldName, null, NewJournalEntry.MaxAttachments), text);
        }

        var attachments = new List<NewAttachment>(files.Count);
        foreach (var file in files)
        {
            await using var content = file.OpenReadStream();
            var stored = await evidence.StoreAsync(content, EvidenceField.FieldName, file.FileName, actor, cancellationToken).ConfigureAwait(false);
            if (!stored.IsOk)
            {
                return EvidenceDisplay.Problem(stored.Refused, text);
            }

            attachments.Add(new NewAttachment(stored.Stored.Sha256, file.FileName));
        }

        return attachments;
    }
}
