using System.Globalization;
using Dapper;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Continuity.Board;
using Vigie.CommandPost.Continuity.Diversions;
using Vigie.CommandPost.Continuity.Redirections;
using Vigie.CommandPost.Continuity.Sites;
using Vigie.CommandPost.Deadlines;
using Vigie.CommandPost.Reports;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Continuity.Reports;

/// <summary>
/// Continuity of care's part of the post-incident report (RETEX) and of the notification drafts: the isolation (the
/// first IT system stopped), the emergency department's closure and reopening times (from the services board and the
/// diversions, at the times the changes took effect), one line per affected
/// service or system for the drafts, the services downtime table (section <c>services_downtime</c>, order 30) and
/// the redirected patients summary with the diversions (section <c>redirections</c>, order 40). Reads counts and
/// periods only, never a patient's identification.
/// </summary>
public sealed class ContinuityReportContributor(Database database, DiversionService diversions, RedirectionService redirections) : IReportContributor
{
    public async Task<IReadOnlyList<KeyTimeCandidate>> KeyTimesAsync(ReportContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var periods = await PeriodsAsync(context.Incident.Id, cancellationToken).ConfigureAwait(false);
        var list = await diversions.ListAsync(context.Incident.Id, cancellationToken).ConfigureAwait(false);
        var emergency = periods.Where(p => p.Emergency && p.Clinical && p.Worst is ServiceStatus.Ferme or ServiceStatus.Diversion).ToList();
        var emergencyIds = (await EmergencyServiceIdsAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();
        var emergencyDiversions = list.Where(d => emergencyIds.Contains(d.ServiceId)).ToList();
        var en = context.English;
        var result = new List<KeyTimeCandidate>();

        // Closure: the first time an emergency department was closed or put on diversion (a diversion may start
        // earlier than it was recorded).
        var closures = emergency.Select(p => (At: p.ClosedAt ?? p.Start, Source: en ? $"services board: {p.Service}" : $"tableau des services : {p.Service}"))
            .Concat(emergencyDiversions.Select(d => (At: d.StartedAt, Source: en ? $"diversion n°{d.Id} ({d.ServiceName})" : $"délestage n°{d.Id} ({d.ServiceName})")))
            .ToList();
        if (closures.Count > 0)
        {
            var first = closures.MinBy(c => c.At);
            result.Add(new KeyTimeCandidate(KeyTime.FermetureUrgences, first.At, first.Source));
        }

        // Isolation: the first IT system stopped on the board, at the time it really happened (a grouped, backdated
        // change says "every IT system stopped at 03:00", whenever it was typed).
        var stopped = periods.Where(p => !p.Clinical && p.ClosedAt is not null).MinBy(p => p.ClosedAt);
        if (stopped is not null)
        {
            result.Add(new KeyTimeCandidate(KeyTime.Isolement, stopped.ClosedAt!.Value,
                en ? $"services board: {stopped.Service} stopped" : $"tableau des services : {stopped.Service} arrêté"));
        }

        // Reopening: once no emergency department is closed or diverted any more, the last time one reopened.
        var stillClosed = emergency.Any(p => p.End is null && p.Current is ServiceStatus.Ferme or ServiceStatus.Diversion) || emergencyDiversions.Any(d => d.IsActive);
        if (!stillClosed)
        {
            var reopenings = emergency.Where(p => p.ReopenedAt is not null)
                .Select(p => (At: p.ReopenedAt!.Value, Source: en ? $"services board: {p.Service}" : $"tableau des services : {p.Service}"))
                .Concat(emergencyDiversions.Where(d => d.EndedAt is not null)
                    .Select(d => (At: d.EndedAt!.Value, Source: en ? $"end of diversion n°{d.Id} ({d.ServiceName})" : $"fin du délestage n°{d.Id} ({d.ServiceName})")))
                .ToList();
            if (reopenings.Count > 0)
            {
                var last = reopenings.MaxBy(r => r.At);
                result.Add(new KeyTimeCandidate(KeyTime.ReouvertureUrgences, last.At, last.Source));
            }
        }

        return result;
    }

    /// <summary>For the drafts (French): "Site / Urgences adultes : fermé depuis le 11/02/2024 05:40", restored ones with their period.</summary>
    public async Task<IReadOnlyList<string>> AffectedAsync(ReportContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var periods = await PeriodsAsync(context.Incident.Id, cancellationToken).ConfigureAwait(false);
        return periods
            .OrderBy(p => p.End is null ? 0 : 1).ThenBy(p => p.Clinical ? 0 : 1).ThenBy(p => p.Start)
            .Select(p => p.End is { } end
                ? $"{p.Site} / {p.Service} : {BoardStore.StatusText(p.Worst, p.Category)} du {context.Format(p.Start)} au {context.Format(end)} (rétabli)"
                : p.CurrentSince == p.Start
                    ? $"{p.Site} / {p.Service} : {BoardStore.StatusText(p.Current, p.Category)} depuis le {context.Format(p.Start)}"
                    : $"{p.Site} / {p.Service} : {BoardStore.StatusText(p.Current, p.Category)} depuis le {context.Format(p.CurrentSince)} ({BoardStore.StatusText(p.Worst, p.Category)} le {context.Format(p.Start)})")
            .ToList();
    }

    public async Task<IReadOnlyList<ReportSection>> SectionsAsync(ReportContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var periods = await PeriodsAsync(context.Incident.Id, cancellationToken).ConfigureAwait(false);
        var list = await diversions.ListAsync(context.Incident.Id, cancellationToken).ConfigureAwait(false);
        var stats = await redirections.StatsAsync(context.Incident.Id, cancellationToken).ConfigureAwait(false);
        return [DowntimeSection(context, periods), RedirectionsSection(context, list, stats)];
    }

    private static ReportSection DowntimeSection(ReportContext context, IReadOnlyList<DowntimePeriod> periods)
    {
        var en = context.English;
        var title = en ? "Services downtime" : "Indisponibilité des services";
        if (periods.Count == 0)
        {
            return new ReportSection("services_downtime", 30, title,
                [new ReportParagraph(en ? "No service or IT system was marked degraded, closed or diverted on the services board." : "Aucun service ni système n'a été marqué dégradé, fermé ou en délestage sur le tableau des services.")]);
        }

        string Duration(DowntimePeriod p) => LocalTimeText.Duration((p.End ?? context.Now) - p.Start, en);
        var longest = periods.MaxBy(p => (p.End ?? context.Now) - p.Start)!;
        var ongoing = periods.Count(p => p.End is null);
        var facts = new List<ReportFact>
        {
            new(en ? "Clinical units affected" : "Unités de soins touchées", periods.Where(p => p.Clinical).Select(p => p.ServiceId).Distinct().Count().ToString(CultureInfo.InvariantCulture)),
            new(en ? "IT systems affected" : "Systèmes touchés", periods.Where(p => !p.Clinical).Select(p => p.ServiceId).Distinct().Count().ToString(CultureInfo.InvariantCulture)),
            new(en ? "Still not back to normal" : "Pas encore revenus à la normale", ongoing.ToString(CultureInfo.InvariantCulture), ongoing > 0 ? ReportTone.Warning : ReportTone.Good),
            new(en ? "Longest downtime" : "Plus longue indisponibilité", $"{longest.Service} ({longest.Site}) : {Duration(longest)}"),
        };
        var rows = periods
            .OrderBy(p => p.Clinical ? 0 : 1).ThenBy(p => p.Start).ThenBy(p => p.Service, StringComparer.Ordinal)
            .Select(p => new ReportRow(
                [
                    p.Site,
                    p.Service,
                    StatusName(p.Worst, p.Category, en),
                    context.Format(p.Start),
                    p.End is { } end ? context.Format(end) : en ? "ongoing" : "en cours",
                    Duration(p),
                ],
                p.End is null ? ReportTone.Warning : ReportTone.Normal))
            .ToList();
        return new ReportSection("services_downtime", 30, title,
        [
            new ReportFacts(facts),
            new ReportTable(
                [en ? "Site" : "Site", en ? "Service / system" : "Service / système", en ? "Worst status" : "Statut le plus dégradé", en ? "From" : "Début", en ? "Until" : "Fin", en ? "Duration" : "Durée"],
                rows, [1.2, 1.6, 1.2, 1.1, 1.1, 0.8]),
            new ReportParagraph(en
                ? "Periods from the services board: from the first status other than normal to the return to normal."
                : "Périodes du tableau des services : du premier statut autre que normal au retour à la normale."),
        ]);
    }

    private static ReportSection RedirectionsSection(ReportContext context, IReadOnlyList<Diversion> diversions, RedirectionStats stats)
    {
        var en = context.English;
        string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        var blocks = new List<ReportBlock>();
        if (diversions.Count > 0)
        {
            blocks.Add(new ReportTable(
                [en ? "Diversion" : "Délestage", en ? "Unit" : "Unité", en ? "Category" : "Catégorie", en ? "From" : "Début", en ? "Until" : "Fin", en ? "Re-evaluations" : "Réévaluations"],
                diversions.OrderBy(d => d.StartedAt).Select(d => new ReportRow(
                    [
                        "n°" + N((int)d.Id),
                        $"{d.ServiceName} ({d.SiteName})",
                        d.CategoryText,
                        context.Format(d.StartedAt),
                        d.EndedAt is { } end ? context.Format(end) : en ? "in force" : "en cours",
                        N(d.Reviews),
                    ],
                    d.IsActive ? ReportTone.Warning : ReportTone.Normal)).ToList()));
        }

        if (stats.Total == 0)
        {
            blocks.Add(new ReportParagraph(en ? "No patient was recorded at the redirection desk." : "Aucun patient n'a été enregistré au poste de réorientation."));
            return new ReportSection("redirections", 40, en ? "Redirected patients" : "Patients réorientés", blocks);
        }

        var first = stats.ByHour[0].Start;
        var last = stats.ByHour[^1].Start.AddHours(1);
        blocks.Insert(0, new ReportFacts(
        [
            new(en ? "Patients met at the desk" : "Patients accueillis au poste", N(stats.Total)),
            new(en ? "Redirected" : "Réorientés", N(stats.Redirected)),
            new(en ? "Kept on site (vital emergency, tri 1)" : "Pris en charge sur place (urgence vitale, tri 1)", N(stats.KeptOnSite)),
            new(en ? "Arrivals between" : "Arrivées entre", $"{context.Format(first)} – {context.Format(last)}"),
            new(en ? "Busiest hour" : "Heure la plus chargée", $"{context.Format(stats.ByHour.MaxBy(h => h.Count)!.Start)} ({N(stats.ByHour.Max(h => h.Count))})"),
        ]));
        blocks.Add(new ReportTable(
            [en ? "Destination" : "Destination", "FINESS", "Patients", "Tri 1", "Tri 2", "Tri 3", "Tri 4", "Tri 5"],
            stats.ByDestination.Select(d => new ReportRow(
                [
                    d.FacilityId is null && d.Name == RedirectionService.KeptOnSiteLabel && en ? "Kept on site (vital emergency, tri 1)" : d.Name,
                    d.Finess ?? "—",
                    N(d.Count),
                    .. d.ByTriage.Select(N),
                ])).ToList(),
            [2.6, 1.1, 0.8, 0.5, 0.5, 0.5, 0.5, 0.5]));
        blocks.Add(new ReportParagraph(en
            ? "Counts only: the desk records initials, birth year and sex, which are not part of this report."
            : "Effectifs seulement : le poste enregistre initiales, année de naissance et sexe, qui ne figurent pas dans ce rapport."));
        return new ReportSection("redirections", 40, en ? "Redirected patients" : "Patients réorientés", blocks);
    }

    private static string StatusName(ServiceStatus status, ServiceCategory category, bool english) => english
        ? status switch
        {
            ServiceStatus.Degrade => "degraded",
            ServiceStatus.Ferme => category == ServiceCategory.Si ? "stopped" : "closed",
            ServiceStatus.Diversion => "on diversion",
            _ => "normal",
        }
        : BoardStore.StatusText(status, category);

    private Task<IEnumerable<long>> EmergencyServiceIdsAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.QueryAsync<long>("SELECT id FROM services WHERE emergency = 1"), cancellationToken);

    /// <summary>The periods during which each service was not normal, from its status history.</summary>
    internal async Task<IReadOnlyList<DowntimePeriod>> PeriodsAsync(long incidentId, CancellationToken cancellationToken)
    {
        var rows = await database.ReadAsync(async c => (await c.QueryAsync<HistoryRow>(
            """
            SELECT h.service_id AS ServiceId, s.name AS Service, st.name AS Site, s.category AS Category, s.emergency AS Emergency, h.status AS Status, h.at_us AS AtUs
            FROM service_status_history h JOIN services s ON s.id = h.service_id JOIN sites st ON st.id = s.site_id
            WHERE h.incident_id = @incidentId
            ORDER BY h.service_id, h.at_us, h.id
            """, new { incidentId }).ConfigureAwait(false)).ToList(), cancellationToken).ConfigureAwait(false);
        var periods = new List<DowntimePeriod>();
        DowntimePeriod? open = null;
        foreach (var row in rows)
        {
            if (open is not null && open.ServiceId != row.ServiceId)
            {
                periods.Add(open);
                open = null;
            }

            var status = WireName<ServiceStatus>.Parse(row.Status);
            var at = Time.FromMicros(row.AtUs);
            if (status == ServiceStatus.Normal)
            {
                if (open is not null)
                {
                    periods.Add(open with { End = at, ReopenedAt = open.ClosedAt is null || open.ReopenedAt is not null ? open.ReopenedAt : at, Current = status });
                    open = null;
                }

                continue;
            }

            open ??= new DowntimePeriod(row.ServiceId, row.Site, row.Service, WireName<ServiceCategory>.Parse(row.Category), row.Emergency != 0, at, null, status, status, at, null, null);
            var closing = status is ServiceStatus.Ferme or ServiceStatus.Diversion;
            open = open with
            {
                Worst = Severity(status) > Severity(open.Worst) ? status : open.Worst,
                Current = status,
                CurrentSince = status == open.Current ? open.CurrentSince : at,
                ClosedAt = closing ? open.ClosedAt ?? at : open.ClosedAt,
                ReopenedAt = closing ? null : open.ClosedAt is not null ? open.ReopenedAt ?? at : null,
            };
        }

        if (open is not null)
        {
            periods.Add(open);
        }

        return periods;
    }

    private static int Severity(ServiceStatus status) => status switch
    {
        ServiceStatus.Ferme => 3,
        ServiceStatus.Diversion => 2,
        ServiceStatus.Degrade => 1,
        _ => 0,
    };

    /// <summary>
    /// One stretch of time a service was not normal: <paramref name="Worst"/> status reached, <paramref name="Current"/>
    /// status at the end of the history and since when, when it was first closed or diverted and when it last left closure
    /// or diversion.
    /// </summary>
    internal sealed record DowntimePeriod(
        long ServiceId,
        string Site,
        string Service,
        ServiceCategory Category,
        bool Emergency,
        DateTimeOffset Start,
        DateTimeOffset? End,
        ServiceStatus Worst,
        ServiceStatus Current,
        DateTimeOffset CurrentSince,
        DateTimeOffset? ClosedAt,
        DateTimeOffset? ReopenedAt)
    {
        public bool Clinical => Category == ServiceCategory.Clinique;
    }

    private sealed class HistoryRow
    {
        public long ServiceId { get; set; }
        public string Service { get; set; } = "";
        public string Site { get; set; } = "";
        public string Category { get; set; } = "";
        public long Emergency { get; set; }
        public string Status { get; set; } = "";
        public long AtUs { get; set; }
    }
}
