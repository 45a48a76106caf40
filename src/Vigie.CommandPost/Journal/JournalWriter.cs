using System.Data.Common;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Journal;

/// <summary>
/// Writes entries that <see cref="JournalService"/> has already chained (seq, previous hash, hash) and moves each
/// incident's head (count and last hash) once, to its last entry.
/// PostgreSQL gets one statement for the whole batch (rows as arrays through <c>unnest</c>), so a group commit of
/// fifty appends costs one round trip and one new version of each incident row, not fifty of each
/// (bench/run: the dead versions of the incident row made every later lock and read of it slower).
/// SQLite, in process, inserts row by row through one prepared statement.
/// </summary>
internal static class JournalWriter
{
    private const string InsertSql =
        """
        INSERT INTO journal_entries (incident_id, seq, occurred_at_us, recorded_at_us, author, kind, text, corrects_seq, link_type, link_id, prev_hash, hash)
        VALUES (@incidentId, @seq, @occurred, @recorded, @author, @kind, @text, @correctsSeq, @linkType, @linkId, @prevHash, @hash)
        """;

    private const string HeadSql = "UPDATE incidents SET journal_count = @seq, journal_head = @hash WHERE id = @incidentId AND (@from IS NULL OR journal_count = @from)";

    private const string PostgresInsertSql =
        """
        INSERT INTO journal_entries (incident_id, seq, occurred_at_us, recorded_at_us, author, kind, text, corrects_seq, link_type, link_id, prev_hash, hash)
        SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::text[], $10::text[], $11::text[], $12::text[])
        """;

    private const string PostgresHeadSql =
        """
        UPDATE incidents AS i SET journal_count = h.seq, journal_head = h.hash
        FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::bigint[]) AS h(id, seq, hash, from_count)
        WHERE i.id = h.id AND (h.from_count IS NULL OR i.journal_count = h.from_count)
        """;

    /// <summary>
    /// Writes the entries and moves each incident's head to its last one. With <paramref name="fromCounts"/> (the group
    /// commit, which may not have locked the heads), a head moves only from the count given for its incident, and
    /// <see cref="StaleJournalHeadException"/> says that one was elsewhere (the transaction must then roll back).
    /// </summary>
    public static async Task WriteAsync(UnitOfWork unit, IReadOnlyList<JournalEntry> entries, IReadOnlyDictionary<long, long>? fromCounts = null)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var heads = new Dictionary<long, JournalEntry>();
        foreach (var entry in entries)
        {
            heads[entry.IncidentId] = entry;
        }

        var moved = unit.Connection is NpgsqlConnection postgres
            ? await WritePostgresAsync(postgres, (NpgsqlTransaction)unit.Transaction, entries, heads.Values, fromCounts).ConfigureAwait(false)
            : await WriteRowsAsync(unit.Connection, unit.Transaction, entries, heads.Values, fromCounts).ConfigureAwait(false);
        if (moved != heads.Count)
        {
            throw new StaleJournalHeadException();
        }

        foreach (var entry in entries)
        {
            if (entry.Attachments.Count > 0)
            {
                await JournalAttachments.InsertAsync(unit, entry.IncidentId, entry.Seq, entry.Attachments).ConfigureAwait(false);
            }
        }
    }

    private static async Task<int> WriteRowsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<JournalEntry> entries,
        IEnumerable<JournalEntry> heads, IReadOnlyDictionary<long, long>? fromCounts)
    {
        foreach (var entry in entries)
        {
            await connection.ExecuteAsync(InsertSql, new
            {
                incidentId = entry.IncidentId,
                seq = entry.Seq,
                occurred = Time.ToMicros(entry.OccurredAt),
                recorded = Time.ToMicros(entry.RecordedAt),
                author = entry.Author,
                kind = WireName<JournalKind>.Of(entry.Kind),
                text = entry.Text,
                correctsSeq = entry.CorrectsSeq,
                linkType = entry.Link?.Type,
                linkId = entry.Link?.Id,
                prevHash = entry.PrevHash,
                hash = entry.Hash,
            }, transaction).ConfigureAwait(false);
        }

        var moved = 0;
        foreach (var head in heads)
        {
            long? from = fromCounts is null ? null : fromCounts[head.IncidentId];
            moved += await connection.ExecuteAsync(HeadSql, new { incidentId = head.IncidentId, seq = head.Seq, hash = head.Hash, from }, transaction).ConfigureAwait(false);
        }

        return moved;
    }

    private static async Task<int> WritePostgresAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<JournalEntry> entries,
        IReadOnlyCollection<JournalEntry> heads, IReadOnlyDictionary<long, long>? fromCounts)
    {
        var n = entries.Count;
        var incidentIds = new long[n];
        var seqs = new long[n];
        var occurred = new long[n];
        var recorded = new long[n];
        var authors = new string[n];
        var kinds = new string[n];
        var texts = new string[n];
        var corrects = new long?[n];
        var linkTypes = new string?[n];
        var linkIds = new string?[n];
        var prevHashes = new string[n];
        var hashes = new string[n];
        for (var i = 0; i < n; i++)
        {
            var e = entries[i];
            incidentIds[i] = e.IncidentId;
            seqs[i] = e.Seq;
            occurred[i] = Time.ToMicros(e.OccurredAt);
            recorded[i] = Time.ToMicros(e.RecordedAt);
            authors[i] = e.Author;
            kinds[i] = WireName<JournalKind>.Of(e.Kind);
            texts[i] = e.Text;
            corrects[i] = e.CorrectsSeq;
            linkTypes[i] = e.Link?.Type;
            linkIds[i] = e.Link?.Id;
            prevHashes[i] = e.PrevHash;
            hashes[i] = e.Hash;
        }

        var headIds = new long[heads.Count];
        var headSeqs = new long[heads.Count];
        var headHashes = new string[heads.Count];
        var headFrom = new long?[heads.Count];
        var h = 0;
        foreach (var head in heads)
        {
            headIds[h] = head.IncidentId;
            headSeqs[h] = head.Seq;
            headHashes[h] = head.Hash;
            headFrom[h] = fromCounts?[head.IncidentId];
            h++;
        }

        // Two statements, one round trip.
        await using var batch = new NpgsqlBatch(connection, transaction);
        var insert = new NpgsqlBatchCommand(PostgresInsertSql);
        insert.Parameters.Add(Array(incidentIds, NpgsqlDbType.Bigint));
        insert.Parameters.Add(Array(seqs, NpgsqlDbType.Bigint));
        insert.Parameters.Add(Array(occurred, NpgsqlDbType.Bigint));
        insert.Parameters.Add(Array(recorded, NpgsqlDbType.Bigint));
        insert.Parameters.Add(Array(authors, NpgsqlDbType.Text));
        insert.Parameters.Add(Array(kinds, NpgsqlDbType.Text));
        insert.Parameters.Add(Array(texts, NpgsqlDbType.Text));
        insert.Parameters.Add(Array(corrects, NpgsqlDbType.Bigint));
        insert.Parameters.Add(Array(linkTypes, NpgsqlDbType.Text));
        insert.Parameters.Add(Array(linkIds, NpgsqlDbType.Text));
        insert.Parameters.Add(Array(prevHashes, NpgsqlDbType.Text));
        insert.Parameters.Add(Array(hashes, NpgsqlDbType.Text));
        var moveHeads = new NpgsqlBatchCommand(PostgresHeadSql);
        moveHeads.Parameters.Add(Array(headIds, NpgsqlDbType.Bigint));
        moveHeads.Parameters.Add(Array(headSeqs, NpgsqlDbType.Bigint));
        moveHeads.Parameters.Add(Array(headHashes, NpgsqlDbType.Text));
        moveHeads.Parameters.Add(Array(headFrom, NpgsqlDbType.Bigint));
        batch.BatchCommands.Add(insert);
        batch.BatchCommands.Add(moveHeads);
        await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
        return moveHeads.RecordsAffected;
    }

    private static NpgsqlParameter Array(object values, NpgsqlDbType element) =>
        new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | element };
}

/// <summary>A batch's head was not where it was known to be: another writer moved it (the batch is written again, locked).</summary>
internal sealed class StaleJournalHeadException() : Exception("a journal head moved since it was known");
