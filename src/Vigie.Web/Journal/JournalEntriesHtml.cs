using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Journal;

namespace Vigie.Web.Journal;

/// <summary>
/// The journal's &lt;li&gt; items as one HTML string. The journal tab is the busiest page of a crisis (every screen of
/// the cell shows it and refreshes it live), and writing its 100 entries directly is several times cheaper than
/// rendering them as components. Every value is HTML-encoded here.
/// </summary>
internal static class JournalEntriesHtml
{
    public sealed record Labels(IReadOnlyDictionary<JournalKind, string> Kinds, string RecordedAt, string Corrects, string CorrectedBy, string Correct, EvidenceLabels? Evidence = null);

    /// <summary>Words for an entry's files: the list's name, "SHA-256", the image description ({0}: file name), a size formatter.</summary>
    public sealed record EvidenceLabels(string Attachments, string Sha256, string ImageAlt, Func<long, string> Size);

    public static string Render(IReadOnlyList<JournalEntry> entries, long incidentId, Labels labels, HospitalClock times, HtmlEncoder encoder, bool canWrite)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var correctedBy = CorrectedBy(entries);
        var html = new StringBuilder(entries.Count * 600);
        foreach (var entry in entries)
        {
            Entry(html, entry, correctedBy.GetValueOrDefault(entry.Seq), incidentId, labels, times, encoder, canWrite);
        }

        return html.ToString();
    }

    /// <summary>For each entry of <paramref name="entries"/> that another one of them corrects: the seqs of its corrections.</summary>
    public static Dictionary<long, List<long>> CorrectedBy(IReadOnlyList<JournalEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var correctedBy = new Dictionary<long, List<long>>();
        foreach (var entry in entries)
        {
            if (entry.CorrectsSeq is { } corrected)
            {
                (correctedBy.TryGetValue(corrected, out var list) ? list : correctedBy[corrected] = []).Add(entry.Seq);
            }
        }

        return correctedBy;
    }

    /// <summary>One entry's &lt;li&gt;; <paramref name="correctedBy"/>: the seqs of the entries shown with it that correct it.</summary>
    public static void Entry(StringBuilder html, JournalEntry entry, List<long>? correctedBy, long incidentId, Labels labels, HospitalClock times, HtmlEncoder encoder,
        bool canWrite)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(encoder);
        var c = CultureInfo.InvariantCulture;
        var kind = WireName<JournalKind>.Of(entry.Kind);
        html.Append(c, $"<li id=\"e{entry.Seq}\" class=\"entry kind-{kind}\" data-seq=\"{entry.Seq}\"><div class=\"entry-meta\">");
        html.Append(c, $"<span class=\"seq\">n°{entry.Seq}</span> <span class=\"badge kind\">{encoder.Encode(labels.Kinds[entry.Kind])}</span> ");
        html.Append(c, $"<time datetime=\"{Time.Canonical(entry.OccurredAt)}\">{times.Format(entry.OccurredAt)}</time> ");
        if (entry.RecordedAt - entry.OccurredAt > TimeSpan.FromMinutes(1))
        {
            html.Append(c, $"<span class=\"small\">({encoder.Encode(labels.RecordedAt)} {times.Format(entry.RecordedAt)})</span> ");
        }

        html.Append(c, $"<span class=\"author\">{encoder.Encode(entry.Author)}</span></div>");
        if (entry.CorrectsSeq is { } corrects)
        {
            html.Append(c, $"<p class=\"correction-of\">{encoder.Encode(labels.Corrects)} <a href=\"#e{corrects}\">n°{corrects}</a></p>");
        }

        html.Append("<p class=\"entry-text\">").Append(encoder.Encode(entry.Text)).Append("</p>");
        if (entry.Attachments.Count > 0 && labels.Evidence is { } evidence)
        {
            Attachments(html, entry, evidence, encoder);
        }

        if (correctedBy is { Count: > 0 })
        {
            html.Append("<p class=\"corrected-by\">").Append(encoder.Encode(labels.CorrectedBy));
            foreach (var seq in correctedBy.Order())
            {
                html.Append(c, $" <a href=\"#e{seq}\">n°{seq}</a>");
            }

            html.Append("</p>");
        }

        if (canWrite)
        {
            html.Append(c, $"<a class=\"small\" href=\"/incidents/{incidentId}/journal?correct={entry.Seq}#entry-form\">{encoder.Encode(labels.Correct)}</a>");
        }

        html.Append("</li>\n");
    }

    /// <summary>
    /// An entry's files: a thumbnail for images (the image itself, scaled by the browser and cached: its address never
    /// changes), the name with a download link, type and size, and the SHA-256 the chain carries.
    /// </summary>
    public static void Attachments(StringBuilder html, JournalEntry entry, EvidenceLabels labels, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(encoder);
        var c = CultureInfo.InvariantCulture;
        html.Append(c, $"<ul class=\"evidence\" aria-label=\"{encoder.Encode(labels.Attachments)}\">");
        foreach (var file in entry.Attachments)
        {
            var url = EvidenceDisplay.Url(entry.IncidentId, entry.Seq, file.Sha256);
            var name = encoder.Encode(file.FileName);
            html.Append("<li class=\"evidence-item\">");
            if (file.IsImage)
            {
                html.Append(c, $"<a class=\"evidence-thumb-link\" href=\"{url}\"><img class=\"evidence-thumb\" src=\"{url}\" alt=\"{encoder.Encode(string.Format(CultureInfo.CurrentCulture, labels.ImageAlt, file.FileName))}\" loading=\"lazy\" /></a>");
            }

            html.Append(c, $"<span class=\"evidence-name\"><a href=\"{url}?download=1\" download=\"{name}\">{name}</a> ");
            html.Append(c, $"<span class=\"small\">({encoder.Encode(file.ContentType.Split(';')[0])}, {encoder.Encode(labels.Size(file.SizeBytes))})</span></span>");
            html.Append(c, $"<span class=\"evidence-hash\"><span class=\"small\">{encoder.Encode(labels.Sha256)}</span> <code>{file.Sha256}</code></span>");
            html.Append("</li>");
        }

        html.Append("</ul>");
    }
}
