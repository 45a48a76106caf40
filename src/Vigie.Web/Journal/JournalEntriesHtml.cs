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
    public sealed record Labels(IReadOnlyDictionary<JournalKind, string> Kinds, string RecordedAt, string Corrects, string CorrectedBy, string Correct);

    public static string Render(IReadOnlyList<JournalEntry> entries, long incidentId, Labels labels, HospitalClock times, HtmlEncoder encoder, bool canWrite)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(encoder);
        var correctedBy = new Dictionary<long, List<long>>();
        foreach (var entry in entries)
        {
            if (entry.CorrectsSeq is { } corrected)
            {
                (correctedBy.TryGetValue(corrected, out var list) ? list : correctedBy[corrected] = []).Add(entry.Seq);
            }
        }

        var html = new StringBuilder(entries.Count * 600);
        var c = CultureInfo.InvariantCulture;
        foreach (var entry in entries)
        {
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
            if (correctedBy.TryGetValue(entry.Seq, out var by))
            {
                html.Append("<p class=\"corrected-by\">").Append(encoder.Encode(labels.CorrectedBy));
                foreach (var seq in by.Order())
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

        return html.ToString();
    }
}
