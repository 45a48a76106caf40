using System.Globalization;
using Dapper;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;
using Vigie.Hunt;

namespace Vigie.CommandPost.Findings;

public sealed partial class FindingService
{
    /// <summary>
    /// One page in time order (then id), after <paramref name="cursor"/> (the previous page's <see cref="FindingPage.Next"/>):
    /// keyset paging over the (incident, time, id) indexes, so every page costs the same however deep.
    /// </summary>
    public async Task<Result<FindingPage>> ListAsync(long incidentId, FindingFilter filter, string? cursor, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (pageSize < 1 || pageSize > MaxPageSize)
        {
            return Problem.Invalid("limit", ProblemCode.FindingsLimitOutOfRange, MaxPageSize);
        }

        long? afterUs = null, afterId = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            var parts = cursor.Split('_');
            if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var us) ||
                !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return Problem.Invalid("after", ProblemCode.FindingsCursorInvalid);
            }

            afterUs = us;
            afterId = id;
        }

        var (where, parameters) = Where(incidentId, filter);
        if (afterUs is not null)
        {
            where += " AND (detected_at_us, id) > (@afterUs, @afterId)"; // a row value: an index range on both databases
            parameters.Add("afterUs", afterUs);
            parameters.Add("afterId", afterId);
        }

        parameters.Add("take", pageSize + 1);
        var rows = await database.ReadAsync(async c =>
            (await c.QueryAsync<Row>($"SELECT {Columns} FROM findings WHERE {where} ORDER BY detected_at_us, id LIMIT @take", parameters).ConfigureAwait(false)).ToList(),
            cancellationToken).ConfigureAwait(false);
        string? next = null;
        if (rows.Count > pageSize)
        {
            rows.RemoveAt(rows.Count - 1);
            var last = rows[^1];
            next = string.Create(CultureInfo.InvariantCulture, $"{last.DetectedAtUs}_{last.Id}");
        }

        return Result<FindingPage>.Ok(new FindingPage(rows.Select(r => r.ToFinding()).ToList(), next));
    }

    /// <summary>One finding, or null.</summary>
    public Task<Finding?> GetAsync(long incidentId, long id, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async c =>
            (await c.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM findings WHERE incident_id = @incidentId AND id = @id", new { incidentId, id }).ConfigureAwait(false))?.ToFinding(),
            cancellationToken);

    /// <summary>Per host: count, first and last detection, counts by level and by tactic (filters apply).</summary>
    public async Task<IReadOnlyList<FindingHostSummary>> HostsAsync(long incidentId, FindingFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (where, parameters) = Where(incidentId, filter);
        // Without a time filter the per-host figures come from finding_summary (kept by each import): a few
        // rows per host and rule instead of a scan of every finding.
        var sql = filter.From is null && filter.To is null
            ? $"SELECT computer AS Computer, level AS Level, tactics AS Tactics, CAST(SUM(row_count) AS BIGINT) AS Count, MIN(first_us) AS FirstUs, MAX(last_us) AS LastUs " +
              $"FROM finding_summary WHERE {where} GROUP BY computer, level, tactics"
            : $"SELECT computer AS Computer, level AS Level, tactics AS Tactics, COUNT(*) AS Count, MIN(detected_at_us) AS FirstUs, MAX(detected_at_us) AS LastUs " +
              $"FROM findings WHERE {where} GROUP BY computer, level, tactics";
        var rows = await database.ReadAsync(async c => (await c.QueryAsync<HostRow>(sql, parameters).ConfigureAwait(false)).ToList(), cancellationToken).ConfigureAwait(false);
        var hosts = new Dictionary<string, (long Count, long First, long Last, long[] Levels, Dictionary<string, long> Tactics)>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!hosts.TryGetValue(row.Computer, out var host))
            {
                host = (0, long.MaxValue, long.MinValue, new long[5], new Dictionary<string, long>(StringComparer.Ordinal));
            }

            host.Count += row.Count;
            host.First = Math.Min(host.First, row.FirstUs);
            host.Last = Math.Max(host.Last, row.LastUs);
            host.Levels[Math.Clamp((int)row.Level, 0, 4)] += row.Count;
            foreach (var tactic in SplitTags(row.Tactics))
            {
                host.Tactics[tactic] = host.Tactics.GetValueOrDefault(tactic) + row.Count;
            }

            hosts[row.Computer] = host;
        }

        return hosts
            .OrderByDescending(h => h.Value.Count).ThenBy(h => h.Key, StringComparer.Ordinal)
            .Select(h => new FindingHostSummary(h.Key, h.Value.Count, Time.FromMicros(h.Value.First), Time.FromMicros(h.Value.Last),
                HuntLevels.All.ToDictionary(l => l, l => h.Value.Levels[(int)l]),
                h.Value.Tactics.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => t.Value)))
            .ToList();
    }

    /// <summary>
    /// The incident's findings in figures (for the view and for reports such as the RETEX): total, by level,
    /// by host, by tactic, first and last detection, the <paramref name="topRules"/> rules that fired most.
    /// </summary>
    public async Task<FindingStatistics> StatisticsAsync(long incidentId, int topRules = 10, CancellationToken cancellationToken = default)
    {
        var (where, parameters) = Where(incidentId, new FindingFilter());
        return await database.ReadAsync(async c =>
        {
            // finding_summary: one row per host, rule, level and tactics, kept by each import
            var levels = (await c.QueryAsync<(long Level, long Count)>($"SELECT level, CAST(SUM(row_count) AS BIGINT) FROM finding_summary WHERE {where} GROUP BY level", parameters).ConfigureAwait(false)).ToList();
            var hosts = (await c.QueryAsync<(string Computer, long Count)>($"SELECT computer, CAST(SUM(row_count) AS BIGINT) AS n FROM finding_summary WHERE {where} GROUP BY computer ORDER BY n DESC, computer", parameters).ConfigureAwait(false)).ToList();
            var tacticRows = (await c.QueryAsync<(string Tactics, long Count)>($"SELECT tactics, CAST(SUM(row_count) AS BIGINT) FROM finding_summary WHERE {where} GROUP BY tactics", parameters).ConfigureAwait(false)).ToList();
            var range = await c.QuerySingleAsync<(long? First, long? Last)>($"SELECT MIN(first_us), MAX(last_us) FROM finding_summary WHERE {where}", parameters).ConfigureAwait(false);
            parameters.Add("top", topRules);
            var rules = (await c.QueryAsync<(string Title, string RuleId, long Level, string Author, long Count)>(
                $"SELECT rule_title, rule_id, MAX(level), MAX(rule_author), CAST(SUM(row_count) AS BIGINT) AS n FROM finding_summary WHERE {where} GROUP BY rule_title, rule_id ORDER BY n DESC, rule_title LIMIT @top",
                parameters).ConfigureAwait(false)).ToList();
            var byLevel = HuntLevels.All.ToDictionary(l => l, l => levels.Where(x => x.Level == (int)l).Sum(x => x.Count));
            var tactics = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (text, count) in tacticRows)
            {
                foreach (var tactic in SplitTags(text))
                {
                    tactics[tactic] = tactics.GetValueOrDefault(tactic) + count;
                }
            }

            return new FindingStatistics(
                byLevel.Values.Sum(),
                byLevel,
                hosts.Select(h => new KeyValuePair<string, long>(h.Computer, h.Count)).ToList(),
                tactics.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).ToList(),
                range.First is { } f ? Time.FromMicros(f) : null,
                range.Last is { } l ? Time.FromMicros(l) : null,
                rules.Select(r => new FindingRuleCount(r.Title, r.RuleId, (HuntLevel)Math.Clamp((int)r.Level, 0, 4), r.Author, r.Count)).ToList());
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Pins a finding into the journal as a <c>fait</c> entry linked to it (JournalLink "finding"); once per finding.</summary>
    public async Task<Result<JournalEntry>> PinAsync(long incidentId, long findingId, string author, string? comment, CancellationToken cancellationToken = default)
    {
        if (Limits.Text("comment", comment, 2000, required: false) is { } problem)
        {
            return problem;
        }

        return await database.WriteAsync(async unit =>
        {
            var row = await unit.Connection.QuerySingleOrDefaultAsync<Row>(
                unit.Sql($"SELECT {Columns} FROM findings WHERE incident_id = @incidentId AND id = @findingId",
                         $"SELECT {Columns} FROM findings WHERE incident_id = @incidentId AND id = @findingId FOR UPDATE"),
                new { incidentId, findingId }, unit.Transaction).ConfigureAwait(false);
            if (row is null)
            {
                return Problem.NotFound(ProblemCode.FindingNotFound, incidentId, findingId);
            }

            if (row.PinnedSeq is { } seq)
            {
                return Problem.Conflict(null, ProblemCode.FindingAlreadyJournaled, findingId, seq);
            }

            var finding = row.ToFinding();
            var text = FrenchText.Typeset($"Détection (chasse) : [niveau {LevelText(finding.Level)}] {finding.RuleTitle} sur {(finding.Computer.Length > 0 ? finding.Computer : "machine inconnue")}" +
                (finding.EventId is { } eventId ? $", événement {eventId.ToString(CultureInfo.InvariantCulture)} ({finding.Channel})" : "") +
                $", le {clock.PreciseTextWithZone(finding.DetectedAt)} (règle de {finding.RuleAuthor}).") +
                (string.IsNullOrWhiteSpace(comment) ? "" : " " + comment.Trim());
            var entry = await journal.AppendAsync(unit, incidentId, author, new NewJournalEntry(JournalKind.Fait, text,
                OccurredAt: finding.DetectedAt, Link: new JournalLink("finding", findingId.ToString(CultureInfo.InvariantCulture)))).ConfigureAwait(false);
            if (!entry.IsOk)
            {
                throw new InvalidOperationException(entry.Problem.Message);
            }

            await unit.Connection.ExecuteAsync("UPDATE findings SET pinned_seq = @seq WHERE id = @findingId", new { seq = entry.Value.Seq, findingId }, unit.Transaction).ConfigureAwait(false);
            // The audit detail names the entry's seq, so the entry is appended first and the change recorded after it.
            await changes.RecordAsync(unit, incidentId, author, new AuditLine("finding.pin", $"incident:{incidentId}/finding:{findingId}", $"journal entry {entry.Value.Seq}"), Topic).ConfigureAwait(false);
            unit.Publish(new IncidentChange(incidentId, "journal"));
            return entry;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The distinct hosts, rules and tactics of an incident's findings, for the view's filter lists (at most <paramref name="limit"/> each).</summary>
    public async Task<(IReadOnlyList<string> Hosts, IReadOnlyList<string> Rules)> FilterValuesAsync(long incidentId, int limit = 500, CancellationToken cancellationToken = default) =>
        await database.ReadAsync(async c =>
        {
            var hosts = (await c.QueryAsync<string>("SELECT DISTINCT computer FROM finding_summary WHERE incident_id = @incidentId ORDER BY computer LIMIT @limit", new { incidentId, limit }).ConfigureAwait(false)).ToList();
            var rules = (await c.QueryAsync<string>("SELECT DISTINCT rule_title FROM finding_summary WHERE incident_id = @incidentId ORDER BY rule_title LIMIT @limit", new { incidentId, limit }).ConfigureAwait(false)).ToList();
            return ((IReadOnlyList<string>)hosts, (IReadOnlyList<string>)rules);
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>A Sigma level as the French journal writes it.</summary>
    internal static string LevelText(HuntLevel level) => level switch
    {
        HuntLevel.Critical => "critique",
        HuntLevel.High => "élevé",
        HuntLevel.Medium => "moyen",
        HuntLevel.Low => "faible",
        _ => "information",
    };

    private static (string Where, DynamicParameters Parameters) Where(long incidentId, FindingFilter filter)
    {
        var where = "incident_id = @incidentId";
        var parameters = new DynamicParameters();
        parameters.Add("incidentId", incidentId);
        if (filter.MinLevel is { } level && level > HuntLevel.Informational)
        {
            where += " AND level >= @level";
            parameters.Add("level", (short)level);
        }

        if (!string.IsNullOrWhiteSpace(filter.Computer))
        {
            where += " AND computer = @computer";
            parameters.Add("computer", filter.Computer.Trim());
        }

        if (!string.IsNullOrWhiteSpace(filter.Tactic))
        {
            where += " AND tactics LIKE @tactic";
            parameters.Add("tactic", "%," + filter.Tactic.Trim().Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal) + ",%");
        }

        if (!string.IsNullOrWhiteSpace(filter.Rule))
        {
            where += " AND (rule_title = @rule OR rule_id = @rule)";
            parameters.Add("rule", filter.Rule.Trim());
        }

        if (filter.From is { } from)
        {
            where += " AND detected_at_us >= @from";
            parameters.Add("from", Time.ToMicros(from));
        }

        if (filter.To is { } to)
        {
            where += " AND detected_at_us <= @to";
            parameters.Add("to", Time.ToMicros(to));
        }

        return (where, parameters);
    }

    private sealed class HostRow
    {
        public string Computer { get; set; } = "";
        public long Level { get; set; }
        public string Tactics { get; set; } = "";
        public long Count { get; set; }
        public long FirstUs { get; set; }
        public long LastUs { get; set; }
    }
}
