using System.Net;
using Microsoft.Extensions.Time.Testing;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Deadlines;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.Web.Tests.Deadlines;

/// <summary>The deadlines tab and a notification's page over HTTP: statuses, answers, start events, sending, drafts; errors keep what was typed.</summary>
public sealed class DeadlinePageTests
{
    private static readonly DateTimeOffset s_detected = new(2024, 2, 11, 1, 0, 0, TimeSpan.Zero);

    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    private static async Task<(TestServer Server, PageSession Session, Incident Incident)> StartAsync(DatabaseKind kind, FakeTimeProvider clock)
    {
        var server = await TestServer.StartAsync(kind, clock);
        await server.CreateUserAsync("directrice", UserRole.Directeur);
        var incident = (await server.Service<IncidentService>().CreateAsync(new NewIncident("Rançongiciel", IncidentKind.Cyber, s_detected, Severity.Critique, "CH d'Armentières"), "directrice")).Value;
        var session = new PageSession(server.Address);
        await session.LoginAsync("directrice");
        return (server, session, incident);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Tab_ShowsEachDeadline_WithItsStatusAndTimeLeft_AndAnswersChangeIt(DatabaseKind kind)
    {
        var clock = new FakeTimeProvider(s_detected.AddHours(50));
        var (server, session, incident) = await StartAsync(kind, clock);
        await using var _ = server;
        using var __ = session;

        var html = await session.GetAsync($"/incidents/{incident.Id}/echeances");

        Assert.Contains("Échéances réglementaires", html, StringComparison.Ordinal);
        Assert.Contains("<li class=\"card deadline status-proche\" id=\"deadline-complaint\">", html, StringComparison.Ordinal);
        Assert.Contains("reste 22 h 00", html, StringComparison.Ordinal);
        Assert.Contains("data-countdown-to=\"2024-02-14T01:00:00Z\"", html, StringComparison.Ordinal);
        Assert.Contains("<li class=\"card deadline status-sans_delai\" id=\"deadline-ars_cert_sante\">", html, StringComparison.Ordinal);
        Assert.Contains("applicabilité à confirmer", html, StringComparison.Ordinal);
        Assert.Contains("14/02/2024 02:00", html, StringComparison.Ordinal);

        var answer = await session.Http.PostAsync($"/incidents/{incident.Id}/echeances/reponses", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["question"] = "nis2_entity", ["answer"] = "non", ["__RequestVerificationToken"] = Token(html),
        }));
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var after = await session.GetAsync($"/incidents/{incident.Id}/echeances");
        Assert.Contains("<li class=\"card deadline status-non_applicable\" id=\"deadline-nis2_early_warning\">", after, StringComparison.Ordinal);
        Assert.Contains("Réponse «\u202Fnon\u202F» de directrice", WebUtility.HtmlDecode(after), StringComparison.Ordinal);

        var english = await session.Http.GetAsync($"/culture/en?returnUrl=/incidents/{incident.Id}/echeances");
        Assert.Equal(HttpStatusCode.Redirect, english.StatusCode);
        var en = await session.GetAsync($"/incidents/{incident.Id}/echeances");
        Assert.Contains("Legal deadlines", en, StringComparison.Ordinal);
        Assert.Contains("Complaint to the police or gendarmerie", en, StringComparison.Ordinal);
        Assert.Contains("22 h 00 left", en, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task EventForm_InTheFuture_ShowsTheErrorAndKeepsTheValue_ThenSetsTheAwareness(DatabaseKind kind)
    {
        var clock = new FakeTimeProvider(s_detected.AddHours(6));
        var (server, session, incident) = await StartAsync(kind, clock);
        await using var _ = server;
        using var __ = session;
        var path = $"/incidents/{incident.Id}/echeances";

        var failed = await session.SubmitAsync(path, "deadline-event", new Dictionary<string, string> { ["EventForm.EventId"] = "breach_awareness", ["EventForm.At"] = "2024-02-12T10:00" });
        var failedHtml = await failed.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        Assert.Contains("est dans le futur", WebUtility.HtmlDecode(failedHtml), StringComparison.Ordinal);
        Assert.Contains("value=\"2024-02-12T10:00\"", failedHtml, StringComparison.Ordinal);

        var ok = await session.SubmitAsync(path, "deadline-event", new Dictionary<string, string> { ["EventForm.EventId"] = "breach_awareness", ["EventForm.At"] = "2024-02-11T06:00" });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var board = await server.Service<DeadlineService>().GetBoardAsync(incident.Id);
        Assert.Equal(s_detected.AddHours(4), board!.Events.Single(e => e.Event.Id == "breach_awareness").At);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task NotificationPage_SavesDraftsAndTheFinalText_ThenMarksItSent(DatabaseKind kind)
    {
        var clock = new FakeTimeProvider(s_detected.AddHours(2));
        var (server, session, incident) = await StartAsync(kind, clock);
        await using var _ = server;
        using var __ = session;
        var path = $"/incidents/{incident.Id}/echeances/complaint";

        var page = await session.GetAsync(path);
        Assert.Contains("Dépôt de plainte", page, StringComparison.Ordinal);
        Assert.Contains("Code des assurances art. L.12-10-1", page, StringComparison.Ordinal);
        Assert.Contains("Objet\u202F: plainte pour atteinte à un système de traitement automatisé de données", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Contains("Brouillon prérempli", page, StringComparison.Ordinal);

        var saved = await session.SubmitAsync(path, "deadline-draft", new Dictionary<string, string> { ["DraftForm.Text"] = "Plainte, version de travail.", ["DraftForm.Action"] = "save" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var final = await session.SubmitAsync(path, "deadline-draft", new Dictionary<string, string> { ["DraftForm.Text"] = "Plainte déposée au commissariat de Lille.", ["DraftForm.Action"] = "final" });
        Assert.Equal(HttpStatusCode.Redirect, final.StatusCode);
        var history = await server.Service<DeadlineService>().DraftHistoryAsync(incident.Id, "complaint");
        Assert.Equal([(2, true), (1, false)], history.Select(h => (h.Version, h.Final)));

        var missing = await session.SubmitAsync(path, "deadline-sent", new Dictionary<string, string> { ["SentForm.SentAt"] = "2024-02-11T03:30", ["SentForm.Reference"] = "" });
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("Indiquez la référence", WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var sent = await session.SubmitAsync(path, "deadline-sent", new Dictionary<string, string> { ["SentForm.SentAt"] = "2024-02-11T03:30", ["SentForm.Reference"] = "PV 2024/118" });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var after = await session.GetAsync(path);
        Assert.Contains("le 11/02/2024 03:30:00 par directrice, référence PV 2024/118", after, StringComparison.Ordinal);
        Assert.Contains("texte définitif\u202F: version 2", WebUtility.HtmlDecode(after), StringComparison.Ordinal);

        var print = await session.GetAsync(path + "/print");
        Assert.Contains("class=\"print-view draft-print\"", print, StringComparison.Ordinal);
        Assert.Contains("Plainte déposée au commissariat de Lille.", print, StringComparison.Ordinal);
        Assert.Contains("Échéance introuvable.", await session.GetAsync($"/incidents/{incident.Id}/echeances/unknown"), StringComparison.Ordinal); // 200: a raw 404 from a page has no body in .NET 10
    }

    private static string Token(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
        Assert.True(match.Success);
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}
