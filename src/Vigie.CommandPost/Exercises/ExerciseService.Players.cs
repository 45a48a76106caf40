using System.Data.Common;
using System.Globalization;
using Dapper;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Exercises.Scenarios;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Exercises;

public sealed partial class ExerciseService
{
    public const string ReactionJournal = "journal";
    public const string ReactionAction = "action";

    /// <summary>
    /// The recipients a person answers for in this exercise: those the animators gave their account, the crisis roles they
    /// hold in the exercise incident (by account or display name), and <c>accueil</c> for a desk account.
    /// </summary>
    public Task<IReadOnlySet<string>> RecipientKeysAsync(long incidentId, ExerciseViewer viewer, CancellationToken cancellationToken = default) =>
        database.ReadAsync(c => RecipientKeysAsync(c, incidentId, viewer), cancellationToken);

    private static async Task<IReadOnlySet<string>> RecipientKeysAsync(DbConnection connection, long incidentId, ExerciseViewer viewer)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in await connection.QueryAsync<string>(
                     "SELECT recipient FROM exercise_participants WHERE incident_id = @incidentId AND lower(user_name) = lower(@name)",
                     new { incidentId, name = viewer.Name }).ConfigureAwait(false))
        {
            keys.Add(key);
        }

        foreach (var key in await connection.QueryAsync<string>(
                     """
                     SELECT a.role_key FROM role_assignments a
                     WHERE a.incident_id = @incidentId AND (lower(a.person) = lower(@name) OR lower(a.person) = lower(@display))
                       AND a.id = (SELECT MAX(b.id) FROM role_assignments b WHERE b.incident_id = a.incident_id AND b.role_key = a.role_key)
                     """,
                     new { incidentId, name = viewer.Name, display = viewer.DisplayName }).ConfigureAwait(false))
        {
            keys.Add(key);
        }

        if (viewer.Role == UserRole.Accueil)
        {
            keys.Add("accueil");
        }

        return keys;
    }

    /// <summary>
    /// What this person has received: the played stimuli addressed to them or to everyone (players), every played stimulus
    /// (observers and animators); newest first, as cards without any hidden part. Null when the incident is not an exercise.
    /// </summary>
    public Task<IReadOnlyList<ReceivedStimulus>?> InboxAsync(long incidentId, ExerciseViewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return database.ReadAsync<IReadOnlyList<ReceivedStimulus>?>(async c =>
        {
            if (await GetAsync(c, null, incidentId).ConfigureAwait(false) is null)
            {
                return null;
            }

            var keys = await RecipientKeysAsync(c, incidentId, viewer).ConfigureAwait(false);
            var played = (await StimuliAsync(c, null, incidentId).ConfigureAwait(false))
                .Where(s => s.Status == StimulusStatus.Joue && (viewer.Audience != ExerciseAudience.Player || s.IsFor((IReadOnlyCollection<string>)keys)))
                .OrderByDescending(s => s.PlayedAt).ThenByDescending(s => s.Id).ToList();
            var read = (await c.QueryAsync<long>(
                "SELECT r.stimulus_id FROM exercise_receipts r JOIN exercise_stimuli s ON s.id = r.stimulus_id WHERE s.incident_id = @incidentId AND lower(r.user_name) = lower(@name)",
                new { incidentId, name = viewer.Name }).ConfigureAwait(false)).ToHashSet();
            var reactions = await ReactionsAsync(c, incidentId).ConfigureAwait(false);
            return played.Select(s => ReceivedStimulus.From(s, read.Contains(s.Id), reactions.GetValueOrDefault(s.Id) ?? [])).ToList();
        }, cancellationToken);
    }

    /// <summary>One received stimulus, or null when this person may not see it (not addressed to them, not played, not this exercise).</summary>
    public async Task<ReceivedStimulus?> ReceivedAsync(long incidentId, long stimulusId, ExerciseViewer viewer, CancellationToken cancellationToken = default) =>
        (await InboxAsync(incidentId, viewer, cancellationToken).ConfigureAwait(false))?.FirstOrDefault(s => s.Id == stimulusId);

    /// <summary>Marks a received card as read by this person (it leaves the banner's new cards).</summary>
    public async Task<Result<ReceivedStimulus>> AcknowledgeAsync(long incidentId, long stimulusId, ExerciseViewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (await ReceivedAsync(incidentId, stimulusId, viewer, cancellationToken).ConfigureAwait(false) is not { } received)
        {
            return NoSuchStimulus(incidentId, stimulusId);
        }

        if (!received.Read)
        {
            await database.WriteAsync(async unit =>
            {
                var now = Time.Truncate(clock.GetUtcNow());
                await unit.Connection.ExecuteAsync(
                    unit.Sql("INSERT OR IGNORE INTO exercise_receipts (stimulus_id, user_name, read_at_us) VALUES (@stimulusId, @name, @now)",
                        "INSERT INTO exercise_receipts (stimulus_id, user_name, read_at_us) VALUES (@stimulusId, @name, @now) ON CONFLICT DO NOTHING"),
                    new { stimulusId, name = viewer.Name, now = Time.ToMicros(now) }, unit.Transaction).ConfigureAwait(false);
                unit.Publish(new IncidentChange(incidentId, ExerciseTopics.Exercise));
                return 0;
            }, cancellationToken).ConfigureAwait(false);
        }

        return received with { Read = true };
    }

    /// <summary>
    /// A player answers a stimulus they received with a journal entry (décision, action, communication, fait, note) linked
    /// to it (<c>stimulus</c> link): the main courante holds the answer, the report its reaction time.
    /// </summary>
    public async Task<Result<JournalEntry>> AnswerAsync(long incidentId, long stimulusId, ExerciseViewer viewer, JournalKind kind, string? text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (kind == JournalKind.Stimulus)
        {
            return Problem.Invalid("kind", ProblemCode.AnswerKindInvalid);
        }

        if (Limits.Text("text", text, Limits.JournalTextMaxLength) is { } problem)
        {
            return problem;
        }

        if (await ReceivedAsync(incidentId, stimulusId, viewer, cancellationToken).ConfigureAwait(false) is null)
        {
            return NoSuchStimulus(incidentId, stimulusId);
        }

        return await database.WriteAsync(async unit =>
        {
            var entry = await journal.AppendAsync(unit, incidentId, viewer.Name, new NewJournalEntry(kind, text!,
                Link: new JournalLink("stimulus", stimulusId.ToString(CultureInfo.InvariantCulture)))).ConfigureAwait(false);
            if (!entry.IsOk)
            {
                return entry;
            }

            await unit.Connection.ExecuteAsync(
                unit.Sql("INSERT OR IGNORE INTO exercise_receipts (stimulus_id, user_name, read_at_us) VALUES (@stimulusId, @name, @now)",
                    "INSERT INTO exercise_receipts (stimulus_id, user_name, read_at_us) VALUES (@stimulusId, @name, @now) ON CONFLICT DO NOTHING"),
                new { stimulusId, name = viewer.Name, now = Time.ToMicros(entry.Value.RecordedAt) }, unit.Transaction).ConfigureAwait(false);
            await changes.RecordAsync(unit, incidentId, viewer.Name, new AuditLine("exercise.answer", $"incident:{incidentId}/stimulus:{stimulusId}", entry.Value.Seq.ToString(CultureInfo.InvariantCulture)), ExerciseTopics.Exercise).ConfigureAwait(false);
            return entry;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Links an existing journal entry (<c>journal</c>, its seq) or action (<c>action</c>, its id) of the exercise to a stimulus it answers.</summary>
    public async Task<Result<StimulusReaction>> LinkAsync(long incidentId, long stimulusId, ExerciseViewer viewer, string kind, long refId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (kind is not (ReactionJournal or ReactionAction))
        {
            return Problem.Invalid("kind", ProblemCode.ReactionKindInvalid);
        }

        if (await ReceivedAsync(incidentId, stimulusId, viewer, cancellationToken).ConfigureAwait(false) is null)
        {
            return NoSuchStimulus(incidentId, stimulusId);
        }

        return await database.WriteAsync<Result<StimulusReaction>>(async unit =>
        {
            var target = kind == ReactionJournal
                ? await unit.Connection.QuerySingleOrDefaultAsync<(long AtUs, string? Text)>(
                    "SELECT recorded_at_us AS AtUs, text AS Text FROM journal_entries WHERE incident_id = @incidentId AND seq = @refId", new { incidentId, refId }, unit.Transaction).ConfigureAwait(false)
                : await unit.Connection.QuerySingleOrDefaultAsync<(long AtUs, string? Text)>(
                    "SELECT created_at_us AS AtUs, title AS Text FROM actions WHERE incident_id = @incidentId AND id = @refId", new { incidentId, refId }, unit.Transaction).ConfigureAwait(false);
            var found = target;
            if (found.Text is null)
            {
                return Problem.NotFound(kind == ReactionJournal ? ProblemCode.ExerciseEntryNotFound : ProblemCode.ExerciseActionNotFound, incidentId, refId);
            }

            var exists = await unit.Connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM exercise_responses WHERE stimulus_id = @stimulusId AND kind = @kind AND ref_id = @refId", new { stimulusId, kind, refId }, unit.Transaction).ConfigureAwait(false);
            if (exists > 0)
            {
                return Problem.Conflict("refId", ProblemCode.AnswerAlreadyLinked);
            }

            await unit.Connection.ExecuteAsync(
                "INSERT INTO exercise_responses (incident_id, stimulus_id, kind, ref_id, author, at_us) VALUES (@incidentId, @stimulusId, @kind, @refId, @author, @at)",
                new { incidentId, stimulusId, kind, refId, author = viewer.Name, at = found.AtUs }, unit.Transaction).ConfigureAwait(false);
            await changes.RecordAsync(unit, incidentId, viewer.Name, new AuditLine("exercise.link", $"incident:{incidentId}/stimulus:{stimulusId}", $"{kind}:{refId}"), ExerciseTopics.Exercise).ConfigureAwait(false);
            var reactions = await ReactionsAsync(unit.Connection, incidentId, unit.Transaction).ConfigureAwait(false);
            return reactions[stimulusId].First(r => r.Kind == kind && r.RefId == refId);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every reaction of the exercise by stimulus, earliest first, with the exercise time each took.</summary>
    public Task<IReadOnlyDictionary<long, IReadOnlyList<StimulusReaction>>> ReactionsAsync(long incidentId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(c => ReactionsAsync(c, incidentId), cancellationToken);

    private static async Task<IReadOnlyDictionary<long, IReadOnlyList<StimulusReaction>>> ReactionsAsync(DbConnection connection, long incidentId, DbTransaction? transaction = null)
    {
        var rows = (await connection.QueryAsync<ReactionRow>(
            """
            SELECT link_id AS StimulusText, 'journal' AS Kind, seq AS RefId, author AS Author, recorded_at_us AS AtUs, text AS Text
            FROM journal_entries WHERE incident_id = @incidentId AND link_type = 'stimulus' AND kind <> 'stimulus'
            """, new { incidentId }, transaction).ConfigureAwait(false)).ToList();
        rows.AddRange(await connection.QueryAsync<ReactionRow>(
            """
            SELECT r.stimulus_id AS StimulusId, r.kind AS Kind, r.ref_id AS RefId, r.author AS Author, r.at_us AS AtUs, COALESCE(j.text, a.title, '') AS Text
            FROM exercise_responses r
            LEFT JOIN journal_entries j ON r.kind = 'journal' AND j.incident_id = r.incident_id AND j.seq = r.ref_id
            LEFT JOIN actions a ON r.kind = 'action' AND a.id = r.ref_id
            WHERE r.incident_id = @incidentId
            """, new { incidentId }, transaction).ConfigureAwait(false));
        var played = (await connection.QueryAsync<(long Id, long? ElapsedUs)>(
            "SELECT id AS Id, played_elapsed_us AS ElapsedUs FROM exercise_stimuli WHERE incident_id = @incidentId AND status = 'joue'", new { incidentId }, transaction).ConfigureAwait(false))
            .ToDictionary(p => p.Id, p => p.ElapsedUs);
        var history = await ClockHistoryAsync(connection, transaction, incidentId).ConfigureAwait(false);
        var result = new Dictionary<long, List<StimulusReaction>>();
        foreach (var row in rows)
        {
            var stimulusId = row.StimulusId ?? (long.TryParse(row.StimulusText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0);
            if (!played.TryGetValue(stimulusId, out var playedElapsed))
            {
                continue;
            }

            var at = Time.FromMicros(row.AtUs);
            TimeSpan? reaction = playedElapsed is { } p && ElapsedAt(history, at) is { } e ? e - ExerciseRows.Span(p) : null;
            var list = result.TryGetValue(stimulusId, out var existing) ? existing : result[stimulusId] = [];
            if (!list.Any(r => r.Kind == row.Kind && r.RefId == row.RefId))
            {
                list.Add(new StimulusReaction(stimulusId, row.Kind, row.RefId, row.Author, at, row.Text, reaction));
            }
        }

        return result.ToDictionary(p => p.Key, p => (IReadOnlyList<StimulusReaction>)p.Value.OrderBy(r => r.At).ThenBy(r => r.RefId).ToList());
    }

    /// <summary>Which accounts play which recipients (animators).</summary>
    public Task<IReadOnlyList<ExerciseParticipant>> ParticipantsAsync(long incidentId, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<ExerciseParticipant>>(async c =>
            (await c.QueryAsync<(string UserName, string Recipient)>(
                "SELECT user_name AS UserName, recipient AS Recipient FROM exercise_participants WHERE incident_id = @incidentId ORDER BY lower(user_name), recipient",
                new { incidentId }).ConfigureAwait(false))
            .GroupBy(p => p.UserName, StringComparer.OrdinalIgnoreCase)
            .Select(g => new ExerciseParticipant(g.Key, g.Select(p => p.Recipient).ToList())).ToList(), cancellationToken);

    /// <summary>Gives an account the recipients it plays in this exercise (replacing what it had); an empty list removes it.</summary>
    public async Task<Result<ExerciseParticipant>> SetParticipantAsync(long incidentId, string userName, IReadOnlyList<string> recipients, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        if (Limits.Text("user", userName, Limits.NameMaxLength) is { } problem)
        {
            return problem;
        }

        var catalog = await RecipientsAsync(cancellationToken).ConfigureAwait(false);
        var keys = recipients.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (keys.FirstOrDefault(k => !catalog.IsKnown(k)) is { } unknown)
        {
            return Problem.Invalid("recipients", ProblemCode.RecipientUnknown, unknown);
        }

        return await database.WriteAsync<Result<ExerciseParticipant>>(async unit =>
        {
            if (await GetAsync(unit.Connection, unit.Transaction, incidentId).ConfigureAwait(false) is null)
            {
                return NotAnExercise(incidentId);
            }

            var name = await unit.Connection.ExecuteScalarAsync<string?>("SELECT name FROM users WHERE lower(name) = lower(@userName)", new { userName = userName.Trim() }, unit.Transaction).ConfigureAwait(false);
            if (name is null)
            {
                return Problem.NotFound(ProblemCode.AccountNotFound, userName);
            }

            await unit.Connection.ExecuteAsync("DELETE FROM exercise_participants WHERE incident_id = @incidentId AND lower(user_name) = lower(@name)", new { incidentId, name }, unit.Transaction).ConfigureAwait(false);
            foreach (var key in keys)
            {
                await unit.Connection.ExecuteAsync("INSERT INTO exercise_participants (incident_id, user_name, recipient) VALUES (@incidentId, @name, @key)",
                    new { incidentId, name, key }, unit.Transaction).ConfigureAwait(false);
            }

            await changes.RecordAsync(unit, incidentId, actor, new AuditLine("exercise.participant", $"incident:{incidentId}", $"{name}: {string.Join(",", keys)}"), ExerciseTopics.Exercise).ConfigureAwait(false);
            return new ExerciseParticipant(name, keys);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>For the animators' console: per recipient, stimuli played to it and how many got a reaction, the last reaction.</summary>
    public async Task<IReadOnlyList<RecipientProgress>> ProgressAsync(long incidentId, CancellationToken cancellationToken = default)
    {
        var stimuli = await ListStimuliAsync(incidentId, cancellationToken).ConfigureAwait(false);
        var reactions = await ReactionsAsync(incidentId, cancellationToken).ConfigureAwait(false);
        var progress = new List<RecipientProgress>();
        foreach (var key in stimuli.SelectMany(s => s.Recipients).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var mine = stimuli.Where(s => s.Recipients.Contains(key)).ToList();
            var played = mine.Where(s => s.Status == StimulusStatus.Joue).ToList();
            var answered = played.Where(s => reactions.ContainsKey(s.Id)).ToList();
            var last = answered.SelectMany(s => reactions[s.Id]).OrderByDescending(r => r.At).FirstOrDefault();
            progress.Add(new RecipientProgress(key, mine.Count, played.Count, answered.Count, last));
        }

        return progress;
    }

    private static Problem NoSuchStimulus(long incidentId, long stimulusId) =>
        Problem.NotFound(ProblemCode.StimulusNotFoundForYou, incidentId, stimulusId);

    private sealed class ReactionRow
    {
        public long? StimulusId { get; set; }
        public string? StimulusText { get; set; }
        public string Kind { get; set; } = "";
        public long RefId { get; set; }
        public string Author { get; set; } = "";
        public long AtUs { get; set; }
        public string Text { get; set; } = "";
    }
}
