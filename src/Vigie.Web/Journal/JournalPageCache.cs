using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Journal;

namespace Vigie.Web.Journal;

/// <summary>
/// The newest page of each incident's journal (the unfiltered journal tab), kept between requests: every append makes
/// every screen of the incident reload that page (live.js), and on a territory's server (bench/run, the territory
/// case) the same 100 entries were read from the database and written as HTML for each screen and each append.
/// Entries never change once written (a correction is a new entry), so the newest entries are kept per incident and a
/// request reads only the entries added since (usually a handful), and each entry's HTML is kept per language and
/// write permission. What an entry's HTML shows of the page around it (the newer entries of the page that correct it)
/// is part of its key. Bounded: past <see cref="MaxIncidents"/> incidents or <see cref="MaxFragments"/> entries'
/// HTML, the cache starts again empty.
/// </summary>
internal sealed class JournalPageCache(JournalService journal)
{
    public const int PageSize = 100;
    private const int MaxIncidents = 256;
    private const int MaxFragments = 20_000;

    private readonly ConcurrentDictionary<long, Tail> _tails = new();
    private readonly ConcurrentDictionary<FragmentKey, string> _fragments = new();

    /// <summary>
    /// The newest <see cref="PageSize"/> entries of the incident, newest first, at least up to <paramref name="count"/>
    /// (the entry count of the incident as the page read it): the kept ones and those added since.
    /// </summary>
    public async Task<IReadOnlyList<JournalEntry>> NewestAsync(long incidentId, long count, CancellationToken cancellationToken)
    {
        _tails.TryGetValue(incidentId, out var tail);
        if (tail is not null && tail.Head >= count)
        {
            return tail.Entries;
        }

        JournalEntry[]? entries = null;
        if (tail is not null)
        {
            var added = await journal.ListAsync(incidentId, new JournalQuery(AfterSeq: tail.Head, Limit: PageSize), cancellationToken).ConfigureAwait(false);
            if (added.Count < PageSize && (added.Count == 0 || added[0].Seq == tail.Head + 1))
            {
                entries = [.. added.Reverse(), .. tail.Entries.Take(PageSize - added.Count)];
            }
        }

        entries ??= [.. await journal.ListAsync(incidentId, new JournalQuery(Limit: PageSize, NewestFirst: true), cancellationToken).ConfigureAwait(false)];
        var fresh = new Tail(entries.Length == 0 ? 0 : entries[0].Seq, entries);
        if (_tails.Count >= MaxIncidents)
        {
            _tails.Clear();
        }

        _tails.AddOrUpdate(incidentId, fresh, (_, kept) => kept.Head > fresh.Head ? kept : fresh);
        return entries;
    }

    /// <summary>
    /// The &lt;li&gt; items of <paramref name="entries"/>, each entry's HTML written once per language and permission
    /// (<paramref name="labels"/> is asked for the words only when an entry has to be written).
    /// </summary>
    public string Html(IReadOnlyList<JournalEntry> entries, Func<JournalEntriesHtml.Labels> labels, HospitalClock times, HtmlEncoder encoder, bool canWrite)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(labels);
        var correctedBy = JournalEntriesHtml.CorrectedBy(entries);
        var ui = CultureInfo.CurrentUICulture.Name;
        var culture = CultureInfo.CurrentCulture.Name;
        if (_fragments.Count >= MaxFragments)
        {
            _fragments.Clear();
        }

        JournalEntriesHtml.Labels? words = null;
        var html = new StringBuilder(entries.Count * 700);
        foreach (var entry in entries)
        {
            var by = correctedBy.GetValueOrDefault(entry.Seq);
            var key = new FragmentKey(entry.IncidentId, entry.Seq, ui, culture, canWrite, by?.Count ?? 0);
            if (!_fragments.TryGetValue(key, out var fragment))
            {
                var one = new StringBuilder(700);
                JournalEntriesHtml.Entry(one, entry, by, entry.IncidentId, words ??= labels(), times, encoder, canWrite);
                _fragments[key] = fragment = one.ToString();
            }

            html.Append(fragment);
        }

        return html.ToString();
    }

    private sealed record Tail(long Head, JournalEntry[] Entries);

    private readonly record struct FragmentKey(long IncidentId, long Seq, string UiCulture, string Culture, bool CanWrite, int Corrections);
}
