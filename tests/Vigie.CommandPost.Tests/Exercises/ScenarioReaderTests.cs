using System.Text;
using Vigie.CommandPost.Exercises;
using Vigie.CommandPost.Exercises.Scenarios;
using Vigie.Testing;

namespace Vigie.CommandPost.Tests.Exercises;

/// <summary>Reading scenarios: chronogrammes in every layout, encoding and separator the kits use, XLSX, YAML, and bad files named by line.</summary>
public sealed class ScenarioReaderTests
{
    private const string FrenchHeader = "N°;Horaire;Canal;Émetteur;Destinataire;Stimulus;Réaction attendue;Livrable;Commentaire animateur;Objectif";

    private static ScenarioReadResult Read(string text, string name = "chronogramme.csv", Encoding? encoding = null, ChronogrammeReader.Options? options = null) =>
        ScenarioReader.Read((encoding ?? new UTF8Encoding(false)).GetBytes(text), name, options);

    private static ScenarioReadResult Read(byte[] bytes, string name = "chronogramme.csv", ChronogrammeReader.Options? options = null) => ScenarioReader.Read(bytes, name, options);

    [Fact]
    public void Csv_FrenchColumns_Semicolons_Utf8Bom_ReadsEveryField()
    {
        var text = FrenchHeader + "\n" +
                   "1;02:00;Document papier;Imprimante;Cadre de santé;\"Vos fichiers sont chiffrés ; payez.\";Alerter l'administrateur de garde;;Imprimer 3 exemplaires;Alerter la cellule\n" +
                   "2;02:15;Appel téléphonique;SAMU;Médecin urgentiste;\"Vos urgences prennent-elles encore ?\nJ'ai besoin de savoir.\";Répondre sur la capacité;Point de capacité;;Continuité des soins\n";
        var read = Read([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);

        Assert.True(read.IsClean, string.Join("; ", read.Errors.Select(e => e.Message)));
        Assert.Equal(("csv", "UTF-8 (BOM)", ';'), (read.Format, read.Encoding, read.Separator!.Value));
        var scenario = read.Scenario!;
        Assert.Equal("02:00", scenario.StartClock);
        Assert.Equal(2, scenario.Stimuli.Count);
        var first = scenario.Stimuli[0];
        Assert.Equal(("1", TimeSpan.Zero, StimulusChannel.DocumentPapier, "Imprimante"), (first.Number, first.Offset, first.Channel, first.Sender));
        Assert.Equal(["cadre_sante"], first.Recipients);
        Assert.Equal("Vos fichiers sont chiffrés ; payez.", first.Content);
        Assert.Equal("Imprimer 3 exemplaires", first.Notes);
        var second = scenario.Stimuli[1];
        Assert.Equal((TimeSpan.FromMinutes(15), StimulusChannel.AppelTelephonique, 3), (second.Offset, second.Channel, second.Line));
        Assert.Equal(["medecin_urgences"], second.Recipients);
        Assert.Contains("\n", second.Content, StringComparison.Ordinal);
        Assert.Equal(["O1", "O2"], scenario.Objectives.Select(o => o.Key));
        Assert.Equal(["R-1", "R-2"], scenario.Expectations.Select(e => e.Key));
        Assert.Equal(TimeSpan.FromMinutes(30), scenario.Duration);
    }

    [Fact]
    public void Csv_Windows1252_Commas_EnglishColumns_AndOffsets()
    {
        var text = "Inject No,Time from start,Method,From,To,Inject,Expected action,Notes\r\n" +
                   "A1,+00:00,Phone call,Journaliste,Communication,Réponse demandée à la presse,Préparer un communiqué,\r\n" +
                   "A2,45 min,E-mail,ARS,Directeur de crise,Point de situation avant 6 h,,\r\n" +
                   "A3,1 h 30,SMS,Directrice,\"RSSI, DSI\",Où en est l'isolement ?,,\r\n" +
                   "A4,H+02:05,Pigeon voyageur,Animation,Tous,Pause café,,\r\n";
        var read = Read(text, encoding: Encoding.GetEncoding(1252));

        Assert.True(read.IsClean, string.Join("; ", read.Errors.Select(e => e.Message)));
        Assert.Equal(("Windows-1252", ','), (read.Encoding, read.Separator!.Value));
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromMinutes(45), TimeSpan.FromMinutes(90), TimeSpan.FromMinutes(125)], read.Scenario!.Stimuli.Select(s => s.Offset));
        Assert.Equal("Réponse demandée à la presse", read.Scenario.Stimuli[0].Content);
        Assert.Equal([StimulusChannel.AppelTelephonique, StimulusChannel.Mail, StimulusChannel.Sms, StimulusChannel.Autre], read.Scenario.Stimuli.Select(s => s.Channel));
        Assert.Equal(["rssi", "dsi"], read.Scenario.Stimuli[2].Recipients);
        Assert.Equal(["tous"], read.Scenario.Stimuli[3].Recipients);
        Assert.Contains(read.Warnings, w => w.Contains("Pigeon voyageur", StringComparison.Ordinal));
    }

    [Fact]
    public void Csv_Utf8WithoutBom_AccentAndCaseInsensitiveHeaders_TitleRows_DebexFinexAndMidnight()
    {
        var text = "Chronogramme — exercice cyber 2025;;;;\n" +
                   ";;;;\n" +
                   "n°;HORAIRE;type;DESTINATAIRES;contenu\n" +
                   ";23:30;;;DEBEX\n" +
                   "1;23:40;Mail;tous;Message de la DSI\n" +
                   "2;00:10;Appel;rssi;Appel de l'astreinte\n" +
                   ";01:30;;;FINEX\n";
        var read = Read(text);

        Assert.True(read.IsClean, string.Join("; ", read.Errors.Select(e => e.Message)));
        Assert.Equal("UTF-8", read.Encoding);
        Assert.Equal("23:30", read.Scenario!.StartClock);
        Assert.Equal([TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(40)], read.Scenario.Stimuli.Select(s => s.Offset));
        Assert.Equal(TimeSpan.FromHours(2), read.Scenario.Duration);
        Assert.Equal([5, 6], read.Scenario.Stimuli.Select(s => s.Line));
    }

    [Fact]
    public void Xlsx_FirstSheet_TimesTypedAsTimes_AndNumbers()
    {
        var xlsx = XlsxFixture.Write(
        [
            ["Chronogramme de l'exercice", null, null, null, null, null],
            [],
            ["N°", "Horaire", "Canal", "Émetteur", "Destinataire", "Stimulus"],
            [1, new XlsxFixture.Time(new TimeSpan(2, 0, 0)), "Document papier", "Imprimante", "Tous", "Notes de rançon imprimées"],
            [2, new XlsxFixture.Time(new TimeSpan(2, 20, 0)), "Appel téléphonique", "SAMU", "Médecin urgentiste", "Les urgences prennent-elles encore ?"],
            [3, "02:45", "Presse", "Journaliste", "Communication", "Confirmez-vous l'attaque ?"],
        ]);
        var read = Read(xlsx, "chronogramme.xlsx");

        Assert.True(read.IsClean, string.Join("; ", read.Errors.Select(e => $"{e.Line}: {e.Message}")));
        Assert.Equal("xlsx", read.Format);
        Assert.Equal(["1", "2", "3"], read.Scenario!.Stimuli.Select(s => s.Number));
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(45)], read.Scenario.Stimuli.Select(s => s.Offset));
        Assert.Equal([4, 5, 6], read.Scenario.Stimuli.Select(s => s.Line));
    }

    [Fact]
    public void Xlsx_BadRows_AreNamedWithTheirSheetRow()
    {
        var xlsx = XlsxFixture.Write(
        [
            ["N°", "H+", "Destinataire", "Stimulus"],
            ["S1", "+00:10", "Tous", "Premier"],
            ["S2", "plus tard", "Tous", "Deuxième"],
            ["S1", "+00:20", "Tous", "Troisième"],
        ]);
        var read = Read(xlsx, "c.xlsx");

        Assert.Equal([3, 4], read.Errors.Select(e => e.Line!.Value));
        Assert.Equal(["offset", "id"], read.Errors.Select(e => e.Field));
    }

    [Fact]
    public void UnknownLayout_NeedsAMapping_ThenReads()
    {
        var text = "Réf;T0+;Pour;Texte du message\nX1;00:05;Tous;Bonjour\n";
        var unmapped = Read(text);
        Assert.Null(unmapped.Scenario);
        Assert.Equal("header", unmapped.Errors.Single().Field);
        Assert.Equal(["Réf", "T0+", "Pour", "Texte du message"], unmapped.Columns);

        var mapping = ColumnMapping.Parse(["content=Texte du message;offset=T0+;id=Réf"]).Value;
        var mapped = Read(text, options: new ChronogrammeReader.Options(Mapping: mapping));
        Assert.True(mapped.IsClean, string.Join("; ", mapped.Errors.Select(e => e.Message)));
        Assert.Equal(("X1", TimeSpan.FromMinutes(5), "Bonjour"), (mapped.Scenario!.Stimuli[0].Number, mapped.Scenario.Stimuli[0].Offset, mapped.Scenario.Stimuli[0].Content));
        Assert.Equal(["tous"], mapped.Scenario.Stimuli[0].Recipients);

        Assert.False(ColumnMapping.Parse(["couleur=Rouge"]).IsOk);
    }

    [Fact]
    public void BadRows_EachNamedWithItsLine_GoodRowsKept()
    {
        var text = "N°;H+;Destinataire;Stimulus\n" +
                   "1;+00:10;Tous;Premier\n" +            // line 2: fine
                   "2;;Tous;Sans horaire\n" +              // line 3: no time
                   "3;+00:05;Tous;Revient en arrière\n" +  // line 4: out of order
                   "4;+00:20;Standardiste de nuit;Qui ?\n" + // line 5: unknown recipient
                   "1;+00:25;Tous;Numéro repris\n" +       // line 6: duplicated id
                   "6;+00:30;Tous;\n" +                     // line 7: no content
                   "7;+00:40;RSSI;Dernier\n";              // line 8: fine
        var read = Read(text);

        Assert.False(read.IsClean);
        Assert.True(read.HasGoodRows);
        Assert.Equal([3, 4, 5, 6, 7], read.Errors.Select(e => e.Line!.Value));
        Assert.Equal(["offset", "offset", "to", "id", "content"], read.Errors.Select(e => e.Field));
        Assert.Contains("Standardiste de nuit", read.Errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("line 2", read.Errors[3].Message, StringComparison.Ordinal);
        Assert.Equal(["1", "7"], read.Scenario!.Stimuli.Select(s => s.Number));
    }

    [Fact]
    public void HugeCell_IsNamedWithItsLineAndColumn_WithoutFailing()
    {
        var huge = new string('x', 20 * 1024 * 1024);
        var read = Read("N°;H+;Destinataire;Stimulus\n1;+00:10;Tous;court\n2;+00:20;Tous;" + huge + "\n3;+00:30;Tous;encore\n");

        var error = Assert.Single(read.Errors);
        Assert.Equal((3, "content"), (error.Line, error.Field));
        Assert.Contains("20971520", error.Message, StringComparison.Ordinal);
        Assert.Contains("Stimulus", error.Message, StringComparison.Ordinal);
        Assert.Equal(["1", "3"], read.Scenario!.Stimuli.Select(s => s.Number));
    }

    [Fact]
    public void UnreadableEncoding_Utf16WithoutBom_OrUndefinedBytes_IsNamedWithALine()
    {
        var utf16 = Read(Encoding.Unicode.GetBytes(FrenchHeader + "\n1;02:00;Mail;Tous;Bonjour;;;;;\n"));
        Assert.Null(utf16.Scenario);
        Assert.Equal(1, utf16.Errors.Single().Line);
        Assert.Contains("NUL", utf16.Errors[0].Message, StringComparison.Ordinal);

        var bytes = Encoding.GetEncoding(1252).GetBytes("N°;H+;Destinataire;Stimulus\n1;+00:10;Tous;ok\n2;+00:20;Tous;bad ").ToList();
        bytes.Add(0x81); // a byte Windows-1252 does not define, in an otherwise 1252 file
        bytes.AddRange("\n"u8.ToArray());
        var garbled = Read([.. bytes]);
        Assert.Null(garbled.Scenario);
        Assert.Equal(3, garbled.Errors.Single().Line);
    }

    [Fact]
    public void NotAScenario_EmptyOrBinary_IsRefusedClearly()
    {
        Assert.Equal("file", ScenarioReader.Read([], "x.csv").Errors.Single().Field);
        var zip = ScenarioReader.Read("PK\u0003\u0004garbage"u8.ToArray(), "x.xlsx");
        Assert.Null(zip.Scenario);
        Assert.Contains("spreadsheet", zip.Errors.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_SyntaxError_UnknownKey_AndBadStimuli_AreNamedByLine()
    {
        var syntax = Read("title: x\nstimuli:\n  - id: 1\n    content: \"unterminated\n", "s.yaml");
        Assert.Null(syntax.Scenario);
        Assert.NotNull(syntax.Errors.Single().Line);

        var unknown = Read("title: x\ncolour: red\nstimuli: []\n", "s.yaml");
        Assert.Null(unknown.Scenario);
        Assert.Equal(2, unknown.Errors.Single().Line);

        var bad = Read("""
            title: Essai
            objectives:
              - id: O1
                text: Alerter
            stimuli:
              - id: S1
                at: "+00:10"
                to: tous
                content: Premier
              - id: S2
                at: "+00:05"
                to: tous
                content: En arrière
              - id: S3
                at: "+00:20"
                to: [rssi, inconnu]
                content: Destinataire inconnu
                objectives: [O9]
            """, "s.yaml");
        Assert.Equal([10, 14, 14], bad.Errors.Select(e => e.Line!.Value));
        Assert.Equal(["S1"], bad.Scenario!.Stimuli.Select(s => s.Number));
    }

    [Fact]
    public void DocumentedExample_ImportsAsItStands_WithEveryKeyItShows()
    {
        var path = Path.Combine(RepositoryPaths.Root, "docs", "exercise-example.yaml");
        var read = ScenarioReader.Read(File.ReadAllBytes(path), Path.GetFileName(path));

        Assert.Empty(read.Errors);
        var scenario = read.Scenario!;
        Assert.Equal((ScenarioLevel.Debutant, TimeSpan.FromMinutes(90), "02:00"), (scenario.Level, scenario.Duration, scenario.StartClock));
        Assert.Equal(["S01", "S02", "S03", "S04"], scenario.Stimuli.Select(s => s.Number));
        Assert.Equal(TimeSpan.FromMinutes(70), scenario.Stimuli[3].Offset); // time: "03:10" against start_time 02:00
        Assert.Equal(["communication", "prefecture"], scenario.Stimuli[3].Recipients);
        Assert.NotNull(scenario.Stimuli[2].Artifact);
        Assert.Equal("Jouer l'infirmière inquiète mais calme.", scenario.Stimuli[0].Notes);
        Assert.Single(scenario.Start!.Services);
        Assert.Contains(scenario.Expectations, e => e.Key == "A1" && e.StimulusNumber == "S01");
    }

    [Fact]
    public void BuiltInScenarios_AreOriginal_Checked_AndCoverTheCell()
    {
        Assert.True(BuiltInScenarios.All.Count >= 3);
        Assert.Equal([ScenarioLevel.Debutant, ScenarioLevel.Intermediaire, ScenarioLevel.Confirme], BuiltInScenarios.All.Select(s => s.Level).Distinct().Order());
        foreach (var builtIn in BuiltInScenarios.All)
        {
            var read = ScenarioReader.Read(BuiltInScenarios.Content(builtIn), builtIn.Key + ".yaml", shippedFiles: BuiltInScenarios.File);
            Assert.True(read.IsClean, $"{builtIn.Key}: " + string.Join("; ", read.Errors.Select(e => $"{e.Line}: {e.Message}")));
            var scenario = read.Scenario!;
            Assert.InRange(scenario.Stimuli.Count, 25, 60);
            Assert.True(scenario.Expectations.Count >= 10, builtIn.Key);
            Assert.True(scenario.Stimuli.Any(s => s.Artifact is not null), $"{builtIn.Key} has a technical stimulus with a log file");
            var recipients = scenario.Stimuli.SelectMany(s => s.Recipients).ToHashSet();
            foreach (var function in new[] { "directeur_crise", "communication", "rssi", "dsi", "tous" })
            {
                Assert.Contains(function, recipients);
            }

            Assert.True(recipients.Count >= 8, $"{builtIn.Key} addresses {recipients.Count} functions");
            Assert.True(recipients.Contains("medecin_urgences") || recipients.Contains("directeur_soins"), $"{builtIn.Key} involves care continuity");
        }
    }

    [Theory]
    [InlineData("+00:45", 45)]
    [InlineData("00:45", 45)]
    [InlineData("H+01:30", 90)]
    [InlineData("45 min", 45)]
    [InlineData("45mn", 45)]
    [InlineData("1 h 30", 90)]
    [InlineData("1h30", 90)]
    [InlineData("2 h", 120)]
    [InlineData("90", 90)]
    [InlineData("T+2h", 120)]
    public void Offsets_AsTheKitsWriteThem(string text, int minutes) => Assert.Equal(TimeSpan.FromMinutes(minutes), TimeTexts.ParseOffset(text));

    [Theory]
    [InlineData("bientôt")]
    [InlineData("1 h 75")]
    [InlineData("25:99")]
    public void Offsets_Unreadable(string text) => Assert.Null(TimeTexts.ParseOffset(text));
}
