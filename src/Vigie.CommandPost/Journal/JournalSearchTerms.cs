using System.Text;

namespace Vigie.CommandPost.Journal;

/// <summary>
/// The words of a search: runs of letters and digits (so no quote, operator or punctuation ever reaches a full-text
/// query: FTS5's and PostgreSQL's query syntaxes are built from these words only), each kept once, at most
/// <see cref="JournalSearchQuery.MaxTerms"/> of at most <see cref="JournalSearchQuery.MaxTermLength"/> characters.
/// A single letter beside other words is dropped: it is what French elision leaves ("l'évacuation", "d'urgence") and,
/// matched as a prefix, it would match half the journal.
/// </summary>
public static class JournalSearchTerms
{
    public static IReadOnlyList<string> Parse(string? text)
    {
        var terms = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return terms;
        }

        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
                continue;
            }

            Add(terms, word);
        }

        Add(terms, word);
        if (terms.Count > 1)
        {
            terms.RemoveAll(t => t.Length == 1 && char.IsLetter(t[0]));
        }

        return terms;
    }

    /// <summary>
    /// FTS5: every word as a quoted prefix, all required. unicode61 removes diacritics but keeps the ligatures œ and æ as
    /// letters of their own, so a word with one (or with "oe", "ae") is looked for in both spellings: "coeur" finds "cœur",
    /// as PostgreSQL's folding does.
    /// </summary>
    public static string ToFts5(IReadOnlyList<string> terms) => string.Join(' ', terms.Select(Fts5Term));

    /// <summary>PostgreSQL to_tsquery: every word as a prefix, all required (folded by the database, as the index is).</summary>
    public static string ToTsQuery(IReadOnlyList<string> terms) => string.Join(" & ", terms.Select(t => t + ":*"));

    private static string Fts5Term(string term)
    {
        var spelled = term.Replace("œ", "oe", StringComparison.OrdinalIgnoreCase).Replace("æ", "ae", StringComparison.OrdinalIgnoreCase);
        var ligature = spelled.Replace("oe", "œ", StringComparison.OrdinalIgnoreCase).Replace("ae", "æ", StringComparison.OrdinalIgnoreCase);
        return spelled == ligature ? $"\"{spelled}\"*" : $"(\"{spelled}\"* OR \"{ligature}\"*)";
    }

    private static void Add(List<string> terms, StringBuilder word)
    {
        if (word.Length == 0)
        {
            return;
        }

        var term = word.Length > JournalSearchQuery.MaxTermLength ? word.ToString(0, JournalSearchQuery.MaxTermLength) : word.ToString();
        word.Clear();
        if (terms.Count < JournalSearchQuery.MaxTerms && !terms.Contains(term, StringComparer.OrdinalIgnoreCase))
        {
            terms.Add(term);
        }
    }
}
