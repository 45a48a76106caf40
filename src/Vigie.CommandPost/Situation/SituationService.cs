using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using Vigie.CommandPost.Actions;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Continuity.Board;
using Vigie.CommandPost.Continuity.Diversions;
using Vigie.CommandPost.Continuity.Sites;
using Vigie.CommandPost.Deadlines;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Overview;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Situation;

/// <summary>
/// Takes situation points on demand: the figures of the crisis board (services, diversions, desk counts, deadlines),
/// the open actions, the director's assessment and the next point's time; a snapshot stored as JSON and a journal entry
/// that says all of it in French, in one transaction.
/// </summary>
public sealed class SituationService(Database database, ChangeRecorder changes, HospitalClock clock, OverviewService overview)
{
    public const string Topic = "situation";
    public const int AssessmentMaxLength = 4_000;

    /// <summary>The next point is announced at most this far ahead.</summary>
    public static readonly TimeSpan MaxNextPoint = TimeSpan.FromDays(7);

    private const int Latest = 5;
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) } };

    public Task<Result<SituationPoint>> TakeAsync(long incidentId, string author, CancellationToken cancellationToken = default) =>
        TakeAsync(incidentId, new SituationInput(), author, cancellationToken);

    public async Task<Result<SituationPoint>> TakeAsync(long incidentId, SituationInput input, string author, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Limits.Text("assessment", input.Assessment, AssessmentMaxLength, required: false) is { } tooLong)
        {
            return tooLong;
        }

        var start = Time.Truncate(clock.GetUtcNow());
        if (input.NextPointAt is { } next && (next <= start || next > start + MaxNextPoint))
        {
            return Problem.Invalid("nextPointAt", ProblemCode.NextPointOutOfRange, next, (int)MaxNextPoint.TotalDays);
        }

        // The board's figures, read just before the point is written (read-only, outside the write lock).
        var board = await overview.ReadAllAsync(incidentId, start, cancellationToken).ConfigureAwait(false);
        if (board is null)
        {
            return Problem.NotFound(ProblemCode.IncidentNotFound, incidentId);
        }

        return await database.WriteAsync(async unit =>
        {
            var incident = await IncidentService.GetAsync(unit, incidentId).ConfigureAwait(false);
            if (incident is null)
            {
                return Problem.NotFound(ProblemCode.IncidentNotFound, incidentId);
            }

            var now = Time.Truncate(clock.GetUtcNow());
            var actions = (await unit.Connection.QueryAsync<ActionRow>(
                "SELECT id AS Id, title AS Title, owner AS Owner, due_at_us AS DueAtUs, status AS Status, created_at_us AS CreatedAtUs, created_by AS CreatedBy, updated_at_us AS UpdatedAtUs FROM actions WHERE incident_id = @incidentId AND status IN ('a_faire', 'en_cours') ORDER BY due_at_us, id",
                new { incidentId }, unit.Transaction).ConfigureAwait(false))
                .Select(r => new CrisisAction(r.Id, incidentId, r.Title, r.Owner, r.DueAtUs is { } d ? Time.FromMicros(d) : null, WireName<ActionStatus>.Parse(r.Status), Time.FromMicros(r.CreatedAtUs), r.CreatedBy, Time.FromMicros(r.UpdatedAtUs)))
                .ToList();
            var overdue = actions.Where(a => a.IsOverdue(now)).Select(a => a.Id).ToList();
            var facts = await JournalService.ListAsync(unit.Connection, incidentId, new JournalQuery(Limit: Latest, Kind: JournalKind.Fait, NewestFirst: true)).ConfigureAwait(false);
            var decisions = await JournalService.ListAsync(unit.Connection, incidentId, new JournalQuery(Limit: Latest, Kind: JournalKind.Decision, NewestFirst: true)).ConfigureAwait(false);
            var number = (int)await unit.Connection.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(number), 0) + 1 FROM situation_points WHERE incident_id = @incidentId", new { incidentId }, unit.Transaction).ConfigureAwait(false);

            var services = board.Down.Select(s => new SituationServiceLine(s.Site, s.Name, s.Category, s.Status, s.Reason, s.Since, s.NextReviewAt, s.IsOverdue(now))).ToList();
            var diversions = board.Diversions.Select(d => new SituationDiversion(d.Id, d.SiteName, d.ServiceName, d.Category, d.CustomCategory, d.StartedAt, d.PlannedEndAt,
                d.NextReviewAt, d.IsReviewOverdue(now))).ToList();
            var deadlines = board.Deadlines.Concat(board.Sent).Select(d => new SituationDeadline(d.Rule.Id, d.Rule.Name, d.Rule.NameEn, d.Rule.Authority, d.Rule.AuthorityEn,
                d.Status, d.Applicability, d.Rule.WithoutDelay, d.DueAt, d.StartAssumed, d.Sent?.SentAt, d.Sent?.Reference,
                d.SentAfterStart is { } after ? (long)after.TotalMinutes : null)).ToList();
            var assessment = string.IsNullOrWhiteSpace(input.Assessment) ? null : input.Assessment.Trim();
            var nextPoint = input.NextPointAt is { } n ? Time.Truncate(n) : (DateTimeOffset?)null;
            var text = JournalText(number, incident, services, board, diversions, deadlines, actions.Count, overdue.Count, assessment, nextPoint);
            var entry = await changes.RecordAsync(unit, incidentId, author, new NewJournalEntry(JournalKind.Note, text, Link: new JournalLink("situation", number.ToString(CultureInfo.InvariantCulture))),
                new AuditLine("situation.take", $"incident:{incidentId}", number.ToString(CultureInfo.InvariantCulture)), Topic).ConfigureAwait(false);
            if (!entry.IsOk)
            {
                throw new InvalidOperationException(entry.Problem.Message);
            }

            var point = new SituationPoint(0, incidentId, number, now, author, entry.Value.Seq, incident.Title, incident.Phase, incident.Severity, actions, overdue, facts, decisions, entry.Value.Seq, entry.Value.Hash)
            {
                DetectedAt = incident.DetectedAt,
                Assessment = assessment,
                NextPointAt = nextPoint,
                Services = services,
                ClinicalTotal = board.ClinicalTotal,
                ItTotal = board.ItTotal,
                Diversions = diversions,
                Patients = board.Desk,
                Deadlines = deadlines,
            };
            var id = await unit.Connection.ExecuteScalarAsync<long>(
                "INSERT INTO situation_points (incident_id, number, created_at_us, author, journal_seq, snapshot, next_point_at_us) VALUES (@incidentId, @number, @at, @author, @seq, @snapshot, @next) RETURNING id",
                new { incidentId, number, at = Time.ToMicros(now), author, seq = entry.Value.Seq, snapshot = JsonSerializer.Serialize(point, s_json), next = nextPoint is { } x ? Time.ToMicros(x) : (long?)null },
                unit.Transaction).ConfigureAwait(false);
            return Result<SituationPoint>.Ok(point with { Id = id });
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<SituationPoint>> ListAsync(long incidentId, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<SituationPoint>>(async c =>
            (await c.QueryAsync<PointRow>("SELECT id AS Id, snapshot AS Snapshot FROM situation_points WHERE incident_id = @incidentId ORDER BY number DESC", new { incidentId }).ConfigureAwait(false))
            .Select(r => r.ToPoint()).ToList(), cancellationToken);

    public Task<SituationPoint?> GetAsync(long incidentId, int number, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async c =>
            (await c.QuerySingleOrDefaultAsync<PointRow>("SELECT id AS Id, snapshot AS Snapshot FROM situation_points WHERE incident_id = @incidentId AND number = @number", new { incidentId, number }).ConfigureAwait(false))?.ToPoint(),
            cancellationToken);

    /// <summary>The journal's account of the point (French, local times): everything the ARS would read in it.</summary>
    private string JournalText(int number, Incident incident, List<SituationServiceLine> services, CrisisOverview board, List<SituationDiversion> diversions,
        List<SituationDeadline> deadlines, int openActions, int overdueActions, string? assessment, DateTimeOffset? nextPoint)
    {
        var times = clock.ForText();
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"Point de situation n°{number} : phase {IncidentLabels.French(incident.Phase)}, gravité {IncidentLabels.French(incident.Severity)}."));
        var clinical = services.Where(s => s.Category == ServiceCategory.Clinique).ToList();
        var it = services.Where(s => s.Category == ServiceCategory.Si).ToList();
        text.Append(CultureInfo.InvariantCulture, $" Services de soins hors normale : {clinical.Count}/{board.ClinicalTotal}");
        text.Append(clinical.Count == 0 ? "." : " (" + string.Join(", ", clinical.Select(s => $"{s.Name} {BoardStore.StatusText(s.Status, s.Category)}")) + ").");
        text.Append(CultureInfo.InvariantCulture, $" Systèmes d'information hors normale : {it.Count}/{board.ItTotal}");
        text.Append(it.Count == 0 ? "." : " (" + string.Join(", ", it.Select(s => $"{s.Name} {BoardStore.StatusText(s.Status, s.Category)}")) + ").");
        var lateReviews = services.Count(s => s.ReviewOverdue) + diversions.Count(d => d.ReviewOverdue);
        if (lateReviews > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" Réévaluations en retard : {lateReviews}.");
        }

        text.Append(diversions.Count == 0
            ? " Aucun délestage en cours."
            : " Délestage(s) : " + string.Join(" ; ", diversions.Select(d =>
                $"{d.Unit} ({d.Site}), {Diversion.Describe(d.Category, d.CustomCategory)}, prochaine réévaluation {times.At(d.NextReviewAt)}")) + ".");
        var p = board.Desk;
        text.Append(CultureInfo.InvariantCulture,
            $" Patients accueillis au poste : {p.Total}, dont {p.Redirected} réorientés et {p.KeptOnSite} pris en charge sur place (tri 1 : {p.ByTriage[0]}, tri 2 : {p.ByTriage[1]}, tri 3 : {p.ByTriage[2]}, tri 4 : {p.ByTriage[3]}, tri 5 : {p.ByTriage[4]}).");
        var owed = deadlines.Where(d => d.SentAt is null).ToList();
        if (owed.Count > 0)
        {
            text.Append(" Échéances dues : " + string.Join(" ; ", owed.Select(d => $"{d.Name} ({d.Authority}) — {DeadlineText(d, times)}")) + ".");
        }

        var sent = deadlines.Where(d => d.SentAt is not null).ToList();
        if (sent.Count > 0)
        {
            text.Append(" Envoyées : " + string.Join(" ; ", sent.Select(d => $"{d.Name} le {times.At(d.SentAt!.Value)}" +
                (d.SentAfterStartMinutes is { } m ? $" ({LocalTimeText.Duration(TimeSpan.FromMinutes(m))} après le départ)" : d.Status == DeadlineStatus.EnvoyeeEnRetard ? " (hors délai)" : ""))) + ".");
        }

        text.Append(CultureInfo.InvariantCulture, $" Actions ouvertes : {openActions}, dont {overdueActions} en retard.");
        if (assessment is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" Appréciation du directeur : « {assessment} »");
        }

        if (nextPoint is { } next)
        {
            text.Append(CultureInfo.InvariantCulture, $" Prochain point : {times.At(next)}.");
        }

        return FrenchText.Typeset(text.ToString());
    }

    private static string DeadlineText(SituationDeadline d, JournalTimes times)
    {
        var assumed = d.StartAssumed ? " (comptée depuis la détection)" : "";
        return d.Status switch
        {
            DeadlineStatus.SansDelai => "due sans délai" + assumed,
            DeadlineStatus.Depassee => $"DÉPASSÉE depuis le {times.At(d.DueAt!.Value)}{assumed}",
            DeadlineStatus.EnAttente => "en attente de son événement de départ",
            _ => $"échéance le {times.At(d.DueAt!.Value)}{assumed}" + (d.Applicability == Applicability.ToConfirm ? ", applicabilité à confirmer" : ""),
        };
    }

    private sealed class PointRow
    {
        public long Id { get; set; }
        public string Snapshot { get; set; } = "";

        public SituationPoint ToPoint() => JsonSerializer.Deserialize<SituationPoint>(Snapshot, s_json)! with { Id = Id };
    }

    private sealed class ActionRow
    {
        public long Id { get; set; }
        public string Title { get; set; } = "";
        public string Owner { get; set; } = "";
        public long? DueAtUs { get; set; }
        public string Status { get; set; } = "";
        public long CreatedAtUs { get; set; }
        public string CreatedBy { get; set; } = "";
        public long UpdatedAtUs { get; set; }
    }
}
