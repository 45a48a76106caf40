using System.Globalization;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Reports;
using Vigie.CommandPost.Storage;
using Vigie.CommandPost.Tests.Deadlines;

namespace Vigie.CommandPost.Tests.Reports;

/// <summary>
/// The key times of the RETEX come only from the operations that make them (issue 13, item 5): a person's journal entry
/// cannot claim a phase, a return to normal needs a closed incident, and a time the cell sets by hand is a new journal
/// entry that the report names, with what Vigie had deduced.
/// </summary>
public sealed class KeyTimeIntegrityTests
{
    private static readonly CultureInfo s_french = CultureInfo.GetCultureInfo("fr-FR");

    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    [Theory, MemberData(nameof(Kinds))]
    public async Task PersonEntry_WithASystemLinkType_IsRefusedAndWritesNothing(DatabaseKind kind)
    {
        await using var p = await PostIncident.CreateAsync(kind, PostIncident.Detected.AddHours(2));
        var incident = await p.NewIncidentAsync();

        var refused = await p.Core.Journal.AppendAsync(incident.Id, "membre", new NewJournalEntry(JournalKind.Decision, "Activation de la cellule",
            PostIncident.Detected.AddDays(-5), Link: new JournalLink("phase", "crise"), OccurredAtReason: "pour voir"));

        Assert.Equal("link.type", refused.Problem!.Field);
        Assert.Equal(1, (await p.Core.Journal.VerifyAsync(incident.Id))!.Entries);
        Assert.Null((await p.Reports.KeyTimesAsync(incident.Id, s_french))!.Single(k => k.Key == KeyTime.CelluleCrise).At);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task ReturnToNormal_IsDeducedOnlyWhileTheIncidentIsClosed(DatabaseKind kind)
    {
        await using var p = await PostIncident.CreateAsync(kind, PostIncident.Detected.AddHours(2));
        var incident = await p.NewIncidentAsync();
        await p.Core.Incidents.ChangePhaseAsync(incident.Id, IncidentPhase.Cloture, "directeur");
        Assert.Equal(PostIncident.Detected.AddHours(2), (await p.Reports.KeyTimesAsync(incident.Id, s_french))!.Single(k => k.Key == KeyTime.RetourNormale).At);

        p.Clock.Advance(TimeSpan.FromHours(1));
        await p.Core.Incidents.ChangePhaseAsync(incident.Id, IncidentPhase.Reprise, "directeur"); // reopened

        Assert.Null((await p.Reports.KeyTimesAsync(incident.Id, s_french))!.Single(k => k.Key == KeyTime.RetourNormale).At);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task HandSetKeyTime_IsANewEntry_AndTheReportShowsItAsACorrectionOfTheDeducedTime(DatabaseKind kind)
    {
        await using var p = await PostIncident.CreateAsync(kind, PostIncident.Detected.AddHours(1));
        var incident = await p.NewIncidentAsync();
        await p.Core.Incidents.ChangePhaseAsync(incident.Id, IncidentPhase.Crise, "directeur"); // 03:00 local: deduced cell activation
        p.Clock.Advance(TimeSpan.FromHours(3));
        var first = await p.Reports.SetKeyTimeAsync(incident.Id, KeyTime.CelluleCrise, PostIncident.Detected.AddMinutes(30), "directeur");
        var second = await p.Reports.SetKeyTimeAsync(incident.Id, KeyTime.CelluleCrise, PostIncident.Detected.AddMinutes(40), "directeur");
        Assert.True(first.IsOk && second.IsOk);
        Assert.NotEqual(first.Value.JournalSeq, second.Value.JournalSeq);

        var correction = (await p.Core.Journal.GetAsync(incident.Id, second.Value.JournalSeq!.Value))!;
        Assert.Equal(FrenchText.Typeset("RETEX — activation de la cellule de crise : 11/02/2024 02:40 (heure de Paris) (corrigé, auparavant 11/02/2024 02:30 (heure de Paris))."), correction.Text);

        var report = (await p.Reports.BuildAsync(incident.Id, s_french, "directeur"))!;
        var row = ((ReportTable)report.Sections[0].Blocks[0]).Rows.Single(r => r.Cells[0] == "Activation de la cellule de crise");
        Assert.Equal("11/02/2024 02:40", row.Cells[1]);
        Assert.Equal($"saisi par directeur (journal n°{second.Value.JournalSeq}), au lieu de 11/02/2024 03:00 (passage en phase crise (journal n°2))", row.Cells[4]);

        // Both settings stay in the timeline, each said to be recorded later than the time it gives.
        var timeline = (ReportTable)report.Sections[1].Blocks[1];
        Assert.Equal(2, timeline.Rows.Count(r => r.Cells[4].StartsWith("RETEX — activation de la cellule de crise", StringComparison.Ordinal) &&
                                                 r.Cells[4].EndsWith("[consigné le 11/02/2024 06:00]", StringComparison.Ordinal)));
    }
}
