using Vigie.CommandPost.Common;
using Vigie.CommandPost.Deadlines;

namespace Vigie.CommandPost.Tests.Deadlines;

/// <summary>The deadlines YAML: the hospital's file merges over the shipped one; a bad file is refused with a message naming the entry and field, and never replaces the rules in force.</summary>
public sealed class DeadlineCatalogTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vigie-deadlines-" + Guid.NewGuid().ToString("N")[..8]);

    public DeadlineCatalogTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Merge_ReplacesAddsAndRemovesById()
    {
        var merged = DeadlineCatalogReader.Merge(DeadlineCatalogReader.ShippedText(), """
            deadlines:
              - id: complaint
                disabled: true
              - id: cnil
                name: Notification CNIL (règle locale)
                authority: CNIL
                legal_basis: RGPD art. 33
                start: breach_awareness
                offset: 48h
                reminders: [12h]
                applies_when: [personal_data]
                draft: "Bonjour {{etablissement}}"
              - id: insurer
                name: Déclaration à l'assureur
                authority: Assureur cyber
                legal_basis: contrat n° 123
                start: detection
                offset: 5 days
                draft: "Sinistre du {{detection}}"
            """, "test.yaml");

        Assert.True(merged.IsOk, merged.Problem?.Message);
        var catalog = merged.Value;
        Assert.DoesNotContain(catalog.Rules, r => r.Id == "complaint");
        Assert.Equal("48h", catalog.Rule("cnil")!.Offset.ToString());
        Assert.Equal(1, catalog.Rules.ToList().FindIndex(r => r.Id == "cnil"));
        Assert.Equal("5 days", catalog.Rule("insurer")!.Offset.ToString());
        Assert.Equal("Déclaration à l'assureur", catalog.Rule("insurer")!.NameEn);
    }

    [Theory]
    [InlineData("deadlines:\n  - id: cnil\n    offset: 72 heures", "deadlines[cnil].name")]
    [InlineData("deadlines:\n  - id: x\n    name: n\n    authority: a\n    legal_basis: b\n    start: nowhere\n    offset: 1h\n    draft: d", "deadlines[x].start")]
    [InlineData("deadlines:\n  - id: x\n    name: n\n    authority: a\n    legal_basis: b\n    start: detection\n    offset: 72 heures et demie\n    draft: d", "deadlines[x].offset")]
    [InlineData("deadlines:\n  - id: x\n    name: n\n    authority: a\n    legal_basis: b\n    start: detection\n    offset: 1h\n    applies_when: [is_weekend]\n    draft: d", "deadlines[x].applies_when")]
    [InlineData("deadlines:\n  - id: x\n    name: n\n    authority: a\n    legal_basis: b\n    start: detection\n    offset: 1h\n    draft: 'Le {{lune}}'", "{{lune}}")]
    [InlineData("deadlines:\n  - id: x\n    name: n\n    authority: a\n    legal_basis: b\n    start: detection\n    offset: 1h\n    reminders: [0h]\n    draft: d", "cannot be 0")]
    [InlineData("deadlines:\n  - id: x\n    nom: n", "line 3")]
    [InlineData("deadlines: [unclosed", "line")]
    [InlineData("events:\n  - id: loop\n    label: boucle\n    source: sent:loop_rule\ndeadlines:\n  - id: loop_rule\n    name: n\n    authority: a\n    legal_basis: b\n    start: loop\n    offset: 1h\n    draft: d", "itself sent")]
    public void Merge_WhenInvalid_SaysWhereAndWhy(string yaml, string expected)
    {
        var merged = DeadlineCatalogReader.Merge(DeadlineCatalogReader.ShippedText(), yaml, "local.yaml");

        Assert.False(merged.IsOk);
        Assert.Contains(expected, merged.Problem.Message, StringComparison.Ordinal);
        Assert.Contains("local.yaml", merged.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Source_UsesTheHospitalFile_RereadsItWhenChanged_AndKeepsTheShippedRulesWhenItIsBroken()
    {
        var source = new DeadlineCatalogSource(new DataFolder(_folder));
        Assert.Equal(7, source.Current.Rules.Count);
        Assert.Null(source.Current.Warning);

        var file = Path.Combine(_folder, DeadlineCatalogSource.FileName);
        File.WriteAllText(file, "deadlines:\n  - id: complaint\n    disabled: true\n");
        Assert.Equal(6, source.Current.Rules.Count);
        Assert.Contains(file, source.Current.Origin, StringComparison.Ordinal);

        File.WriteAllText(file, "deadlines:\n  - id: complaint\n    offset: soon\n");
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));
        var broken = source.Current;
        Assert.Equal(7, broken.Rules.Count);
        Assert.Contains("deadlines[complaint]", broken.Warning, StringComparison.Ordinal);
        Assert.Contains("shipped rules are in force", broken.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void ShippedDrafts_UseOnlyKnownPlaceholders_AndAreFrench()
    {
        foreach (var rule in DeadlineCatalogReader.Shipped().Rules)
        {
            Assert.Contains("{{etablissement}}", rule.Draft, StringComparison.Ordinal);
            Assert.Contains("Fait le {{date}}", rule.Draft, StringComparison.Ordinal);
        }
    }
}
