using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;
using Vigie.Hunt;

namespace Vigie.CommandPost.Findings;

/// <summary>
/// Hunt results in an incident: bulk import (batches, idempotent per hunt run and batch number), keyset-paged
/// listing with filters, per-host summary, figures for reports, and pinning a finding into the journal as a
/// <c>fait</c> entry that links back to it.
/// </summary>
public sealed partial class FindingService(Database database, JournalService journal, ChangeRecorder changes, HospitalClock clock)
{
    public const string Topic = "findings";
    public const int MaxPageSize = 1000;
    public const int MaxBatchRows = 10_000;
    private const int RowsPerStatement = 100;

    private const string Columns = "id AS Id, incident_id AS IncidentId, run_id AS RunId, detected_at_us AS DetectedAtUs, computer AS Computer, channel AS Channel, " +
        "event_id AS EventId, record_id AS RecordId, rule_title AS RuleTitle, rule_id AS RuleId, level AS Level, tactics AS Tactics, techniques AS Techniques, " +
        "rule_author AS RuleAuthor, details AS Details, source_file AS SourceFile, is_correlation AS IsCorrelation, pinned_seq AS PinnedSeq";

    /// <summary>
    /// Imports one batch of a hunt run. A batch already imported (same run id and number) imports nothing and
    /// reports its rows as duplicates. The final batch writes one journal entry for the whole run.
    /// </summary>
    /// <param name="rejected">The reasons of the refused lines (the first few, with their line numbers).</param>
    /// <param name="rejectedCount">How many lines were refused (default: as many as <paramref name="rejected"/> lists).</param>
    public async Task<Result<FindingImportResult>> ImportAsync(long incidentId, string runId, int batch, bool final,
        IReadOnlyList<HuntDetection> rows, IReadOnlyList<string> rejected, string author, long? rejectedCount = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(rejected);
        var refused = rejectedCount ?? rejected.Count;
        if (string.IsNullOrWhiteSpace(runId) || runId.Length > 100 || !runId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return Problem.Invalid("run", ProblemCode.RunInvalid);
        }

        if (batch < 0)
        {
            return Problem.Invalid("batch", ProblemCode.BatchInvalid);
        }

        if (rows.Count > MaxBatchRows)
        {
            return Problem.Invalid("body", ProblemCode.TooManyFindings, MaxBatchRows);
        }

        return await database.WriteAsync(async unit =>
        {
            var c = unit.Connection;
            var incident = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM incidents WHERE id = @incidentId", new { incidentId }, unit.Transaction).ConfigureAwait(false);
            if (incident == 0)
            {
                return Problem.NotFound(ProblemCode.IncidentNotFound, incidentId);
            }

            var now = Time.ToMicros(Time.Truncate(clock.GetUtcNow()));
            var inserted = await c.ExecuteAsync(unit.Sql(
                    "INSERT INTO finding_batches (incident_id, run_id, batch, row_count, imported_at_us, imported_by) VALUES (@incidentId, @runId, @batch, @count, @now, @author) ON CONFLICT DO NOTHING",
                    "INSERT INTO finding_batches (incident_id, run_id, batch, row_count, imported_at_us, imported_by) VALUES (@incidentId, @runId, @batch, @count, @now, @author) ON CONFLICT DO NOTHING"),
                new { incidentId, runId, batch, count = rows.Count, now, author }, unit.Transaction).ConfigureAwait(false);
            if (inserted == 0)
            {
                return Result<FindingImportResult>.Ok(new FindingImportResult(0, rows.Count, refused, rejected.Take(20).ToList()));
            }

            for (var start = 0; start < rows.Count; start += RowsPerStatement)
            {
                await InsertAsync(unit, incidentId, runId, now, rows, start, Math.Min(RowsPerStatement, rows.Count - start), cancellationToken).ConfigureAwait(false);
            }

            await SummariseAsync(unit, incidentId, rows).ConfigureAwait(false);

            if (final)
            {
                var total = await c.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(row_count), 0) FROM finding_batches WHERE incident_id = @incidentId AND run_id = @runId",
                    new { incidentId, runId }, unit.Transaction).ConfigureAwait(false);
                var entry = await changes.RecordAsync(unit, incidentId, author, new NewJournalEntry(JournalKind.Fait,
                    FrenchText.Typeset($"Résultats de chasse importés : {FrenchText.Number(total)} détection(s) (exécution {runId})."),
                    Link: new JournalLink("finding-run", runId)),
                new AuditLine("finding.import", $"incident:{incidentId}/run:{runId}/batch:{batch}",
                $"{rows.Count} finding(s), {refused} rejected"), Topic).ConfigureAwait(false);
                if (!entry.IsOk)
                {
                    throw new InvalidOperationException(entry.Problem.Message);
                }
            }
            else
            {
                // A non-final batch has no journal entry (the final one journals the run's total) but is audited and
                // announced, so the open findings view follows a long import batch by batch.
                await changes.RecordAsync(unit, incidentId, author, new AuditLine("finding.import", $"incident:{incidentId}/run:{runId}/batch:{batch}",
                    $"{rows.Count} finding(s), {refused} rejected"), Topic).ConfigureAwait(false);
            }

            return Result<FindingImportResult>.Ok(new FindingImportResult(rows.Count, 0, refused, rejected.Take(20).ToList()));
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds the batch to <c>finding_summary</c> (one upsert per host, rule, level and tactics of the batch).</summary>
    private static async Task SummariseAsync(UnitOfWork unit, long incidentId, IReadOnlyList<HuntDetection> rows)
    {
        var groups = new Dictionary<(string Computer, string Title, string Id, short Level, string Tactics), (string Author, long Count, long First, long Last)>();
        foreach (var d in rows)
        {
            var key = (Clip(d.Computer, 255), Clip(d.RuleTitle, 500), Clip(d.RuleId, 100), (short)d.Level, JoinTags(d.Tactics));
            var at = Time.ToMicros(new DateTimeOffset(DateTime.SpecifyKind(d.Timestamp, DateTimeKind.Utc)));
            groups[key] = groups.TryGetValue(key, out var g)
                ? (g.Author, g.Count + 1, Math.Min(g.First, at), Math.Max(g.Last, at))
                : (Clip(d.Author, 500), 1, at, at);
        }

        var sql = unit.Sql(
            "INSERT INTO finding_summary (incident_id, computer, rule_title, rule_id, level, tactics, rule_author, row_count, first_us, last_us) " +
            "VALUES (@incidentId, @computer, @title, @id, @level, @tactics, @author, @count, @first, @last) " +
            "ON CONFLICT (incident_id, computer, rule_title, rule_id, level, tactics) DO UPDATE SET row_count = finding_summary.row_count + excluded.row_count, " +
            "first_us = min(finding_summary.first_us, excluded.first_us), last_us = max(finding_summary.last_us, excluded.last_us)",
            "INSERT INTO finding_summary (incident_id, computer, rule_title, rule_id, level, tactics, rule_author, row_count, first_us, last_us) " +
            "VALUES (@incidentId, @computer, @title, @id, @level, @tactics, @author, @count, @first, @last) " +
            "ON CONFLICT (incident_id, computer, rule_title, rule_id, level, tactics) DO UPDATE SET row_count = finding_summary.row_count + excluded.row_count, " +
            "first_us = LEAST(finding_summary.first_us, excluded.first_us), last_us = GREATEST(finding_summary.last_us, excluded.last_us)");
        foreach (var ((computer, title, id, level, tactics), (author, count, first, last)) in groups)
        {
            await unit.Connection.ExecuteAsync(sql, new { incidentId, computer, title, id, level, tactics, author, count, first, last }, unit.Transaction).ConfigureAwait(false);
        }
    }

    /// <summary>A multi-row INSERT (one statement per <see cref="RowsPerStatement"/> rows), same SQL on both databases.</summary>
    private static async Task InsertAsync(UnitOfWork unit, long incidentId, string runId, long now, IReadOnlyList<HuntDetection> rows, int start, int count, CancellationToken cancellationToken)
    {
        await using var command = unit.Connection.CreateCommand();
        command.Transaction = unit.Transaction;
        var sql = new System.Text.StringBuilder(
            "INSERT INTO findings (incident_id, run_id, detected_at_us, computer, channel, event_id, record_id, rule_title, rule_id, level, tactics, techniques, rule_author, details, source_file, is_correlation, imported_at_us) VALUES ");
        Add(command, "inc", incidentId);
        Add(command, "run", runId);
        Add(command, "now", now);
        for (var i = 0; i < count; i++)
        {
            var d = rows[start + i];
            var p = "p" + i.ToString(CultureInfo.InvariantCulture) + "_";
            if (i > 0)
            {
                sql.Append(',');
            }

            sql.Append($"(@inc, @run, @{p}t, @{p}c, @{p}ch, @{p}e, @{p}r, @{p}rt, @{p}ri, @{p}l, @{p}ta, @{p}te, @{p}a, @{p}d, @{p}s, @{p}k, @now)");
            Add(command, p + "t", Time.ToMicros(new DateTimeOffset(DateTime.SpecifyKind(d.Timestamp, DateTimeKind.Utc))));
            Add(command, p + "c", Clip(d.Computer, 255));
            Add(command, p + "ch", Clip(d.Channel, 255));
            Add(command, p + "e", d.EventId);
            Add(command, p + "r", d.RecordId);
            Add(command, p + "rt", Clip(d.RuleTitle, 500));
            Add(command, p + "ri", Clip(d.RuleId, 100));
            Add(command, p + "l", (short)d.Level);
            Add(command, p + "ta", JoinTags(d.Tactics));
            Add(command, p + "te", JoinTags(d.Techniques));
            Add(command, p + "a", Clip(d.Author, 500));
            Add(command, p + "d", DetailsJson(d.Details));
            Add(command, p + "s", Clip(d.SourceFile, 1000));
            Add(command, p + "k", (short)(d.IsCorrelation ? 1 : 0));
        }

        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        if (value is null)
        {
            parameter.DbType = name.EndsWith('e') ? System.Data.DbType.Int32 : System.Data.DbType.Int64;
        }

        command.Parameters.Add(parameter);
    }

    /// <summary>Tags stored as <c>,a,b,</c> so that one can be filtered with LIKE '%,a,%'.</summary>
    private static string JoinTags(IReadOnlyList<string> tags) => tags.Count == 0 ? "" : "," + string.Join(',', tags.Select(t => Clip(t.Replace(",", "", StringComparison.Ordinal), 100))) + ",";

    private static string[] SplitTags(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static string DetailsJson(IReadOnlyList<KeyValuePair<string, string>> details)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            var total = 0;
            foreach (var (name, value) in details)
            {
                var clipped = Clip(value, 8000);
                total += clipped.Length;
                if (total > 20_000)
                {
                    break;
                }

                writer.WriteStartArray();
                writer.WriteStringValue(Clip(name, 200));
                writer.WriteStringValue(clipped);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static List<KeyValuePair<string, string>> ParseDetails(string json)
    {
        var list = new List<KeyValuePair<string, string>>();
        using var document = JsonDocument.Parse(json);
        foreach (var pair in document.RootElement.EnumerateArray())
        {
            list.Add(new(pair[0].GetString() ?? "", pair[1].GetString() ?? ""));
        }

        return list;
    }

    private static string Clip(string? text, int max) => text is null ? "" : text.Length <= max ? text : text[..max];

    private sealed class Row
    {
        public long Id { get; set; }
        public long IncidentId { get; set; }
        public string RunId { get; set; } = "";
        public long DetectedAtUs { get; set; }
        public string Computer { get; set; } = "";
        public string Channel { get; set; } = "";
        public int? EventId { get; set; }
        public long? RecordId { get; set; }
        public string RuleTitle { get; set; } = "";
        public string RuleId { get; set; } = "";
        public short Level { get; set; }
        public string Tactics { get; set; } = "";
        public string Techniques { get; set; } = "";
        public string RuleAuthor { get; set; } = "";
        public string Details { get; set; } = "[]";
        public string SourceFile { get; set; } = "";
        public short IsCorrelation { get; set; }
        public long? PinnedSeq { get; set; }

        public Finding ToFinding() => new(Id, IncidentId, RunId, Time.FromMicros(DetectedAtUs), Computer, Channel, EventId, RecordId, RuleTitle, RuleId,
            (HuntLevel)Math.Clamp((int)Level, 0, 4), SplitTags(Tactics), SplitTags(Techniques), RuleAuthor, ParseDetails(Details), SourceFile, IsCorrelation != 0, PinnedSeq);
    }
}
