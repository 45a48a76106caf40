using System.Data.Common;
using System.Globalization;
using Dapper;
using Vigie.CommandPost.Audit;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Continuity.Facilities;
using Vigie.CommandPost.Continuity.Sites;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Continuity.Redirections;

/// <summary>
/// The patient redirection desk of an incident: suggests destinations, records redirections (journaled without any
/// patient data; a closed destination is refused; triage 1 is never sent away), and reads them back. Patient data is
/// read only through here, and every read is audited.
/// </summary>
public sealed partial class RedirectionService(Database database, ChangeRecorder changes, AuditLog audit, HospitalClock clock)
{
    public const int MaxArrivalAgeHours = 48;

    private const string Columns =
        "r.id AS Id, r.incident_id AS IncidentId, r.number AS Number, r.site_id AS SiteId, st.name AS SiteName, r.arrived_at_us AS ArrivedAtUs, " +
        "r.recorded_at_us AS RecordedAtUs, r.initials AS Initials, r.birth_year AS BirthYear, r.sex AS Sex, r.reason AS Reason, r.triage AS Triage, " +
        "r.ambulatory AS Ambulatory, r.need AS Need, r.outcome AS Outcome, r.facility_id AS FacilityId, r.dest_name AS DestName, r.dest_finess AS DestFiness, " +
        "r.dest_address AS DestAddress, r.dest_phone AS DestPhone, r.distance_km AS DistanceKm, r.drive_minutes AS DriveMinutes, r.transport AS Transport, " +
        "r.created_by AS CreatedBy, r.journal_seq AS JournalSeq";

    private const string From = "redirections r JOIN sites st ON st.id = r.site_id";

    private int CurrentYear => clock.Local(clock.GetUtcNow()).Year;

    /// <summary>Ranks the destinations for a patient arriving at a site (no patient data is stored or audited here).</summary>
    public async Task<Result<DestinationSuggestions>> SuggestAsync(long siteId, PatientNeed? need, int birthYear, CancellationToken cancellationToken = default)
    {
        if (PatientDataRules.BirthYear(birthYear, CurrentYear) is { } problem)
        {
            return problem;
        }

        return await database.ReadAsync<Result<DestinationSuggestions>>(async c =>
        {
            var site = await SiteCatalogService.GetSiteAsync(c, null, siteId).ConfigureAwait(false);
            if (site is null || !site.Active)
            {
                return Problem.Invalid("siteId", ProblemCode.SiteUnknown, siteId);
            }

            var facilities = await FacilityService.ListAsync(c, null).ConfigureAwait(false);
            return DestinationRanker.Rank(site, facilities, DestinationRanker.ResolveNeed(need, birthYear, CurrentYear));
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks the patient part of what the desk typed (arrival, identification, reason, triage, need), before any
    /// destination is chosen; returns the need resolved from the birth year when none was given.
    /// </summary>
    public Problem? ValidatePatient(NewRedirection request, out PatientNeed need, out string initials)
    {
        ArgumentNullException.ThrowIfNull(request);
        need = default;
        initials = "";
        var now = clock.GetUtcNow();
        if (request.SiteId is null)
        {
            return Problem.Invalid("siteId", ProblemCode.ArrivalSiteRequired);
        }

        var arrived = Time.Truncate(request.ArrivedAt ?? now);
        if (arrived > now + Limits.ClockSkew)
        {
            return Problem.Invalid("arrivedAt", ProblemCode.ArrivedAtInFuture, arrived);
        }

        if (arrived < now.AddHours(-MaxArrivalAgeHours))
        {
            return Problem.Invalid("arrivedAt", ProblemCode.ArrivedAtTooOld, arrived, MaxArrivalAgeHours);
        }

        if (PatientDataRules.Initials(request.Initials, out initials) is { } initialsProblem)
        {
            return initialsProblem;
        }

        if (PatientDataRules.BirthYear(request.BirthYear, CurrentYear) is { } yearProblem)
        {
            return yearProblem;
        }

        if (!WireName<Sex>.TryParse(request.Sex, out _))
        {
            return WireName<Sex>.ParseField("sex", request.Sex).Problem;
        }

        if (PatientDataRules.Reason(request.Reason) is { } reasonProblem)
        {
            return reasonProblem;
        }

        if (request.Triage is not (>= 1 and <= 5))
        {
            return Problem.Invalid("triage", ProblemCode.TriageRequired);
        }

        if (request.Ambulatory is null && request.Triage != 1)
        {
            return Problem.Invalid("ambulatory", ProblemCode.AmbulatoryRequired);
        }

        if (SubmissionKeyProblem(request.SubmissionKey) is { } keyProblem)
        {
            return keyProblem;
        }

        PatientNeed? chosen = null;
        if (!string.IsNullOrWhiteSpace(request.Need))
        {
            var parsed = WireName<PatientNeed>.ParseField("need", request.Need);
            if (!parsed.IsOk)
            {
                return parsed.Problem;
            }

            chosen = parsed.Value;
        }

        need = DestinationRanker.ResolveNeed(chosen, request.BirthYear!.Value, CurrentYear);
        return null;
    }

    /// <summary>Checks everything the desk typed that needs no database: identity rules, triage, destination and transport.</summary>
    public Problem? Validate(NewRedirection request, out ValidRedirection? valid)
    {
        ArgumentNullException.ThrowIfNull(request);
        valid = null;
        if (ValidatePatient(request, out var resolved, out var initials) is { } patientProblem)
        {
            return patientProblem;
        }

        var arrived = Time.Truncate(request.ArrivedAt ?? clock.GetUtcNow());
        var sex = WireName<Sex>.Parse(request.Sex!);
        if (request.Triage == 1)
        {
            if (request.FacilityId is not null || !string.IsNullOrWhiteSpace(request.Transport))
            {
                return Problem.Invalid("triage", ProblemCode.Triage1KeptOnSite);
            }

            // A vital emergency does not travel: "own means" is not asked, and recorded as no.
            valid = new ValidRedirection(request.SiteId!.Value, arrived, initials, request.BirthYear!.Value, sex, request.Reason!.Trim(), 1, request.Ambulatory ?? false,
                resolved, RedirectionOutcome.UrgenceVitaleSurPlace, null, null, request.SubmissionKey);
            return null;
        }

        if (request.FacilityId is null)
        {
            return Problem.Invalid("facilityId", ProblemCode.DestinationRequired);
        }

        var transport = WireName<Transport>.ParseField("transport", request.Transport);
        if (!transport.IsOk)
        {
            return transport.Problem;
        }

        if (transport.Value == Redirections.Transport.MoyensPropres && request.Ambulatory == false)
        {
            return Problem.Invalid("transport", ProblemCode.TransportNotAmbulatory);
        }

        if (transport.Value == Redirections.Transport.MoyensPropres && request.Triage == 2)
        {
            return Problem.Invalid("transport", ProblemCode.TransportTriage2);
        }

        valid = new ValidRedirection(request.SiteId!.Value, arrived, initials, request.BirthYear!.Value, sex, request.Reason!.Trim(), request.Triage!.Value,
            request.Ambulatory!.Value, resolved, RedirectionOutcome.Reoriente, request.FacilityId, transport.Value, request.SubmissionKey);
        return null;
    }

    public async Task<Result<Redirection>> CreateAsync(long incidentId, NewRedirection request, string author, CancellationToken cancellationToken = default)
    {
        if (Validate(request, out var valid) is { } problem)
        {
            return problem;
        }

        return await database.WriteAsync(async unit =>
        {
            var incident = await unit.Connection.QuerySingleOrDefaultAsync<IncidentLock>(
                unit.Sql("SELECT phase AS Phase FROM incidents WHERE id = @incidentId", "SELECT phase AS Phase FROM incidents WHERE id = @incidentId FOR UPDATE"),
                new { incidentId }, unit.Transaction).ConfigureAwait(false);
            if (incident is null)
            {
                return Problem.NotFound(ProblemCode.IncidentNotFound, incidentId);
            }

            // The same submission again (queued while the server was away, or a retry): answer with what was recorded.
            // The incident row is locked above (PostgreSQL) or the write lock held (SQLite), so two copies cannot both pass.
            if (valid!.SubmissionKey is { } key &&
                await unit.Connection.QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM {From} WHERE r.incident_id = @incidentId AND r.submission_key = @key",
                    new { incidentId, key }, unit.Transaction).ConfigureAwait(false) is { } already)
            {
                await audit.WriteAsync(unit, author, "redirection.replay", $"incident:{incidentId}/redirection:{already.Number}", "same submission key, nothing recorded").ConfigureAwait(false);
                return Result<Redirection>.Ok(already.ToRedirection() with { Replayed = true });
            }

            if (incident.Phase == WireName<IncidentPhase>.Of(IncidentPhase.Cloture))
            {
                return Problem.Conflict(null, ProblemCode.IncidentClosed, incidentId);
            }

            var site = await SiteCatalogService.GetSiteAsync(unit.Connection, unit.Transaction, valid.SiteId).ConfigureAwait(false);
            if (site is null || !site.Active)
            {
                return Problem.Invalid("siteId", ProblemCode.SiteUnknown, valid.SiteId);
            }

            Facility? facility = null;
            double? distance = null;
            int? minutes = null;
            if (valid.FacilityId is { } facilityId)
            {
                facility = await FacilityService.GetAsync(unit.Connection, unit.Transaction, facilityId).ConfigureAwait(false);
                if (facility is null)
                {
                    return Problem.Invalid("facilityId", ProblemCode.FacilityNotInDirectory, facilityId);
                }

                if (facility.Id == site.FacilityId)
                {
                    return Problem.Invalid("facilityId", ProblemCode.FacilityIsOwnSite, facility.Name);
                }

                if (facility.Status == FacilityStatus.Ferme)
                {
                    return (facility.StatusAt is { } closedAt ? Problem.Conflict("facilityId", ProblemCode.FacilityClosedSince, facility.Name, closedAt) : Problem.Conflict("facilityId", ProblemCode.FacilityClosed, facility.Name));
                }

                distance = Math.Round(site.Position.DistanceKm(facility.Position), 1);
                minutes = Geo.DriveEstimate.Minutes(site.Position.DistanceKm(facility.Position));
            }

            var number = (int)await unit.Connection.ExecuteScalarAsync<long>(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM redirections WHERE incident_id = @incidentId", new { incidentId }, unit.Transaction).ConfigureAwait(false);
            var text = FrenchText.Typeset(valid.Outcome == RedirectionOutcome.UrgenceVitaleSurPlace
                ? $"Exception urgence vitale n°{number} ({site.Name}) : patient tri 1 arrivé le {clock.TextWithZone(valid.ArrivedAt)}, pris en charge sur place, non réorienté."
                : string.Create(FrenchText.Culture,
                    $"Réorientation n°{number} ({site.Name}) : tri {valid.Triage}, {NeedText(valid.Need)} → {facility!.Name}, {TransportText(valid.Transport!.Value)} ({distance:0.#} km, environ {minutes} min)."));
            var entry = await changes.RecordAsync(unit, incidentId, author, new NewJournalEntry(JournalKind.Fait, text, valid.ArrivedAt,
                Link: new JournalLink("redirection", number.ToString(CultureInfo.InvariantCulture))),
                new AuditLine("redirection.create", $"incident:{incidentId}/redirection:{number}",
                valid.Outcome == RedirectionOutcome.UrgenceVitaleSurPlace ? "tri 1, kept on site" : $"tri {valid.Triage} → facility:{facility!.Id}"), ContinuityTopics.Redirections).ConfigureAwait(false);
            if (!entry.IsOk)
            {
                throw new InvalidOperationException(entry.Problem.Message);
            }

            var now = Time.Truncate(clock.GetUtcNow());
            var id = await unit.Connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO redirections (incident_id, number, site_id, arrived_at_us, recorded_at_us, initials, birth_year, sex, reason, triage, ambulatory, need, outcome,
                    facility_id, dest_name, dest_finess, dest_address, dest_phone, distance_km, drive_minutes, transport, created_by, journal_seq, submission_key)
                VALUES (@incidentId, @number, @siteId, @arrived, @now, @initials, @birthYear, @sex, @reason, @triage, @ambulatory, @need, @outcome,
                    @facilityId, @destName, @destFiness, @destAddress, @destPhone, @distance, @minutes, @transport, @author, @seq, @submissionKey) RETURNING id
                """,
                new
                {
                    incidentId,
                    number,
                    siteId = site.Id,
                    arrived = Time.ToMicros(valid.ArrivedAt),
                    now = Time.ToMicros(now),
                    initials = valid.Initials,
                    birthYear = valid.BirthYear,
                    sex = WireName<Sex>.Of(valid.Sex),
                    reason = valid.Reason,
                    triage = valid.Triage,
                    ambulatory = valid.Ambulatory ? 1 : 0,
                    need = WireName<PatientNeed>.Of(valid.Need),
                    outcome = WireName<RedirectionOutcome>.Of(valid.Outcome),
                    facilityId = facility?.Id,
                    destName = facility?.Name,
                    destFiness = facility?.Finess,
                    destAddress = facility?.FullAddress,
                    destPhone = facility?.BestPhone,
                    distance,
                    minutes,
                    transport = valid.Transport is { } t ? WireName<Transport>.Of(t) : null,
                    author,
                    seq = entry.Value.Seq,
                    submissionKey = valid.SubmissionKey,
                }, unit.Transaction).ConfigureAwait(false);
            return Result<Redirection>.Ok(new Redirection(id, incidentId, number, site.Id, site.Name, valid.ArrivedAt, now, valid.Initials, valid.BirthYear, valid.Sex, valid.Reason,
                valid.Triage, valid.Ambulatory, valid.Need, valid.Outcome, facility?.Id, facility?.Name, facility?.Finess, facility?.FullAddress, facility?.BestPhone,
                distance, minutes, valid.Transport, author, entry.Value.Seq));
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The incident's redirections, newest first, for someone allowed to see patient data; the read is audited.</summary>
    public Task<IReadOnlyList<Redirection>> ListAsync(long incidentId, string reader, int limit = 500, CancellationToken cancellationToken = default) =>
        database.WriteAsync<IReadOnlyList<Redirection>>(async unit =>
        {
            var rows = (await unit.Connection.QueryAsync<Row>(
                $"SELECT {Columns} FROM {From} WHERE r.incident_id = @incidentId ORDER BY r.number DESC LIMIT @limit",
                new { incidentId, limit = Math.Clamp(limit, 1, 10_000) }, unit.Transaction).ConfigureAwait(false)).Select(r => r.ToRedirection()).ToList();
            await audit.WriteAsync(unit, reader, "redirection.list", $"incident:{incidentId}", string.Create(CultureInfo.InvariantCulture, $"{rows.Count} redirection(s)")).ConfigureAwait(false);
            return rows;
        }, cancellationToken);

    /// <summary>One redirection by its number in the incident; the read is audited with its purpose (read, slip).</summary>
    public Task<Redirection?> GetAsync(long incidentId, int number, string reader, string purpose = "read", CancellationToken cancellationToken = default) =>
        database.WriteAsync(async unit =>
        {
            var row = (await unit.Connection.QuerySingleOrDefaultAsync<Row>(
                $"SELECT {Columns} FROM {From} WHERE r.incident_id = @incidentId AND r.number = @number", new { incidentId, number }, unit.Transaction).ConfigureAwait(false))?.ToRedirection();
            if (row is not null)
            {
                await audit.WriteAsync(unit, reader, $"redirection.{purpose}", $"incident:{incidentId}/redirection:{number}").ConfigureAwait(false);
            }

            return row;
        }, cancellationToken);

    /// <summary>A submission key is optional; when given, 8 to 64 characters among letters, digits, '-' and '_' (a UUID fits).</summary>
    internal static Problem? SubmissionKeyProblem(string? key)
    {
        if (key is null)
        {
            return null;
        }

        if (key.Length is < 8 or > 64)
        {
            return Problem.Invalid("submissionKey", ProblemCode.SubmissionKeyLength);
        }

        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return Problem.Invalid("submissionKey", ProblemCode.SubmissionKeyCharacters);
            }
        }

        return null;
    }

    /// <summary>How the journal names a need (French).</summary>
    public static string NeedText(PatientNeed need) => need switch
    {
        PatientNeed.UrgencesAdultes => "urgences adultes",
        PatientNeed.UrgencesPediatriques => "urgences pédiatriques",
        PatientNeed.Maternite => "maternité",
        PatientNeed.Avc => "suspicion d'AVC",
        PatientNeed.TraumatismeGrave => "traumatisme grave",
        PatientNeed.Psychiatrie => "psychiatrie",
        PatientNeed.Brulure => "brûlure",
        _ => "cardiologie",
    };

    public static string TransportText(Transport transport) => transport switch
    {
        Redirections.Transport.MoyensPropres => "moyens propres",
        Redirections.Transport.Ambulance => "ambulance",
        _ => "SMUR / SAMU appelé",
    };

    private sealed class IncidentLock
    {
        public string Phase { get; set; } = "";
    }

    private sealed class Row
    {
        public long Id { get; set; }
        public long IncidentId { get; set; }
        public long Number { get; set; }
        public long SiteId { get; set; }
        public string SiteName { get; set; } = "";
        public long ArrivedAtUs { get; set; }
        public long RecordedAtUs { get; set; }
        public string Initials { get; set; } = "";
        public long BirthYear { get; set; }
        public string Sex { get; set; } = "";
        public string Reason { get; set; } = "";
        public long Triage { get; set; }
        public long Ambulatory { get; set; }
        public string Need { get; set; } = "";
        public string Outcome { get; set; } = "";
        public long? FacilityId { get; set; }
        public string? DestName { get; set; }
        public string? DestFiness { get; set; }
        public string? DestAddress { get; set; }
        public string? DestPhone { get; set; }
        public double? DistanceKm { get; set; }
        public long? DriveMinutes { get; set; }
        public string? Transport { get; set; }
        public string CreatedBy { get; set; } = "";
        public long JournalSeq { get; set; }

        public Redirection ToRedirection() => new(Id, IncidentId, (int)Number, SiteId, SiteName, Time.FromMicros(ArrivedAtUs), Time.FromMicros(RecordedAtUs), Initials, (int)BirthYear,
            WireName<Sex>.Parse(Sex), Reason, (int)Triage, Ambulatory != 0, WireName<PatientNeed>.Parse(Need), WireName<RedirectionOutcome>.Parse(Outcome), FacilityId,
            DestName, DestFiness, DestAddress, DestPhone, DistanceKm, DriveMinutes is { } m ? (int)m : null,
            Transport is { } t ? WireName<Redirections.Transport>.Parse(t) : null, CreatedBy, JournalSeq);
    }
}
