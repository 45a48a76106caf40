using Dapper;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Journal;

/// <summary>
/// Searches an incident's journal: full text (SQLite FTS5 <c>journal_search</c>, 5601; PostgreSQL a stored search vector
/// of the folded text with a GIN index, 5601 and 5602), author, kind, range of occurredAt (indexed, 5602). Newest first,
/// by pages; the full-text index drives the query in seq order so a common word stops at the first page instead of
/// reading every match. Times on 100,000 entries: bench/Vigie.JournalSearch.Bench.
/// </summary>
public sealed class JournalSearch(Database database)
{
    private static readonly string s_columns = string.Join(", ", JournalRow.Columns.Split(", ").Select(c => "e." + c));

    public static Problem? Validate(JournalSearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > JournalSearchQuery.MaxLimit)
        {
            return Problem.Invalid("limit", ProblemCode.LimitOutOfRange, JournalSearchQuery.MaxLimit);
        }

        if (!string.IsNullOrWhiteSpace(query.Text) && JournalSearchTerms.Parse(query.Text).Count == 0)
        {
            return Problem.Invalid("q", ProblemCode.SearchNoWord);
        }

        if (query.Text is { Length: > Limits.ShortTextMaxLength })
        {
            return Problem.Invalid("q", ProblemCode.TooLong, "q", query.Text.Length, Limits.ShortTextMaxLength);
        }

        if (query.Author is { Length: > Limits.NameMaxLength })
        {
            return Problem.Invalid("author", ProblemCode.TooLong, "author", query.Author!.Length, Limits.NameMaxLength);
        }

        if (query.From is { } from && query.To is { } to && from > to)
        {
            return Problem.Invalid("to", ProblemCode.SearchToBeforeFrom);
        }

        return query.BeforeSeq is < 1 ? Problem.Invalid("beforeSeq", ProblemCode.BeforeSeqTooSmall) : null;
    }

    public async Task<Result<JournalSearchResult>> SearchAsync(long incidentId, JournalSearchQuery query, CancellationToken cancellationToken = default)
    {
        if (Validate(query) is { } problem)
        {
            return problem;
        }

        var terms = JournalSearchTerms.Parse(query.Text);
        var parameters = new DynamicParameters();
        parameters.Add("incidentId", incidentId);
        parameters.Add("limit", query.Limit);
        var filters = new List<string>();
        if (!string.IsNullOrWhiteSpace(query.Author))
        {
            filters.Add("e.author = @author");
            parameters.Add("author", query.Author.Trim());
        }

        if (query.Kind is { } kind)
        {
            filters.Add("e.kind = @kind");
            parameters.Add("kind", WireName<JournalKind>.Of(kind));
        }

        if (query.From is { } from)
        {
            filters.Add("e.occurred_at_us >= @from");
            parameters.Add("from", Time.ToMicros(from));
        }

        if (query.To is { } to)
        {
            filters.Add("e.occurred_at_us <= @to");
            parameters.Add("to", Time.ToMicros(to));
        }

        var and = string.Concat(filters.Select(f => " AND " + f));
        string sql;
        if (terms.Count == 0)
        {
            if (query.BeforeSeq is { } before)
            {
                and += " AND e.seq < @before";
                parameters.Add("before", before);
            }

            sql = query.To is null
                ? $"SELECT {s_columns} FROM journal_entries e WHERE e.incident_id = @incidentId{and} ORDER BY e.seq DESC LIMIT @limit"
                // A range that ends ("until 04:00"): occurredAt follows seq, so the planners' walk of the journal backwards
                // from its newest entry reads nearly all of it before reaching an early hour (88 ms on 100,000 entries,
                // bench/Vigie.JournalSearch.Bench). The range is taken by its index (5602) first, then its newest page.
                // An open range ("since 03:00") holds the newest entries: the walk stops at once and stays.
                : $"""
                    WITH r AS MATERIALIZED (SELECT e.seq FROM journal_entries e WHERE e.incident_id = @incidentId{and})
                    SELECT {s_columns} FROM journal_entries e
                    WHERE e.incident_id = @incidentId AND e.seq IN (SELECT r.seq FROM r ORDER BY r.seq DESC LIMIT @limit)
                    ORDER BY e.seq DESC LIMIT @limit
                    """;
        }
        else if (database.Kind == DatabaseKind.Sqlite)
        {
            // The FTS rowid is (incident << 32) + seq: the incident's range, read backwards, drives the join (CROSS JOIN
            // keeps SQLite from reordering it), and LIMIT stops it at the first page.
            var baseRowid = incidentId << 32;
            parameters.Add("match", JournalSearchTerms.ToFts5(terms));
            parameters.Add("base", baseRowid);
            parameters.Add("low", baseRowid + 1);
            parameters.Add("high", baseRowid + (query.BeforeSeq ?? (1L << 32)) - 1);
            sql = $"""
                SELECT {s_columns} FROM journal_search f CROSS JOIN journal_entries e
                WHERE f.journal_search MATCH @match AND f.rowid BETWEEN @low AND @high
                  AND e.incident_id = @incidentId AND e.seq = f.rowid - @base{and}
                ORDER BY f.rowid DESC LIMIT @limit
                """;
        }
        else
        {
            if (query.BeforeSeq is { } before)
            {
                and += " AND e.seq < @before";
                parameters.Add("before", before);
            }

            parameters.Add("query", JournalSearchTerms.ToTsQuery(terms));
            sql = $"""
                SELECT {s_columns} FROM journal_entries e
                WHERE e.incident_id = @incidentId
                  AND e.search @@ to_tsquery('simple'::regconfig, vigie_search_fold(@query)){and}
                ORDER BY e.seq DESC LIMIT @limit
                """;
        }

        var entries = await database.ReadAsync(async connection =>
        {
            var rows = await connection.QueryAsync<JournalRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return await JournalAttachments.WithAttachmentsAsync(connection, incidentId, rows.Select(r => r.ToEntry()).OfType<JournalEntry>().ToList()).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        long? next = entries.Count == query.Limit && entries[^1].Seq > 1 ? entries[^1].Seq : null;
        return new JournalSearchResult(entries, terms, next);
    }
}
