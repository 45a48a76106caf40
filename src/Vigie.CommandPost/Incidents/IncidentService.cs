using Dapper;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Incidents;

/// <summary>Declares incidents, lists them, and changes their phase (each change journaled).</summary>
public sealed class IncidentService(Database database, ChangeRecorder changes, HospitalClock clock)
{
    public const string Topic = "incident";

    public async Task<Result<Incident>> CreateAsync(NewIncident request, string author, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problem = Limits.Text("title", request.Title, Limits.TitleMaxLength) ?? Limits.Text("site", request.Site, Limits.NameMaxLength, required: false);
        var now = Time.Truncate(clock.GetUtcNow());
        if (problem is null && request.DetectedAt is { } detected && detected > now + Limits.ClockSkew)
        {
            problem = Problem.Invalid("detectedAt", ProblemCode.DetectedAtInFuture, detected);
        }

        if (problem is not null)
        {
            return problem;
        }

        return await database.WriteAsync(unit => CreateAsync(unit, request, author), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Declares an incident inside a feature's transaction (an exercise is imported with its scenario in one transaction).
    /// The request must have been checked by <see cref="CreateAsync(NewIncident, string, CancellationToken)"/>'s rules: a
    /// title, a detection not in the future.
    /// </summary>
    public async Task<Result<Incident>> CreateAsync(UnitOfWork unit, NewIncident request, string author)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(request);
        if (Limits.Text("title", request.Title, Limits.TitleMaxLength) is { } problem)
        {
            return problem;
        }

        var now = Time.Truncate(clock.GetUtcNow());
        var detectedAt = Time.Truncate(request.DetectedAt ?? now);
        var id = await unit.Connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO incidents (title, kind, detected_at_us, declared_at_us, phase, severity, site, created_by, journal_count, journal_head, exercise, exercise_marked_from)
            VALUES (@title, @kind, @detected, @declared, @phase, @severity, @site, @author, 0, @genesis, @exercise, @markedFrom) RETURNING id
            """,
            new
            {
                title = request.Title.Trim(),
                kind = WireName<IncidentKind>.Of(request.Kind),
                detected = Time.ToMicros(detectedAt),
                declared = Time.ToMicros(now),
                phase = WireName<IncidentPhase>.Of(IncidentPhase.Detection),
                severity = WireName<Severity>.Of(request.Severity),
                site = string.IsNullOrWhiteSpace(request.Site) ? null : request.Site.Trim(),
                author,
                genesis = JournalChain.Genesis,
                exercise = request.Exercise ? 1 : 0,
                markedFrom = request.Exercise ? 1L : (long?)null,
            },
            unit.Transaction).ConfigureAwait(false);
        var text = FrenchText.Typeset($"{(request.Exercise ? "Exercice de crise déclaré" : "Incident déclaré")} : {request.Title.Trim()} (type {IncidentLabels.French(request.Kind)}, gravité {IncidentLabels.French(request.Severity)}" +
                   (string.IsNullOrWhiteSpace(request.Site) ? ")" : $", site {request.Site.Trim()})") + ".");
        var appended = await changes.RecordAsync(unit, id, author,
            new NewJournalEntry(JournalKind.Decision, text, detectedAt, Link: new JournalLink("incident", id.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            new AuditLine("incident.create", $"incident:{id}", request.Title.Trim()), Topic).ConfigureAwait(false);
        if (!appended.IsOk)
        {
            throw new InvalidOperationException(appended.Problem.Message);
        }

        return Result<Incident>.Ok((await GetAsync(unit, id).ConfigureAwait(false))!);
    }

    public Task<IReadOnlyList<Incident>> ListAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<Incident>>(async connection =>
            (await connection.QueryAsync<IncidentRow>($"SELECT {IncidentRow.Columns} FROM incidents ORDER BY id DESC").ConfigureAwait(false))
                .Select(r => r.ToIncident()).ToList(), cancellationToken);

    public Task<Incident?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async connection =>
            (await connection.QuerySingleOrDefaultAsync<IncidentRow>($"SELECT {IncidentRow.Columns} FROM incidents WHERE id = @id", new { id }).ConfigureAwait(false))?.ToIncident(),
            cancellationToken);

    public static async Task<Incident?> GetAsync(UnitOfWork unit, long id)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var row = await unit.Connection.QuerySingleOrDefaultAsync<IncidentRow>(
            $"SELECT {IncidentRow.Columns} FROM incidents WHERE id = @id", new { id }, unit.Transaction).ConfigureAwait(false);
        return row?.ToIncident();
    }

    /// <summary>Moves the incident to another phase and journals the decision. Same phase: a conflict.</summary>
    public Task<Result<Incident>> ChangePhaseAsync(long id, IncidentPhase phase, string author, CancellationToken cancellationToken = default) =>
        ChangePhaseAsync(id, phase, null, author, cancellationToken);

    /// <summary>
    /// Moves the incident to another phase as of <paramref name="effectiveAt"/> when it is recorded late (the network
    /// was isolated at 03:00, noted at 05:50): the journal entry's occurredAt, from which the RETEX's key times come.
    /// Never in the future, never before the detection.
    /// </summary>
    public Task<Result<Incident>> ChangePhaseAsync(long id, IncidentPhase phase, DateTimeOffset? effectiveAt, string author, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async unit =>
        {
            var incident = await GetAsync(unit, id).ConfigureAwait(false);
            if (incident is null)
            {
                return Problem.NotFound(ProblemCode.IncidentNotFound, id);
            }

            if (incident.Phase == phase)
            {
                return Problem.Conflict("phase", ProblemCode.PhaseAlreadySet, id, phase);
            }

            var now = Time.Truncate(clock.GetUtcNow());
            var effective = Time.Truncate(effectiveAt ?? now);
            if (effective > now + Limits.ClockSkew)
            {
                return Problem.Invalid("effectiveAt", ProblemCode.EffectiveAtInFuture, effective);
            }

            if (effective < incident.DetectedAt)
            {
                return Problem.Invalid("effectiveAt", ProblemCode.EffectiveAtBeforeDetection, effective, incident.DetectedAt);
            }

            var late = effective < now - Limits.ClockSkew ? $" Heure effective : {clock.TextWithZone(effective)}, saisie le {clock.Text(now)}." : "";
            var appended = await changes.RecordAsync(unit, id, author, new NewJournalEntry(JournalKind.Decision,
                FrenchText.Typeset($"Changement de phase : {IncidentLabels.French(incident.Phase)} → {IncidentLabels.French(phase)}.{late}"), effective,
                Link: new JournalLink("phase", WireName<IncidentPhase>.Of(phase))),
                new AuditLine("incident.phase", $"incident:{id}", WireName<IncidentPhase>.Of(phase)), Topic).ConfigureAwait(false);
            if (!appended.IsOk)
            {
                return appended.Problem;
            }

            await unit.Connection.ExecuteAsync("UPDATE incidents SET phase = @phase WHERE id = @id",
                new { id, phase = WireName<IncidentPhase>.Of(phase) }, unit.Transaction).ConfigureAwait(false);
            return Result<Incident>.Ok((await GetAsync(unit, id).ConfigureAwait(false))!);
        }, cancellationToken);
}
