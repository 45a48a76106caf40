using System.Globalization;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Deadlines;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Reports;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Tests.Deadlines;

/// <summary>
/// Deadlines judged honestly, on both databases: a "without delay" declaration sent 21 h after the detection never
/// reads "on time"; the CNIL's 72 h clock runs from the detection as soon as personal data may be involved and says so;
/// a RETEX key time can come from a journal entry's occurredAt.
/// </summary>
public sealed class HonestDeadlineTests
{
    private static readonly CultureInfo s_french = CultureInfo.GetCultureInfo("fr-FR");

    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    [Theory, MemberData(nameof(Kinds))]
    public async Task ArsDeclarationSent21HoursAfterDetection_SaysSo_AndIsNotCountedOnTime(DatabaseKind kind)
    {
        await using var p = await PostIncident.CreateAsync(kind, PostIncident.Detected.AddHours(22));
        var incident = await p.NewIncidentAsync();
        Assert.Equal(DeadlineStatus.SansDelai, (await p.Deadlines.GetBoardAsync(incident.Id))!.Deadline("ars_cert_sante")!.Status);

        var sent = await p.Deadlines.MarkSentAsync(incident.Id, "ars_cert_sante", PostIncident.Detected.AddHours(21), "SIGNAL-2024-118", "directeur");

        Assert.True(sent.IsOk, sent.Problem?.Message);
        var ars = sent.Value.Deadline("ars_cert_sante")!;
        Assert.Equal((DeadlineStatus.EnvoyeeApres, TimeSpan.FromHours(21)), (ars.Status, ars.SentAfterStart));
        var entry = (await p.Core.Journal.ListAsync(incident.Id, new JournalQuery(NewestFirst: true, Limit: 1))).Single();
        Assert.Contains("21 h 00 après détection de l'incident", entry.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("dans le délai", entry.Text, StringComparison.Ordinal);

        var report = (await p.Reports.BuildAsync(incident.Id, s_french, "directeur"))!;
        var deadlines = report.Sections.Single(s => s.Key == "deadlines");
        var row = ((ReportTable)deadlines.Blocks[1]).Rows.Single(r => r.Cells[0] == "Déclaration de l'incident de sécurité des systèmes d'information");
        Assert.Equal(("envoyée 21 h 00 après l'événement de départ", ReportTone.Warning), (row.Cells[5], row.Tone));
        Assert.StartsWith("0 notification(s) envoyée(s) dans le délai", ((ReportParagraph)deadlines.Blocks[0]).Text, StringComparison.Ordinal);
        Assert.Contains(FrenchText.Typeset("1 due(s) « sans délai » et envoyée(s)"), ((ReportParagraph)deadlines.Blocks[0]).Text, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Cnil_WhenPersonalDataMayBeInvolved_CountsFromDetection_SaysSoInTheJournal_UntilAwarenessIsGiven(DatabaseKind kind)
    {
        await using var p = await PostIncident.CreateAsync(kind, PostIncident.Detected.AddHours(5));
        var incident = await p.NewIncidentAsync();
        Assert.Null((await p.Deadlines.GetBoardAsync(incident.Id))!.Deadline("cnil")!.DueAt);

        var answered = await p.Deadlines.AnswerAsync(incident.Id, "personal_data", ApplicabilityAnswer.NeSaitPas, "directeur");

        Assert.True(answered.IsOk, answered.Problem?.Message);
        var cnil = answered.Value.Deadline("cnil")!;
        Assert.Equal((true, PostIncident.Detected.AddHours(72), DeadlineStatus.AVenir), (cnil.StartAssumed, cnil.DueAt!.Value, cnil.Status));
        var entry = (await p.Core.Journal.ListAsync(incident.Id, new JournalQuery(NewestFirst: true, Limit: 1))).Single();
        Assert.Contains(FrenchText.Typeset("Notification de violation de données personnelles : comptée depuis la détection tant que « Prise de connaissance de la violation de données personnelles » n'est pas saisie, échéance 14/02/2024 02:00 (heure de Paris)"),
            entry.Text, StringComparison.Ordinal);

        // The reminders run on that clock too, and say where it starts.
        p.Clock.SetUtcNow(PostIncident.Detected.AddHours(49));
        Assert.True(await p.Deadlines.EmitRemindersAsync() > 0);
        var reminder = (await p.Core.Journal.ListAsync(incident.Id, new JournalQuery(NewestFirst: true, Limit: 10))).First(e => e.Text.Contains("CNIL", StringComparison.Ordinal));
        Assert.Contains("comptée depuis la détection", reminder.Text, StringComparison.Ordinal);

        // Once the awareness time is given, the clock starts there.
        var aware = await p.Deadlines.SetEventAsync(incident.Id, "breach_awareness", PostIncident.Detected.AddHours(4), "dpo");
        Assert.Equal((false, PostIncident.Detected.AddHours(76)), (aware.Value.Deadline("cnil")!.StartAssumed, aware.Value.Deadline("cnil")!.DueAt!.Value));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task KeyTime_FromAJournalEntry_TakesWhenItHappened_NotWhenItWasTyped(DatabaseKind kind)
    {
        await using var p = await PostIncident.CreateAsync(kind, PostIncident.Detected.AddHours(21).AddMinutes(8)); // typed at 23:08
        var incident = await p.NewIncidentAsync();
        var isolated = (await p.Core.Journal.AppendAsync(incident.Id, "secretariat",
            new NewJournalEntry(JournalKind.Fait, "Tous les postes coupés du réseau principal.", PostIncident.Detected.AddHours(1)))).Value; // happened at 03:00

        var set = await p.Reports.SetKeyTimeFromEntryAsync(incident.Id, KeyTime.Isolement, isolated.Seq, "rssi");

        Assert.True(set.IsOk, set.Problem?.Message);
        Assert.Equal(PostIncident.Detected.AddHours(1), set.Value.At);
        var entry = (await p.Core.Journal.ListAsync(incident.Id, new JournalQuery(NewestFirst: true, Limit: 1))).Single();
        Assert.Equal(FrenchText.Typeset(string.Create(CultureInfo.InvariantCulture, $"RETEX — isolement du réseau : 11/02/2024 03:00 (heure de Paris), d'après l'entrée n°{isolated.Seq}.")), entry.Text);
        Assert.Equal(PostIncident.Detected.AddHours(1), (await p.Reports.KeyTimesAsync(incident.Id, s_french))!.Single(k => k.Key == KeyTime.Isolement).At);
        Assert.Equal("fromSeq", (await p.Reports.SetKeyTimeFromEntryAsync(incident.Id, KeyTime.CelluleCrise, 999, "rssi")).Problem!.Field);
    }
}
