using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Journal.Evidence;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Journal;

/// <summary>
/// The main courante: append (alone, or inside a feature's <see cref="UnitOfWork"/>), read, correct, verify.
/// Nothing here updates or deletes an entry.
/// </summary>
public sealed class JournalService(Database database, TimeProvider time, EvidenceStore evidence)
{
    public const string Topic = "journal";
    private const int MaxBatch = 256;

    private readonly ConcurrentQueue<PendingAppend> _pending = new();
    private readonly SemaphoreSlim _committer = new(1, 1);

    /// <summary>
    /// Each incident's head as this server's group commits last wrote it (see <see cref="WriteBatchAsync"/>); any other
    /// append (a feature's change, in its own transaction) forgets the incident's, so the next batch reads it again.
    /// </summary>
    private readonly ConcurrentDictionary<long, KnownHead> _knownHeads = new();

    /// <summary>Checks what a person typed: the text, its length, an occurredAt not in the future beyond the skew.</summary>
    public Problem? Validate(NewJournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (Limits.Text("text", entry.Text, Limits.JournalTextMaxLength) is { } problem)
        {
            return problem;
        }

        if (entry.OccurredAt is { } occurred && occurred > time.GetUtcNow() + Limits.ClockSkew)
        {
            return Problem.Invalid("occurredAt", ProblemCode.OccurredAtInFuture, occurred, time.GetUtcNow(), Limits.ClockSkew);
        }

        if (entry.Link is { } link && (Limits.Text("link.type", link.Type, 50) ?? Limits.Text("link.id", link.Id, 200)) is { } linkProblem)
        {
            return linkProblem;
        }

        return entry.Attachments.Count == 0 ? null : JournalAttachments.Validate(entry.Attachments);
    }

    /// <summary>
    /// What a person may not write although a feature may (issue 13, item 5: the report deduces key times from the
    /// journal): a link type that Vigie's own operations write, or a reason too long.
    /// </summary>
    public static Problem? ValidatePerson(NewJournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Link is { } link && JournalLink.IsSystemType(link.Type))
        {
            return Problem.Invalid("link.type", ProblemCode.LinkTypeReserved, link.Type.Trim());
        }

        return Limits.Text("occurredAtReason", entry.OccurredAtReason, Limits.ShortTextMaxLength, required: false);
    }

    /// <summary>
    /// Appends one entry that a person typed (the API, the journal page) in its own transaction, acknowledged once
    /// committed. On top of <see cref="Validate"/>: no link type of Vigie's own (<see cref="ValidatePerson"/>), and a
    /// time before the incident's detection only with a reason (<see cref="NewJournalEntry.OccurredAtReason"/>),
    /// which the entry's text then carries. Concurrent callers share commits (group commit): whoever holds the
    /// committer takes every queued append into one transaction, so 50 clients cost one fsync per batch, not one
    /// each. Each entry still gets its own seq and hash; a problem with one entry (unknown incident, a time before
    /// the detection) writes nothing for it and does not affect the others.
    /// </summary>
    public async Task<Result<JournalEntry>> AppendAsync(long incidentId, string author, NewJournalEntry entry, CancellationToken cancellationToken = default)
    {
        if ((Validate(entry) ?? ValidatePerson(entry)) is { } problem)
        {
            return problem;
        }

        var pending = new PendingAppend(incidentId, author, entry);
        _pending.Enqueue(pending);
        while (!pending.Completion.Task.IsCompleted)
        {
            await _committer.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!pending.Completion.Task.IsCompleted)
                {
                    await CommitPendingAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                _committer.Release();
            }
        }

        return await pending.Completion.Task.ConfigureAwait(false);
    }

    private async Task CommitPendingAsync()
    {
        var batch = new List<PendingAppend>();
        while (batch.Count < MaxBatch && _pending.TryDequeue(out var next))
        {
            batch.Add(next);
        }

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            IReadOnlyList<Result<JournalEntry>> results;
            try
            {
                results = await WriteBatchAsync(batch, trustKnownHeads: true).ConfigureAwait(false);
            }
            catch (Exception e) when (IsStaleHead(e))
            {
                // Another writer moved a head since this server last wrote it: read the heads again, locked.
                foreach (var item in batch)
                {
                    _knownHeads.TryRemove(item.IncidentId, out _);
                }

                results = await WriteBatchAsync(batch, trustKnownHeads: false).ConfigureAwait(false);
            }

            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(results[i]);
            }
        }
        catch (Exception e)
        {
            foreach (var item in batch)
            {
                item.Completion.TrySetException(e);
            }
        }
    }

    /// <summary>
    /// Writes one batch in one transaction. With <paramref name="trustKnownHeads"/> and every incident's head known from
    /// this server's last commit, the heads are not read again: the batch costs the rows and the heads' move (one round
    /// trip) and the commit, where reading the heads first was one more round trip while every waiting append waits
    /// (bench/run, the territory case on PostgreSQL). The known heads are checked by the write itself: a row whose seq
    /// exists already breaks the primary key, and each head moves only from the count it was known at; either way the
    /// transaction rolls back and the batch is written again with the heads read and locked.
    /// </summary>
    private async Task<IReadOnlyList<Result<JournalEntry>>> WriteBatchAsync(List<PendingAppend> batch, bool trustKnownHeads)
    {
        Dictionary<long, KnownHead>? moved = null;
        var results = await database.WriteAsync(async unit =>
        {
            var list = new List<Result<JournalEntry>>(batch.Count);
            var entries = new List<JournalEntry>(batch.Count);
            var known = new Dictionary<long, KnownHead>();
            foreach (var item in batch)
            {
                if (!trustKnownHeads || !_knownHeads.TryGetValue(item.IncidentId, out var head))
                {
                    known = null;
                    break;
                }

                known[item.IncidentId] = head;
            }

            Dictionary<long, long?> detected;
            if (known is null)
            {
                detected = await LockHeadsAsync(unit, batch).ConfigureAwait(false);
                known = [];
                foreach (var (id, head) in unit.JournalHeads)
                {
                    known[id] = new KnownHead(head.Count, head.Hash, head.MarkedFrom, detected.GetValueOrDefault(id));
                }
            }
            else
            {
                detected = [];
                foreach (var (id, head) in known)
                {
                    unit.JournalHeads[id] = (head.Count, head.Hash, head.MarkedFrom);
                    detected[id] = head.DetectedUs;
                }
            }

            foreach (var item in batch)
            {
                var next = await PersonNextAsync(unit, item.IncidentId, item.Author, item.Entry, detected).ConfigureAwait(false);
                list.Add(next);
                if (next.IsOk)
                {
                    entries.Add(next.Value);
                }
            }

            // One write for the whole batch: the rows, then each incident's head once (not once per entry, which
            // left a dead version of the incident row per append on PostgreSQL), each from the count it was read at.
            await JournalWriter.WriteAsync(unit, entries, known.ToDictionary(k => k.Key, k => k.Value.Count)).ConfigureAwait(false);
            moved = known.ToDictionary(k => k.Key, k => unit.JournalHeads.TryGetValue(k.Key, out var h)
                ? k.Value with { Count = h.Count, Hash = h.Hash }
                : k.Value);
            return list;
        }).ConfigureAwait(false);

        // Committed: these are the heads now (a newer one written meanwhile by another batch is kept).
        foreach (var (id, head) in moved!)
        {
            _knownHeads.AddOrUpdate(id, head, (_, kept) => kept.Count > head.Count ? kept : head);
        }

        return results;
    }

    /// <summary>A batch written from heads another writer had moved: a seq that exists already, or a head not where it was known.</summary>
    private static bool IsStaleHead(Exception e) => e is StaleJournalHeadException ||
        e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } ||
        e is SqliteException { SqliteErrorCode: 19 /* SQLITE_CONSTRAINT */ };

    /// <summary>
    /// Locks and reads, in one statement, the head of every incident a batch appends to (in id order), into the unit's
    /// <see cref="UnitOfWork.JournalHeads"/>, and returns each incident's detection time. One round trip whatever the
    /// number of incidents: on a territory's server (bench/run, the territory case) the batch mixes several incidents,
    /// and a statement per incident was a round trip each, while the committer holds every waiting append.
    /// </summary>
    private static async Task<Dictionary<long, long?>> LockHeadsAsync(UnitOfWork unit, List<PendingAppend> batch)
    {
        var ids = batch.Select(b => b.IncidentId).Distinct().Order().ToArray();
        var rows = await unit.Connection.QueryAsync<LockedHead>(
            unit.Sql(
                "SELECT id AS Id, journal_count AS Count, journal_head AS Hash, exercise_marked_from AS MarkedFrom, detected_at_us AS DetectedUs FROM incidents WHERE id IN @ids",
                "SELECT id AS Id, journal_count AS Count, journal_head AS Hash, exercise_marked_from AS MarkedFrom, detected_at_us AS DetectedUs FROM incidents WHERE id = ANY(@ids) ORDER BY id FOR UPDATE"),
            new { ids }, unit.Transaction).ConfigureAwait(false);
        var detected = new Dictionary<long, long?>(ids.Length);
        foreach (var row in rows)
        {
            unit.JournalHeads.TryAdd(row.Id, (row.Count, row.Hash, row.MarkedFrom));
            detected[row.Id] = row.DetectedUs;
        }

        return detected;
    }

    /// <summary>A person's entry: a time before the detection needs a reason, which is appended to the text.</summary>
    private async Task<Result<JournalEntry>> PersonNextAsync(UnitOfWork unit, long incidentId, string author, NewJournalEntry entry,
        Dictionary<long, long?> detectedAt)
    {
        if (entry.OccurredAt is { } occurred)
        {
            if (detectedAt.GetValueOrDefault(incidentId) is { } detectedUs && Time.ToMicros(Time.Truncate(occurred)) < detectedUs)
            {
                var reason = entry.OccurredAtReason?.Trim();
                if (string.IsNullOrEmpty(reason))
                {
                    return Problem.Invalid("occurredAt", ProblemCode.OccurredAtBeforeDetection, occurred, Time.FromMicros(detectedUs));
                }

                entry = entry with { Text = $"{entry.Text.Trim()} (heure antérieure à la détection ; motif : {reason})" };
            }
        }

        return await NextAsync(unit, incidentId, author, entry).ConfigureAwait(false);
    }

    /// <summary>
    /// Appends one entry inside <paramref name="unit"/>: the feature's own changes and this entry commit together.
    /// Locks the incident (its row holds the head of the chain), so concurrent appends get consecutive seqs.
    /// </summary>
    public async Task<Result<JournalEntry>> AppendAsync(UnitOfWork unit, long incidentId, string author, NewJournalEntry entry)
    {
        _knownHeads.TryRemove(incidentId, out _);
        var next = await NextAsync(unit, incidentId, author, entry).ConfigureAwait(false);
        if (next.IsOk)
        {
            await JournalWriter.WriteAsync(unit, [next.Value]).ConfigureAwait(false);
        }

        return next;
    }

    /// <summary>
    /// The next entry of the incident's chain inside <paramref name="unit"/>, not written yet: validates it, locks and
    /// reads the head once per unit, computes seq and hash, and moves the unit's head forward.
    /// </summary>
    private async Task<Result<JournalEntry>> NextAsync(UnitOfWork unit, long incidentId, string author, NewJournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(entry);
        if (Validate(entry) is { } problem)
        {
            return problem;
        }

        var attachments = JournalAttachment.None;
        if (entry.Attachments.Count > 0)
        {
            var resolved = await JournalAttachments.ResolveAsync(unit, evidence, entry.Attachments).ConfigureAwait(false);
            if (!resolved.IsOk)
            {
                return resolved.Problem;
            }

            attachments = resolved.Value;
        }

        if (!unit.JournalHeads.TryGetValue(incidentId, out var cached))
        {
            var row = await unit.Connection.QuerySingleOrDefaultAsync<Head>(
                unit.Sql(
                    "SELECT journal_count AS Count, journal_head AS Hash, exercise_marked_from AS MarkedFrom FROM incidents WHERE id = @incidentId",
                    "SELECT journal_count AS Count, journal_head AS Hash, exercise_marked_from AS MarkedFrom FROM incidents WHERE id = @incidentId FOR UPDATE"),
                new { incidentId }, unit.Transaction).ConfigureAwait(false);
            if (row is null)
            {
                return Problem.NotFound(ProblemCode.IncidentNotFound, incidentId);
            }

            cached = (row.Count, row.Hash, row.MarkedFrom);
        }

        var head = new Head { Count = cached.Count, Hash = cached.Hash, MarkedFrom = cached.MarkedFrom };

        if (entry.CorrectsSeq is { } corrected && (corrected < 1 || corrected > head.Count))
        {
            return Problem.NotFound(ProblemCode.JournalEntryNotFound, incidentId, corrected);
        }

        var recordedAt = Time.Truncate(time.GetUtcNow());
        // Never after its recording: a time a little ahead (clock skew, tolerated by Validate) is the recording time.
        var occurredAt = entry.OccurredAt is { } given && Time.Truncate(given) < recordedAt ? Time.Truncate(given) : recordedAt;
        var seq = head.Count + 1;
        var text = entry.Text.Trim();
        var exercise = head.MarkedFrom is { } from && seq >= from;
        var hash = JournalChain.Hash(head.Hash,
            JournalChain.CanonicalForm(incidentId, seq, occurredAt, recordedAt, author, entry.Kind, text, entry.CorrectsSeq, entry.Link, attachments, exercise));
        var appended = new JournalEntry(incidentId, seq, occurredAt, recordedAt, author, entry.Kind, text, entry.CorrectsSeq, entry.Link, head.Hash, hash, exercise)
        {
            Attachments = attachments,
        };
        unit.JournalHeads[incidentId] = (seq, hash, head.MarkedFrom);
        unit.Publish(new IncidentChange(incidentId, Topic, seq));
        return appended;
    }

    /// <summary>Appends a correction of entry <paramref name="seq"/>: a new entry of the same kind that references it.</summary>
    public async Task<Result<JournalEntry>> CorrectAsync(long incidentId, long seq, string author, string text, CancellationToken cancellationToken = default)
    {
        if (Limits.Text("text", text, Limits.JournalTextMaxLength) is { } problem)
        {
            return problem;
        }

        return await database.WriteAsync(async unit =>
        {
            var kind = await unit.Connection.ExecuteScalarAsync<string?>(
                "SELECT kind FROM journal_entries WHERE incident_id = @incidentId AND seq = @seq", new { incidentId, seq }, unit.Transaction).ConfigureAwait(false);
            if (kind is null)
            {
                return Problem.NotFound(ProblemCode.JournalEntryNotFound, incidentId, seq);
            }

            return await AppendAsync(unit, incidentId, author, new NewJournalEntry(WireName<JournalKind>.Parse(kind), text, CorrectsSeq: seq)).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<JournalEntry>> ListAsync(long incidentId, JournalQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return database.ReadAsync(connection => ListAsync(connection, incidentId, query), cancellationToken);
    }

    /// <summary>
    /// The entries a query selects, with the incident's exercise mark and the entries' files: three statements, one round
    /// trip (the journal tab reads this after every append on every screen; on PostgreSQL each round trip counts).
    /// </summary>
    internal static async Task<IReadOnlyList<JournalEntry>> ListAsync(DbConnection connection, long incidentId, JournalQuery query)
    {
        var selected = "FROM journal_entries WHERE incident_id = @incidentId AND seq > @after" +
                       (query.BeforeSeq is null ? "" : " AND seq < @before") +
                       (query.Kind is null ? "" : " AND kind = @kind") +
                       (query.NewestFirst ? " ORDER BY seq DESC" : " ORDER BY seq") + " LIMIT @limit";
        var sql = $"SELECT {JournalRow.Columns} {selected};\n" +
                  "SELECT exercise_marked_from FROM incidents WHERE id = @incidentId;\n" +
                  $"SELECT {AttachmentRow.Columns} FROM journal_attachments WHERE incident_id = @incidentId AND seq IN (SELECT seq {selected}) ORDER BY seq, position";
        await using var results = await connection.QueryMultipleAsync(sql, new
        {
            incidentId,
            after = query.AfterSeq,
            before = query.BeforeSeq,
            kind = query.Kind is { } k ? WireName<JournalKind>.Of(k) : null,
            limit = Math.Clamp(query.Limit, 1, JournalQuery.MaxLimit),
        }).ConfigureAwait(false);
        var rows = await results.ReadAsync<JournalRow>().ConfigureAwait(false);
        var markedFrom = await results.ReadSingleOrDefaultAsync<long?>().ConfigureAwait(false);
        var files = JournalAttachments.BySeq(await results.ReadAsync<AttachmentRow>().ConfigureAwait(false));
        return JournalAttachments.Attach(rows.Select(r => r.ToEntry(markedFrom)).OfType<JournalEntry>().ToList(), files);
    }

    public Task<JournalEntry?> GetAsync(long incidentId, long seq, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async connection =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<JournalRow>(
                $"SELECT {JournalRow.Columns} FROM journal_entries WHERE incident_id = @incidentId AND seq = @seq", new { incidentId, seq }).ConfigureAwait(false);
            return row?.ToEntry(row is null ? null : await MarkedFromAsync(connection, incidentId).ConfigureAwait(false)) is { } entry
                ? (await JournalAttachments.WithAttachmentsAsync(connection, incidentId, [entry]).ConfigureAwait(false))[0]
                : null;
        }, cancellationToken);

    /// <summary>
    /// Walks the chain in seq order and reports the first seq whose link is broken: a gap or a duplicate in the
    /// seqs, a previous hash that is not the previous entry's hash, a hash that is not the entry's, or a head
    /// (count and last hash kept on the incident) that does not match the entries. Then checks every file the entries
    /// carry: present in the evidence store and still hashing to its name; each file that is not is listed in
    /// <see cref="JournalVerification.FileFaults"/>, and the first (in seq order) breaks the journal as a broken link does.
    /// Returns null when the incident does not exist.
    /// </summary>
    public Task<JournalVerification?> VerifyAsync(long incidentId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(connection => VerifyAsync(connection, incidentId, evidence, cancellationToken), cancellationToken);

    internal static async Task<JournalVerification?> VerifyAsync(DbConnection connection, long incidentId, EvidenceStore evidence, CancellationToken cancellationToken)
    {
        var head = await connection.QuerySingleOrDefaultAsync<Head>(
            "SELECT journal_count AS Count, journal_head AS Hash, exercise_marked_from AS MarkedFrom FROM incidents WHERE id = @incidentId", new { incidentId }).ConfigureAwait(false);
        if (head is null)
        {
            return null;
        }

        var attachments = await JournalAttachments.ReadAsync(connection, incidentId, 1, long.MaxValue).ConfigureAwait(false);
        var chain = await VerifyChainAsync(connection, incidentId, head, attachments).ConfigureAwait(false);
        var faults = new List<EvidenceFileFault>();
        var states = new Dictionary<string, EvidenceState>(StringComparer.Ordinal);
        var files = 0;
        foreach (var (seq, list) in attachments.OrderBy(a => a.Key))
        {
            foreach (var attachment in list)
            {
                files++;
                if (!states.TryGetValue(attachment.Sha256, out var state))
                {
                    states[attachment.Sha256] = state = await evidence.CheckAsync(attachment.Sha256, cancellationToken).ConfigureAwait(false);
                }

                if (state != EvidenceState.Intact)
                {
                    faults.Add(new EvidenceFileFault(seq, attachment.Sha256, attachment.FileName, state));
                }
            }
        }

        if (faults.Count == 0)
        {
            return chain with { FilesChecked = files };
        }

        var first = faults[0];
        if (!chain.Valid && chain.FirstBrokenSeq <= first.Seq)
        {
            return chain with { FilesChecked = files, FileFaults = faults };
        }

        var what = first.State == EvidenceState.Missing ? "is missing from the evidence store" : "no longer matches its hash (altered)";
        return new JournalVerification(false, head.Count, first.Seq, head.Hash, $"entry {first.Seq}: the attached file '{first.FileName}' (SHA-256 {first.Sha256}) {what}")
        {
            FilesChecked = files,
            FileFaults = faults,
        };
    }

    private static async Task<JournalVerification> VerifyChainAsync(DbConnection connection, long incidentId, Head head, Dictionary<long, List<JournalAttachment>> attachments)
    {
        long expected = 1;
        var prev = JournalChain.Genesis;
        long entries = 0;
        var rows = connection.QueryUnbufferedAsync<JournalRow>(
            $"SELECT {JournalRow.Columns} FROM journal_entries WHERE incident_id = @incidentId ORDER BY seq", new { incidentId });
        await foreach (var row in rows.ConfigureAwait(false))
        {
            entries++;
            string? reason = null;
            var brokenSeq = row.Seq;
            if (row.Seq != expected)
            {
                reason = row.Seq > expected ? $"entry {expected} is missing" : $"entry {row.Seq} is out of order";
                brokenSeq = Math.Min(expected, row.Seq);
            }
            else if (row.PrevHash != prev)
            {
                reason = $"entry {row.Seq} does not link to the previous entry's hash";
            }
            else if (row.ToEntry(head.MarkedFrom) is not { } entry)
            {
                reason = $"entry {row.Seq} has an unknown kind '{row.Kind}'";
            }
            else if (JournalChain.HashOf(attachments.TryGetValue(row.Seq, out var files) ? entry with { Attachments = files } : entry) != row.Hash)
            {
                reason = $"entry {row.Seq} does not match its hash (altered)";
            }

            if (reason is not null)
            {
                return new JournalVerification(false, head.Count, brokenSeq, head.Hash, reason);
            }

            prev = row.Hash;
            expected++;
        }

        if (entries != head.Count)
        {
            var first = Math.Min(entries, head.Count) + 1;
            return new JournalVerification(false, head.Count, first,
                head.Hash, $"the incident records {head.Count} entries but {entries} are stored");
        }

        if (prev != head.Hash)
        {
            return new JournalVerification(false, head.Count, Math.Max(1, entries), head.Hash, "the last entry's hash is not the incident's recorded head");
        }

        return new JournalVerification(true, head.Count, null, head.Hash, null);
    }

    /// <summary>The first seq of the incident whose entries carry the exercise mark (null: a real incident).</summary>
    private static Task<long?> MarkedFromAsync(DbConnection connection, long incidentId) =>
        connection.ExecuteScalarAsync<long?>("SELECT exercise_marked_from FROM incidents WHERE id = @incidentId", new { incidentId });

    private sealed class Head
    {
        public long Count { get; set; }
        public string Hash { get; set; } = "";
        public long? MarkedFrom { get; set; }
    }

    private sealed record KnownHead(long Count, string Hash, long? MarkedFrom, long? DetectedUs);

    private sealed class LockedHead
    {
        public long Id { get; set; }
        public long Count { get; set; }
        public string Hash { get; set; } = "";
        public long? MarkedFrom { get; set; }
        public long? DetectedUs { get; set; }
    }

    private sealed record PendingAppend(long IncidentId, string Author, NewJournalEntry Entry)
    {
        public TaskCompletionSource<Result<JournalEntry>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
