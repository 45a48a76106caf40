using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Vigie.Web.Journal;

/// <summary>
/// A search result's text as HTML: encoded, cut around the first match when long, every word that starts with one of
/// the searched words marked (&lt;mark&gt;), accents and case ignored as the search ignores them.
/// </summary>
internal static class SearchExcerpt
{
    public const int MaxLength = 320;
    private const int Before = 100;
    private const CompareOptions Loose = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace | CompareOptions.IgnoreKanaType | CompareOptions.IgnoreWidth;

    public static string Html(string text, IReadOnlyList<string> terms, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(encoder);
        var marks = Matches(text, terms);
        var start = 0;
        var end = text.Length;
        if (text.Length > MaxLength)
        {
            start = marks.Count > 0 ? Math.Max(0, marks[0].Start - Before) : 0;
            while (start > 0 && !char.IsWhiteSpace(text[start - 1]))
            {
                start--; // do not cut a word in two
            }

            end = Math.Min(text.Length, start + MaxLength);
        }

        var html = new StringBuilder(end - start + 64);
        if (start > 0)
        {
            html.Append('…');
        }

        var at = start;
        foreach (var (markStart, markEnd) in marks)
        {
            if (markEnd <= at || markStart >= end)
            {
                continue;
            }

            var from = Math.Max(markStart, at);
            var to = Math.Min(markEnd, end);
            html.Append(encoder.Encode(text[at..from])).Append("<mark>").Append(encoder.Encode(text[from..to])).Append("</mark>");
            at = to;
        }

        html.Append(encoder.Encode(text[at..end]));
        if (end < text.Length)
        {
            html.Append('…');
        }

        return html.ToString();
    }

    /// <summary>The words of <paramref name="text"/> that start with a term, as (start, end) ranges in order, merged.</summary>
    public static List<(int Start, int End)> Matches(string text, IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(terms);
        var compare = CultureInfo.InvariantCulture.CompareInfo;
        var ranges = new List<(int Start, int End)>();
        foreach (var term in terms)
        {
            var from = 0;
            while (from < text.Length)
            {
                var index = compare.IndexOf(text.AsSpan(from), term, Loose, out var length);
                if (index < 0)
                {
                    break;
                }

                index += from;
                if (index == 0 || !char.IsLetterOrDigit(text[index - 1]))
                {
                    var end = index + Math.Max(1, length);
                    while (end < text.Length && char.IsLetterOrDigit(text[end]))
                    {
                        end++;
                    }

                    ranges.Add((index, end));
                }

                from = index + Math.Max(1, length);
            }
        }

        ranges.Sort();
        var merged = new List<(int Start, int End)>(ranges.Count);
        foreach (var range in ranges)
        {
            if (merged.Count > 0 && range.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, range.End));
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }
}
