using Vigie.Sigma.Detection;
using Vigie.Sigma.Testing;
using Vigie.Sigma.Tests.Regression;

namespace Vigie.Sigma.Tests.Detection;

/// <summary>
/// A keyword search reads <see cref="ISigmaEvent.GetAnyText"/> (where an adapter may give numbers, GUIDs and dates
/// as empty texts) only for matchers that cannot match a text of <see cref="ISigmaEvent.ScalarCharacters"/> alone.
/// </summary>
public sealed class KeywordScalarTextTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("sekurlsa::", true)]
    [InlineData("\\perfc.dat", true)]
    [InlineData("ſ", true)] // the long s is not S to ordinal case-insensitive comparison
    [InlineData("4624", false)]
    [InlineData("S-1-5-18", false)]
    [InlineData("0x3E7", false)]
    [InlineData("{8F8F8F8F-", false)]
    [InlineData("2024-02-18T03:00", false)]
    [InlineData("fAcE", false)] // hexadecimal, in any case
    public void Matcher_NeverMatchesScalarText_WhenALiteralNeedsAnotherCharacter(string text, bool expected)
    {
        Assert.Equal(expected, new StringMatcher(StringMatchKind.Contains, text, cased: false).NeverMatchesScalarText());
        Assert.Equal(expected, new ContainsAnyMatcher(["lsadump::", text]).NeverMatchesScalarText());
        Assert.Equal(expected, new EqualsSetMatcher(["mimikatz", text], cased: true).NeverMatchesScalarText());
    }

    [Fact]
    public void Matcher_NeverMatchesScalarText_IsFalseWithoutALiteral()
    {
        Assert.False(new GlobMatcher($"{SigmaText.Many}", cased: false).NeverMatchesScalarText());
        Assert.True(new GlobMatcher($"{SigmaText.Many}\\mimilib.dll{SigmaText.Many}", cased: false).NeverMatchesScalarText());
        Assert.False(new StringMatcher(StringMatchKind.Equals, "", cased: false).NeverMatchesScalarText());
        Assert.True(new RegexMatcher(new System.Text.RegularExpressions.Regex("sekurlsa::[a-z]+")).NeverMatchesScalarText());
        Assert.False(new RegexMatcher(new System.Text.RegularExpressions.Regex("[0-9]+")).NeverMatchesScalarText());
    }

    [Fact]
    public void Keywords_WhenEveryScalarOnlyValueIsHidden_MatchAsBefore()
    {
        // The shared corpus and the regression samples, every rule, each event seen plainly and through an adapter
        // that hides every value made of scalar characters from GetAnyText, as far as the contract allows.
        var events = CorpusEvents.Load(RepositoryPaths.SharedData("evtx"), Path.Combine(Path.GetTempPath(), "vigie-sigma-corpus-cache"),
            TestEnvironment.Tool("evtxexport")).Select(e => e.Event).ToList();
        foreach (var json in Directory.EnumerateFiles(Path.Combine(SharedRules.SigmaRoot, "regression_data"), "*.json", SearchOption.AllDirectories))
        {
            events.AddRange(EvtxDumpJson.ReadFile(json));
        }

        var matcher = SharedRules.WithPrefilter.CreateMatcher();
        var (total, keywordMatches) = (0, 0);
        var differences = new List<string>();
        foreach (var ev in events)
        {
            var plain = matcher.Match(ev).Select(m => (m.Rule.Index, m.Target)).Order().ToList();
            var hiding = matcher.Match(new HidingEvent(ev)).Select(m => (m.Rule.Index, m.Target)).Order().ToList();
            total += plain.Count;
            keywordMatches += plain.Count(m => SharedRules.WithPrefilter.Rules[m.Index].Title.Contains("Keyword", StringComparison.OrdinalIgnoreCase));
            if (!plain.SequenceEqual(hiding))
            {
                differences.Add($"{string.Join(",", plain)} vs {string.Join(",", hiding)}");
            }
        }

        output.WriteLine($"{events.Count} events, {total} matches, {keywordMatches} of rules titled 'keyword'");
        Assert.True(total > 500, "too few matches to prove anything");
        Assert.Empty(differences);
    }

    private sealed class HidingEvent(ISigmaEvent inner) : ISigmaEvent
    {
        public SigmaValueKind GetValue(SigmaField field, int index, out ReadOnlySpan<char> value) => inner.GetValue(field, index, out value);

        public SigmaValueKind GetAnyValue(int index, out ReadOnlySpan<char> value) => inner.GetAnyValue(index, out value);

        public SigmaValueKind GetAnyText(int index, out ReadOnlySpan<char> value)
        {
            var kind = inner.GetAnyValue(index, out value);
            if (value.IndexOfAnyExcept(ISigmaEvent.ScalarCharacters) < 0)
            {
                value = default;
            }

            return kind;
        }

        public SigmaValueKind GetLogChannel(out ReadOnlySpan<char> value) => inner.GetLogChannel(out value);
    }
}
