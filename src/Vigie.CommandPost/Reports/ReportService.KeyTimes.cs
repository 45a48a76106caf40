using System.Globalization;
using Dapper;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Deadlines;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Reports;

public sealed partial class ReportService
{
    /// <summary>The key times of an incident: the cell's settings, else what Vigie deduces, else unknown.</summary>
    public async Task<IReadOnlyList<KeyTimeValue>?> KeyTimesAsync(long incidentId, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        var incident = await incidents.GetAsync(incidentId, cancellationToken).ConfigureAwait(false);
        return incident is null ? null : await KeyTimesAsync(incident, new ReportContext(incident, ReportText.For(culture).Culture, Zone, clock.GetUtcNow()), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets a key time by hand (journaled); it then takes precedence over the deduced one. Detection is the incident's own.</summary>
    public Task<Result<KeyTimeValue>> SetKeyTimeAsync(long incidentId, KeyTime key, DateTimeOffset? at, string author, CancellationToken cancellationToken = default) =>
        SetKeyTimeAsync(incidentId, key, at, null, author, cancellationToken);

    /// <summary>
    /// Sets a key time from a journal entry: the time it happened (its occurredAt, as the scribe gave it), never the
    /// time it was typed. The journal says which entry the time comes from.
    /// </summary>
    public Task<Result<KeyTimeValue>> SetKeyTimeFromEntryAsync(long incidentId, KeyTime key, long seq, string author, CancellationToken cancellationToken = default) =>
        SetKeyTimeAsync(incidentId, key, null, seq, author, cancellationToken);

    private async Task<Result<KeyTimeValue>> SetKeyTimeAsync(long incidentId, KeyTime key, DateTimeOffset? at, long? fromSeq, string author, CancellationToken cancellationToken)
    {
        if (key == KeyTime.Detection)
        {
            return Problem.Invalid("key", ProblemCode.KeyTimeDetectionIsTheIncidents);
        }

        var now = Time.Truncate(clock.GetUtcNow());
        if (at is { } future && future > now + Limits.ClockSkew)
        {
            return Problem.Invalid("at", ProblemCode.AtInFuture, future);
        }

        var wire = WireName<KeyTime>.Of(key);
        return await database.WriteAsync(async unit =>
        {
            var incident = await IncidentService.GetAsync(unit, incidentId).ConfigureAwait(false);
            if (incident is null)
            {
                return Problem.NotFound(ProblemCode.IncidentNotFound, incidentId);
            }

            if (fromSeq is { } seq)
            {
                var occurred = await unit.Connection.ExecuteScalarAsync<long?>("SELECT occurred_at_us FROM journal_entries WHERE incident_id = @incidentId AND seq = @seq",
                    new { incidentId, seq }, unit.Transaction).ConfigureAwait(false);
                if (occurred is not { } occurredUs)
                {
                    return Problem.Invalid("fromSeq", ProblemCode.KeyTimeEntryNotFound, incidentId, seq);
                }

                at = Time.FromMicros(occurredUs);
                if (at > now + Limits.ClockSkew)
                {
                    return Problem.Invalid("fromSeq", ProblemCode.KeyTimeEntryInFuture, seq, at.Value);
                }
            }

            if (at is { } early && early < incident.DetectedAt)
            {
                return Problem.Invalid("at", ProblemCode.AtBeforeDetection, early, incident.DetectedAt);
            }

            var previous = await unit.Connection.QuerySingleOrDefaultAsync<long?>("SELECT at_us FROM report_key_times WHERE incident_id = @incidentId AND key = @wire",
                new { incidentId, wire }, unit.Transaction).ConfigureAwait(false);
            if (previous is null && at is null)
            {
                return Problem.Conflict("at", ProblemCode.KeyTimeNotByHand, wire);
            }

            if (at is { } same && previous == Time.ToMicros(Time.Truncate(same)))
            {
                return Problem.Conflict("at", ProblemCode.KeyTimeAlreadySet, wire, same);
            }

            var label = FrenchKeyTime(key);
            var source = fromSeq is { } from ? string.Create(CultureInfo.InvariantCulture, $", d'après l'entrée n°{from}") : "";
            var text = at is { } value
                ? $"RETEX — {label} : {LocalTimeText.WithZone(value, Zone)}{source}" + (previous is { } p ? $" (corrigé, auparavant {LocalTimeText.WithZone(Time.FromMicros(p), Zone)})." : ".")
                : $"RETEX — {label} : saisie retirée (auparavant {LocalTimeText.WithZone(Time.FromMicros(previous!.Value), Zone)}), l'heure déduite s'applique.";
            var entry = await changes.RecordAsync(unit, incidentId, author, new NewJournalEntry(JournalKind.Fait, FrenchText.Typeset(text), at, Link: new JournalLink("key_time", wire)),
                new AuditLine("report.key_time", $"incident:{incidentId}/key_time:{wire}", at is { } a ? Time.Canonical(a) : "cleared"), Topic).ConfigureAwait(false);
            if (!entry.IsOk)
            {
                throw new InvalidOperationException(entry.Problem.Message);
            }

            if (at is { } set)
            {
                await unit.Connection.ExecuteAsync(previous is null
                        ? "INSERT INTO report_key_times (incident_id, key, at_us, set_at_us, set_by, journal_seq) VALUES (@incidentId, @wire, @at, @now, @author, @seq)"
                        : "UPDATE report_key_times SET at_us = @at, set_at_us = @now, set_by = @author, journal_seq = @seq WHERE incident_id = @incidentId AND key = @wire",
                    new { incidentId, wire, at = Time.ToMicros(Time.Truncate(set)), now = Time.ToMicros(now), author, seq = entry.Value.Seq }, unit.Transaction).ConfigureAwait(false);
            }
            else
            {
                await unit.Connection.ExecuteAsync("DELETE FROM report_key_times WHERE incident_id = @incidentId AND key = @wire", new { incidentId, wire }, unit.Transaction).ConfigureAwait(false);
            }

            return Result<KeyTimeValue>.Ok(new KeyTimeValue(key, at is { } v ? Time.Truncate(v) : null, null, at is null ? null : author, null, null, at is null ? null : entry.Value.Seq));
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<KeyTimeValue>> KeyTimesAsync(Incident incident, ReportContext context, CancellationToken cancellationToken)
    {
        var t = ReportText.For(context.Culture);
        var manual = await database.ReadAsync(async c => (await c.QueryAsync<ManualRow>(
            "SELECT key AS Key, at_us AS AtUs, set_by AS SetBy, journal_seq AS JournalSeq FROM report_key_times WHERE incident_id = @id", new { id = incident.Id }).ConfigureAwait(false)).ToList(), cancellationToken).ConfigureAwait(false);
        var deduced = new List<KeyTimeCandidate> { new(KeyTime.Detection, incident.DetectedAt, t["SourceIncident"]) };
        // A phase change is recorded when it is made: its recording time is the phase's time (an occurredAt can be
        // backdated, and only IncidentService writes 'phase' links: people cannot claim one, see JournalLink.SystemTypes).
        var phases = await database.ReadAsync(async c => (await c.QueryAsync<PhaseRow>(
            "SELECT link_id AS Phase, MIN(recorded_at_us) AS AtUs, MIN(seq) AS Seq FROM journal_entries WHERE incident_id = @id AND link_type = 'phase' GROUP BY link_id",
            new { id = incident.Id }).ConfigureAwait(false)).ToList(), cancellationToken).ConfigureAwait(false);
        void FromPhase(KeyTime key, IncidentPhase phase)
        {
            if (phases.FirstOrDefault(p => p.Phase == WireName<IncidentPhase>.Of(phase)) is { } row)
            {
                deduced.Add(new KeyTimeCandidate(key, Time.FromMicros(row.AtUs), string.Format(t.Culture, t["SourcePhase"], t["Phase_" + WireName<IncidentPhase>.Of(phase)], row.Seq)));
            }
        }

        FromPhase(KeyTime.Isolement, IncidentPhase.Confinement);
        FromPhase(KeyTime.CelluleCrise, IncidentPhase.Crise);
        if (incident.Phase == IncidentPhase.Cloture)
        {
            // Back to normal only while the incident is closed (a reopened incident is not back to normal).
            FromPhase(KeyTime.RetourNormale, IncidentPhase.Cloture);
        }
        var firstRole = await database.ReadAsync(c => c.ExecuteScalarAsync<long?>("SELECT MIN(assigned_at_us) FROM role_assignments WHERE incident_id = @id", new { id = incident.Id }), cancellationToken).ConfigureAwait(false);
        if (firstRole is { } roleAt)
        {
            deduced.Add(new KeyTimeCandidate(KeyTime.CelluleCrise, Time.FromMicros(roleAt), t["SourceFirstRole"]));
        }

        var isolated = await database.ReadAsync(c => c.ExecuteScalarAsync<long?>(
            "SELECT MIN(i.checked_at_us) FROM checklist_items i JOIN checklists l ON l.id = i.checklist_id WHERE l.incident_id = @id AND i.item_key = 'isoler'", new { id = incident.Id }), cancellationToken).ConfigureAwait(false);
        if (isolated is { } isolatedAt)
        {
            deduced.Add(new KeyTimeCandidate(KeyTime.Isolement, Time.FromMicros(isolatedAt), t["SourceChecklist"]));
        }

        foreach (var contributor in contributors)
        {
            deduced.AddRange(await contributor.KeyTimesAsync(context, cancellationToken).ConfigureAwait(false));
        }

        var result = new List<KeyTimeValue>();
        foreach (var key in Enum.GetValues<KeyTime>())
        {
            // Starts (isolation, cell, closure) take the earliest candidate; ends (reopening, return to normal) the latest.
            var candidates = deduced.Where(d => d.Key == key).ToList();
            var best = key is KeyTime.ReouvertureUrgences or KeyTime.RetourNormale ? candidates.MaxBy(c => c.At) : candidates.MinBy(c => c.At);
            var set = manual.FirstOrDefault(m => m.Key == WireName<KeyTime>.Of(key));
            result.Add(set is not null
                ? new KeyTimeValue(key, Time.FromMicros(set.AtUs), null, set.SetBy, best?.At, best?.Source, set.JournalSeq)
                : new KeyTimeValue(key, best?.At, best?.Source, null, best?.At, best?.Source));
        }

        return result;
    }

    private static string FrenchKeyTime(KeyTime key) => key switch
    {
        KeyTime.Detection => "détection",
        KeyTime.Isolement => "isolement du réseau",
        KeyTime.CelluleCrise => "activation de la cellule de crise",
        KeyTime.FermetureUrgences => "fermeture des urgences",
        KeyTime.ReouvertureUrgences => "réouverture des urgences",
        _ => "retour à la normale",
    };

    private sealed class ManualRow
    {
        public string Key { get; set; } = "";
        public long AtUs { get; set; }
        public string SetBy { get; set; } = "";
        public long? JournalSeq { get; set; }
    }

    private sealed class PhaseRow
    {
        public string Phase { get; set; } = "";
        public long AtUs { get; set; }
        public long Seq { get; set; }
    }
}
