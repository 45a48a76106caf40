namespace Vigie.Sigma.Tests;

/// <summary>Builds small rule sets and events for the unit tests.</summary>
internal static class TestRules
{
    public const string Sysmon = "Microsoft-Windows-Sysmon/Operational";

    /// <summary>A whole rule around a detection section (given unindented).</summary>
    public static string Rule(string detection, string logsource = "product: windows\nservice: sysmon", string id = "00000000-0000-0000-0000-000000000001", string title = "test rule") =>
        $"title: {title}\nid: {id}\nlogsource:\n{Indent(logsource)}\ndetection:\n{Indent(detection)}\nlevel: high\n";

    public static string Indent(string text) => string.Join('\n', text.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(l => "    " + l));

    public static SigmaRuleSet Load(string yaml, SigmaEngineOptions? options = null) =>
        new SigmaRuleSetBuilder(options).AddYaml(yaml, "test.yml").Build();

    /// <summary>A Sysmon event (process creation) with the given fields.</summary>
    public static SigmaEvent Event(params (string Name, string? Value)[] fields)
    {
        var ev = new SigmaEvent().Add("Channel", Sysmon).Add("EventID", "1");
        foreach (var (name, value) in fields)
        {
            ev.Add(name, value);
        }

        return ev;
    }

    /// <summary>True when the detection (in a Sysmon rule) matches an event with these fields.</summary>
    public static bool Matches(string detection, params (string Name, string? Value)[] fields)
    {
        var set = Load(Rule(detection));
        Assert.True(set.Rejections.Count == 0, "rejected: " + string.Join("; ", set.Rejections));
        return set.CreateMatcher().Match(Event(fields)).Count > 0;
    }

    /// <summary>The rejection message of a rule that must not load.</summary>
    public static string Rejection(string yaml, SigmaEngineOptions? options = null)
    {
        var set = Load(yaml, options);
        Assert.Empty(set.Rules);
        return Assert.Single(set.Rejections).Reason;
    }
}
