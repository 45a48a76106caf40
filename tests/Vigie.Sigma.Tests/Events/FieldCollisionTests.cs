namespace Vigie.Sigma.Tests.Events;

/// <summary>
/// A name both in System and in the event's data (SigmaFieldCollisions): the data's value wins, except for
/// EventID and Level; the System channel still chooses the rules. Checked against the two SigmaHQ rules
/// written against event 104's UserData Channel (the log that was cleared).
/// </summary>
public sealed class FieldCollisionTests
{
    private const string EventlogCleared = "a62b37e0-45d3-48d9-a517-90c1a1b0186b";
    private const string ImportantEventlogCleared = "100ef69e-3327-481c-8e5c-6d80d9507556";

    [Theory]
    [InlineData("Windows PowerShell", ImportantEventlogCleared)]
    [InlineData("Security", ImportantEventlogCleared)]
    [InlineData("System", ImportantEventlogCleared)]
    [InlineData("Microsoft-Windows-TaskScheduler/Operational", EventlogCleared)]
    [InlineData("Application", EventlogCleared)]
    public void Match_Event104_ReadsTheClearedLogFromUserDataNotTheSystemChannel(string clearedLog, string expectedRule)
    {
        var rules = LoadClearedRules();
        var ev = new SigmaEvent()
            .AddSystem("Channel", "System")
            .AddSystem("EventID", "104")
            .AddSystem("Provider_Name", "Microsoft-Windows-Eventlog")
            .Add("SubjectUserName", "a-jbrown")
            .Add("Channel", clearedLog)
            .Add("BackupPath", null);

        var fired = rules.CreateMatcher().Match(ev).Select(m => m.Rule.Id).ToList();

        Assert.Equal([expectedRule], fired);
    }

    [Fact]
    public void Match_WhenDataHasEventIdOrLevel_SystemsValueWins()
    {
        var rules = TestRules.Load("""
            title: Level two errors of event 2027
            id: 33333333-3333-3333-3333-333333333333
            logsource: {product: windows, service: application}
            detection:
                selection: {EventID: 2027, Level: 2}
                condition: selection
            """);
        var ev = new SigmaEvent()
            .AddSystem("Channel", "Application").AddSystem("EventID", "2027").AddSystem("Level", "2")
            .Add("EventID", "7").Add("Level", "Verbose");

        Assert.Single(rules.CreateMatcher().Match(ev));
    }

    [Fact]
    public void GetLogChannel_IsSystemsChannel_AndGetValueTheDatas()
    {
        var rules = TestRules.Load("""
            title: Any
            logsource: {product: windows, service: system}
            detection:
                selection: {Channel: Application}
                condition: selection
            """);
        Assert.True(rules.TryGetField("Channel", out var channel));
        var ev = new SigmaEvent().AddSystem("Channel", "System").Add("Channel", "Application");

        Assert.Equal(SigmaValueKind.Value, ev.GetLogChannel(out var log));
        Assert.Equal("System", log.ToString());
        Assert.Equal(SigmaValueKind.Value, ev.GetValue(channel, 0, out var value));
        Assert.Equal("Application", value.ToString());
        Assert.Equal("System", ev.SystemValue("Channel"));
        Assert.Single(rules.CreateMatcher().Match(ev)); // the System channel chose the bucket, the data answered the item
    }

    private static SigmaRuleSet LoadClearedRules()
    {
        var folder = Path.Combine(Regression.SharedRules.SigmaRoot, "rules", "windows", "builtin", "system", "microsoft_windows_eventlog");
        var rules = new SigmaRuleSetBuilder()
            .AddPath(Path.Combine(folder, "win_system_eventlog_cleared.yml"))
            .AddPath(Path.Combine(folder, "win_system_susp_eventlog_cleared.yml"))
            .Build();
        Assert.Empty(rules.Rejections);
        Assert.Equal(2, rules.Rules.Count);
        return rules;
    }
}
