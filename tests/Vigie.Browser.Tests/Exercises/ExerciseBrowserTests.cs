using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Exercises;

namespace Vigie.Browser.Tests.Exercises;

/// <summary>An exercise in Debian's Chromium: the animator starts it, the director gets a phone-call card live and answers with a linked decision, the observer rates it, the report shows the reaction time.</summary>
public sealed partial class ExerciseBrowserTests
{
    private const string Scenario = """
        vigie_scenario: 1
        title: Appel du SAMU
        level: debutant
        duration: 30 min
        objectives:
          - id: O1
            text: Protéger l'accueil des urgences
        stimuli:
          - id: S1
            at: "+00:00"
            channel: appel_telephonique
            from: Régulateur du SAMU
            to: directeur_crise
            content: Vos urgences prennent-elles encore des patients ? J'ai besoin de savoir maintenant.
            expected: Une décision claire sur l'accueil des urgences, annoncée au SAMU.
            notes: Insister si la réponse tarde.
            objectives: [O1]
          - id: S2
            at: "+00:25"
            channel: sms
            from: Animation
            to: tous
            content: FINEX dans 5 minutes.
        """;

    [Fact]
    public async Task AnimatorStarts_DirectorGetsACallLive_AndAnswers_ObserverRates_ReportShowsTheReactionTime()
    {
        await using var harness = await BrowserHarness.StartAsync();
        var exercises = harness.Server.Service<ExerciseService>();
        var imported = await exercises.ImportAsync(Encoding.UTF8.GetBytes(Scenario), "samu.yaml", new ExerciseImportOptions(), "animatrice");
        var id = imported.IncidentId!.Value;

        var director = await harness.NewPageAsync("directrice", UserRole.Directeur, width: 390, height: 844);
        Assert.True((await exercises.SetParticipantAsync(id, "directrice", ["directeur_crise"], "animatrice")).IsOk);
        await director.GotoAsync($"/incidents/{id}/journal");
        await Assertions.Expect(director.Locator(".exercise-banner").First).ToContainTextAsync("EXERCICE");
        await BrowserHarness.WaitForLiveAsync(director);

        // The animator starts the clock (×60) from the console.
        var animator = await harness.NewPageAsync("animatrice", UserRole.Animateur);
        await animator.GotoAsync($"/exercices/{id}/console");
        await animator.Locator("#start-speed").SelectOptionAsync("60");
        await animator.Locator("#debex").ClickAsync();
        await Assertions.Expect(animator.Locator("#console-clock .badge")).ToHaveTextAsync("en cours");

        // The director's open page receives the phone-call card live (no reload).
        var card = director.Locator("#exercise-banner .stimulus-card.channel-appel_telephonique");
        await Assertions.Expect(card).ToContainTextAsync("Appel de Régulateur du SAMU");
        await Assertions.Expect(card).ToContainTextAsync("Vos urgences prennent-elles encore des patients");
        await Assertions.Expect(card).Not.ToContainTextAsync("Insister");
        await BrowserHarness.ScreenshotAsync(director, "exercise-director-card-390");

        // ... and answers with a decision linked to it.
        await card.GetByRole(AriaRole.Link, new() { Name = "Répondre" }).ClickAsync();
        await director.GetByLabel("Réponse (décision, action engagée, message…)").FillAsync("Urgences délestées sauf urgences vitales ; SAMU informé ; réévaluation dans 12 h.");
        await director.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la réponse" }).ClickAsync();
        await Assertions.Expect(director.Locator("[role=status].ok")).ToContainTextAsync("Réponse enregistrée à la main courante");
        var seq = AnswerSeq().Match(await director.Locator("[role=status].ok").InnerTextAsync()).Groups[1].Value;
        await director.GotoAsync($"/incidents/{id}/journal");
        await Assertions.Expect(director.Locator($"#e{seq}")).ToContainTextAsync("Urgences délestées");

        // The observer rates the expectation, with the decision as evidence.
        var observer = await harness.NewPageAsync("ars", UserRole.Observateur);
        await observer.GotoAsync($"/exercices/{id}/grille");
        await observer.Locator("#observe-expectation").SelectOptionAsync("R-S1");
        await observer.GetByLabel("Comportement observé").FillAsync("Décision de délestage prise et annoncée au SAMU.");
        await observer.Locator("#rating-acquis").CheckAsync();
        await observer.Locator("#observe-evidence").SelectOptionAsync(seq);
        await observer.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l’observation" }).ClickAsync();
        await Assertions.Expect(observer.Locator("#expectation-R-S1")).ToContainTextAsync("acquis");
        await BrowserHarness.ScreenshotAsync(observer, "exercise-grid");
        await animator.GotoAsync($"/exercices/{id}/console");
        await BrowserHarness.ScreenshotAsync(animator, "exercise-console");

        // The report: the stimulus against the cell's reaction, with the time it took.
        await animator.GotoAsync($"/exercices/{id}/rapport");
        var row = animator.Locator("#report-timeline tr", new() { HasText = "Régulateur du SAMU" });
        await Assertions.Expect(row).ToContainTextAsync("Urgences délestées");
        var reaction = await row.Locator("td").Last.InnerTextAsync();
        Assert.Matches(@"^\d+ (s|min)|^\d+ h \d+$", reaction.Trim());
        await Assertions.Expect(animator.Locator("#report-expectations")).ToContainTextAsync("acquis");
        await Assertions.Expect(animator.Locator(".exercise-mark").First).ToContainTextAsync("EXERCICE");
        await BrowserHarness.ScreenshotAsync(animator, "exercise-report");
        Assert.Empty(harness.Errors);
    }

    [GeneratedRegex(@"n° (\d+)")]
    private static partial Regex AnswerSeq();
}
