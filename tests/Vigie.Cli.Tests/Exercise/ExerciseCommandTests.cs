using System.Text;
using Microsoft.Data.Sqlite;
using Vigie.Web.Testing;

namespace Vigie.Cli.Tests.Exercise;

/// <summary>The real vigie executable: vigie exercise check | import | list.</summary>
public sealed class ExerciseCommandTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vigie-cli-ex-" + Guid.NewGuid().ToString("N")[..10]);

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Check_ReportsEveryProblemWithItsLine_Import_WritesOnlyAGoodFile_List_ShowsIt()
    {
        var bad = Path.Combine(_folder, "chronogramme.csv");
        await File.WriteAllTextAsync(bad, "N°;Horaire;Destinataire;Stimulus\n1;02:00;Tous;Premier\n2;01:50;Tous;En arrière\n3;02:10;Gardien du phare;Qui ?\n1;02:20;Tous;Doublon\n", new UTF8Encoding(true));
        var check = await VigieCli.RunAsync(_folder, null, "exercise", "check", bad);
        Assert.Equal(2, check.ExitCode);
        Assert.Contains("UTF-8 (BOM)", check.Output, StringComparison.Ordinal);
        Assert.Contains("line 3, time: 01:50 is before DEBEX (02:00)", check.Output, StringComparison.Ordinal);
        Assert.Contains("line 4, to: unknown recipient(s): 'Gardien du phare'", check.Output, StringComparison.Ordinal);
        Assert.Contains("line 5, id: stimulus number '1' is already on line 2", check.Output, StringComparison.Ordinal);

        var database = Path.Combine(_folder, "vigie.db");
        var refused = await VigieCli.RunAsync(_folder, null, "exercise", "import", bad, "--database", database);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("nothing imported", refused.Error, StringComparison.Ordinal);
        Assert.Contains("no exercise", (await VigieCli.RunAsync(_folder, null, "exercise", "list", "--database", database)).Output, StringComparison.Ordinal);

        var good = await VigieCli.RunAsync(_folder, null, "exercise", "import", bad, "--valid-only", "--title", "Chronogramme du GHT", "--level", "confirme", "--database", database);
        Assert.Equal(0, good.ExitCode);
        Assert.Contains("exercise incident 1: 1 stimuli imported", good.Output, StringComparison.Ordinal);

        var other = Path.Combine(_folder, "maison.csv");
        await File.WriteAllTextAsync(other, "Réf;T0+;Pour;Texte du message\nX1;00:05;Tous;Bonjour\n");
        Assert.Equal(2, (await VigieCli.RunAsync(_folder, null, "exercise", "check", other)).ExitCode);
        var mapped = await VigieCli.RunAsync(_folder, null, "exercise", "import", other, "--map", "content=Texte du message;offset=T0+", "--map", "id=Réf;to=Pour", "--database", database);
        Assert.Equal(0, mapped.ExitCode);
        Assert.Equal(0, (await VigieCli.RunAsync(_folder, null, "exercise", "import", "--builtin", "territoire-trois-rivieres", "--database", database)).ExitCode);

        var list = await VigieCli.RunAsync(_folder, null, "exercise", "list", "--database", database);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("pret      confirme        0/1   played  Chronogramme du GHT", list.Output, StringComparison.Ordinal);
        Assert.Contains("Le territoire des Trois Rivières à l'arrêt", list.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await VigieCli.RunAsync(_folder, null, "journal", "verify", "--incident", "1", "--database", database)).ExitCode);
    }
}
