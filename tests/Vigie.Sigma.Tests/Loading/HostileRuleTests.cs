using System.Text;
using static Vigie.Sigma.Tests.TestRules;

namespace Vigie.Sigma.Tests.Loading;

/// <summary>Malformed or hostile rules are rejected with a message or evaluated in bounded time; the engine survives.</summary>
public sealed class HostileRuleTests
{
    [Fact]
    public void BadYaml_IsRejectedWithTheLine()
    {
        var reason = Rejection("title: x\nlogsource: [unclosed\ndetection:\n    sel: a\n");
        Assert.Contains("invalid YAML", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void DocumentThatIsNotAMapping_IsRejected() =>
        Assert.Contains("not a YAML mapping", Rejection("- just\n- a list\n"), StringComparison.Ordinal);

    [Fact]
    public void MissingSections_AreRejected()
    {
        Assert.Contains("no title", Rejection("logsource:\n    product: windows\ndetection:\n    condition: x\n"), StringComparison.Ordinal);
        Assert.Contains("no 'detection'", Rejection("title: x\nlogsource:\n    product: windows\n"), StringComparison.Ordinal);
        Assert.Contains("no 'condition'", Rejection("title: x\nlogsource:\n    product: windows\ndetection:\n    sel:\n        A: 1\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void DeepNesting_IsRejectedWithoutStackOverflow()
    {
        var yaml = "title: x\nlogsource: " + new string('[', 100_000) + new string(']', 100_000) + "\n";
        Assert.Contains("nested deeper", Rejection(yaml), StringComparison.Ordinal);
    }

    [Fact]
    public void AliasBomb_IsRejected()
    {
        var sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 12; i++)
        {
            sb.Append($"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }

        Assert.Contains("nodes", Rejection(sb.ToString()), StringComparison.Ordinal);
    }

    [Fact]
    public void DeeplyNestedCondition_IsRejected()
    {
        var condition = new string('(', 5_000) + "sel" + new string(')', 5_000);
        Assert.Contains("nested deeper", Rejection(Rule("sel:\n    A: '1'\ncondition: " + condition)), StringComparison.Ordinal);
    }

    [Fact]
    public void TenMegabyteValueList_IsRejectedUnparsed()
    {
        var sb = new StringBuilder(Rule("sel:\n    CommandLine|contains:\n        - 'a'\ncondition: sel"));
        sb.Append("extra:\n");
        while (sb.Length < 10 * 1024 * 1024)
        {
            sb.Append("    - 'value-").Append(sb.Length).Append("'\n");
        }

        Assert.Contains("larger than", Rejection(sb.ToString()), StringComparison.Ordinal);
    }

    [Fact]
    public void TenMegabyteRuleFile_IsRejectedUnread()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vigie-big-{Guid.NewGuid():N}.yml");
        try
        {
            using (var writer = new StreamWriter(path))
            {
                writer.Write(Rule("sel:\n    CommandLine|contains:\n        - 'a'\ncondition: sel"));
                for (var i = 0; i < 600_000; i++)
                {
                    writer.Write("# padding padding\n");
                }
            }

            var set = new SigmaRuleSetBuilder().AddPath(path).Build();
            Assert.Empty(set.Rules);
            Assert.Contains("larger than", Assert.Single(set.Rejections).Reason, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LargeValueListWithinTheLimit_LoadsAndMatches()
    {
        var sb = new StringBuilder("sel:\n    CommandLine|contains:\n");
        for (var i = 0; i < 20_000; i++)
        {
            sb.Append("        - 'needle-").Append(i).Append("-x'\n");
        }

        sb.Append("condition: sel");
        var set = Load(Rule(sb.ToString()));
        Assert.Empty(set.Rejections);
        var matcher = set.CreateMatcher();
        Assert.Single(matcher.Match(Event(("CommandLine", "run needle-19999-x now"))));
        Assert.Empty(matcher.Match(Event(("CommandLine", "run needle-20000-x now"))));
    }

    [Fact(Timeout = 60_000)]
    public async Task CatastrophicRegex_RunsInLinearTime()
    {
        // With a generous timeout: a backtracking engine would need about 2^5000 steps, the linear one finishes.
        var set = Load(Rule("sel:\n    CommandLine|re: '^(a+)+$'\ncondition: sel"), new SigmaEngineOptions { RegexTimeout = TimeSpan.FromSeconds(20) });
        Assert.Empty(set.Rejections);
        var matcher = set.CreateMatcher();
        var value = new string('a', 5_000) + "b";
        var matches = await Task.Run(() => matcher.Match(Event(("CommandLine", value))), TestContext.Current.CancellationToken);
        Assert.Empty(matches);
        Assert.Equal(0, matcher.RegexTimeouts);
    }

    [Fact(Timeout = 60_000)]
    public async Task BacktrackingRegex_TimesOutAsNoMatchAndIsReported()
    {
        // A back-reference keeps the regex off the linear engine: the match timeout is what bounds it.
        var set = Load(Rule("sel:\n    CommandLine|re: '^(a|aa)+\\1$'\ncondition: sel"),
            new SigmaEngineOptions { RegexTimeout = TimeSpan.FromMilliseconds(20) });
        Assert.Empty(set.Rejections);
        var matcher = set.CreateMatcher();
        var value = new string('a', 5_000) + "b";
        var matches = await Task.Run(() => matcher.Match(Event(("CommandLine", value))), TestContext.Current.CancellationToken);
        Assert.Empty(matches);
        Assert.Equal(1, matcher.RegexTimeouts);
        Assert.Equal("test rule", matcher.LastTimedOutRule?.Title);
    }

    [Fact]
    public void InvalidRegex_IsRejected() =>
        Assert.Contains("invalid regular expression", Rejection(Rule("sel:\n    CommandLine|re: '(unclosed'\ncondition: sel")), StringComparison.Ordinal);

    [Fact]
    public void WindashWithTooManyDashes_IsRejected() =>
        Assert.Contains("windash", Rejection(Rule("sel:\n    CommandLine|windash: ' -a -b -c -d -e -f -g'\ncondition: sel")), StringComparison.Ordinal);

    [Fact]
    public void NonUtf8File_IsRejected()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vigie-bin-{Guid.NewGuid():N}.yml");
        try
        {
            File.WriteAllBytes(path, [0xFF, 0xFE, 0x00, 0xC3, 0x28, 0x01]);
            var set = new SigmaRuleSetBuilder().AddPath(path).Build();
            Assert.Contains("not UTF-8", Assert.Single(set.Rejections).Reason, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void OneBadRuleAmongGoodOnes_OnlyThatRuleIsRejected()
    {
        var yaml = Rule("sel:\n    A: '1'\ncondition: sel") + "---\n" + Rule("sel:\n    A|nope: '1'\ncondition: sel", id: "bad") + "---\n" +
                   Rule("sel:\n    B: '1'\ncondition: sel", id: "good2");
        var set = Load(yaml);
        Assert.Equal(2, set.Rules.Count);
        Assert.Equal("test.yml#2", Assert.Single(set.Rejections).Source);
    }
}
