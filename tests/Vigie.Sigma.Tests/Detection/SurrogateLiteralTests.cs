using static Vigie.Sigma.Tests.TestRules;

namespace Vigie.Sigma.Tests.Detection;

/// <summary>
/// Values with characters outside the BMP (emojis, Deseret letters) are literals of the prefilter too: a rule made
/// only of emojis (SigmaHQ's "Emoji Usage In CommandLine" rules) is skipped for events that have none, instead of
/// being evaluated for every process, and matches exactly as it does without the prefilter.
/// </summary>
public sealed class SurrogateLiteralTests
{
    private const string Detection = "sel:\n    CommandLine|contains:\n        - '😀'\n        - '☺️'\n        - '𐐨'\ncondition: sel";

    [Theory]
    [InlineData("cmd /c echo 😀")]
    [InlineData("cmd /c echo 😃")] // the same high surrogate, another emoji
    [InlineData("cmd /c echo 🙂")]
    [InlineData("cmd /c echo ☺️")]
    [InlineData("cmd /c echo ☺")]
    [InlineData("cmd /c echo 𐐨")]
    [InlineData("cmd /c echo 𐐀")] // the Deseret letter's other case
    [InlineData("cmd /c echo \uD83D")] // a lone surrogate
    [InlineData("cmd /c echo \uDE00\uD83D")]
    [InlineData("cmd /c whoami")]
    public void Emojis_WithAndWithoutThePrefilter_MatchAsOrdinalIgnoreCaseContains(string commandLine)
    {
        var expected = new[] { "😀", "☺️", "𐐨" }.Any(e => commandLine.Contains(e, StringComparison.OrdinalIgnoreCase));
        var fast = Load(Rule(Detection));
        var slow = Load(Rule(Detection), new SigmaEngineOptions { UsePrefilter = false });

        Assert.Equal(expected, fast.CreateMatcher().Match(Event(("CommandLine", commandLine))).Count > 0);
        Assert.Equal(expected, slow.CreateMatcher().Match(Event(("CommandLine", commandLine))).Count > 0);
    }

    [Fact]
    public void Emojis_AreLiteralsOfThePrefilter_SoTheRuleIsFiltered()
    {
        var rules = Load(Rule(Detection));

        var bucket = rules.Index.Buckets.Single(b => b.Variants.Length > 0 && b.Variants[0].Rule.Title == "test rule" && b.Prefilter is not null);
        Assert.True(bucket.Prefilter!.IsFiltered(0));
    }
}
