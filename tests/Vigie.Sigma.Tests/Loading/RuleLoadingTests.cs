using static Vigie.Sigma.Tests.TestRules;

namespace Vigie.Sigma.Tests.Loading;

public sealed class RuleLoadingTests
{
    [Fact]
    public void Metadata_IsReadAsWritten()
    {
        const string yaml = """
            title: Whoami Execution
            id: 929a690e-bef0-4204-a928-ef5e620d6fcc
            name: whoami_exec
            status: test
            description: Detects whoami
            references:
                - https://example.org/a
            author: Florian Roth, Someone Else
            date: 2019-10-23
            modified: 2024-01-02
            related:
                - id: 08fbc97d-0a2f-491c-ae21-8ffcfd3174e9
                  type: derived
            tags:
                - attack.discovery
                - attack.t1033
                - car.2016-03-001
            logsource:
                category: process_creation
                product: windows
            detection:
                selection:
                    Image|endswith: '\whoami.exe'
                condition: selection
            falsepositives:
                - Admins
            level: high
            """;
        var rule = Assert.Single(Load(yaml).Rules);
        Assert.Equal("Whoami Execution", rule.Title);
        Assert.Equal("929a690e-bef0-4204-a928-ef5e620d6fcc", rule.Id);
        Assert.Equal("whoami_exec", rule.Name);
        Assert.Equal("test", rule.Status);
        Assert.Equal("high", rule.Level);
        Assert.Equal("Florian Roth, Someone Else", rule.Author);
        Assert.Equal("2019-10-23", rule.Date);
        Assert.Equal("2024-01-02", rule.Modified);
        Assert.Equal(["https://example.org/a"], rule.References);
        Assert.Equal(["Admins"], rule.FalsePositives);
        Assert.Equal(["attack.discovery", "attack.t1033"], rule.AttackTags);
        Assert.Equal(new SigmaRelated("08fbc97d-0a2f-491c-ae21-8ffcfd3174e9", "derived"), Assert.Single(rule.Related));
        Assert.Equal("process_creation", rule.Logsource.Category);
    }

    [Fact]
    public void Collection_GlobalIsMergedIntoEachRule()
    {
        const string yaml = """
            action: global
            title: Shared title
            logsource:
                product: windows
                service: sysmon
            detection:
                condition: sel
            ---
            id: r1
            detection:
                sel:
                    A: '1'
            ---
            id: r2
            title: Own title
            detection:
                sel:
                    B: '1'
            """;
        var set = Load(yaml);
        Assert.Empty(set.Rejections);
        Assert.Equal(["Shared title", "Own title"], set.Rules.Select(r => r.Title));
        var matcher = set.CreateMatcher();
        Assert.Equal("r2", Assert.Single(matcher.Match(Event(("B", "1")))).Rule.Id);
    }

    [Fact]
    public void Collection_RepeatAndReset()
    {
        const string yaml = """
            title: First
            id: r1
            logsource:
                product: windows
                service: sysmon
            detection:
                sel:
                    A: '1'
                condition: sel
            ---
            action: repeat
            id: r2
            title: Repeated
            detection:
                sel:
                    A: '2'
            ---
            action: global
            level: low
            ---
            action: reset
            ---
            title: After reset
            id: r3
            logsource:
                product: windows
                service: sysmon
            detection:
                sel:
                    A: '3'
                condition: sel
            """;
        var set = Load(yaml);
        Assert.Empty(set.Rejections);
        Assert.Equal(["r1", "r2", "r3"], set.Rules.Select(r => r.Id));
        Assert.Null(set.Rules[2].Level);
        Assert.Equal("r2", Assert.Single(set.CreateMatcher().Match(Event(("A", "2")))).Rule.Id);
    }

    [Fact]
    public void UnknownCollectionAction_IsRejected() =>
        Assert.Contains("unknown collection action", Rejection("action: explode\ntitle: x\n"), StringComparison.Ordinal);

    [Fact]
    public void Filter_AddsItsConditionToTheRulesItNames()
    {
        var yaml = Rule("sel:\n    Image|endswith: '\\rar.exe'\ncondition: sel", id: "6f3e2987-db24-4c78-a860-b4f4095a7095") + "---\n" +
                   Rule("sel:\n    Image|endswith: '\\rar.exe'\ncondition: sel", id: "other") + """
                   ---
                   title: Filter admin accounts
                   logsource:
                       product: windows
                   filter:
                       rules:
                           - 6f3e2987-db24-4c78-a860-b4f4095a7095
                       selection:
                           User|startswith: 'adm_'
                       condition: not selection
                   """;
        var set = Load(yaml);
        Assert.Empty(set.Rejections);
        var matcher = set.CreateMatcher();
        Assert.Equal(["other"], matcher.Match(Event(("Image", "C:\\rar.exe"), ("User", "adm_bob"))).Select(m => m.Rule.Id));
        Assert.Equal(2, matcher.Match(Event(("Image", "C:\\rar.exe"), ("User", "bob"))).Count);
    }

    [Fact]
    public void Filter_OnlyAppliesWithinItsLogsource()
    {
        var yaml = Rule("sel:\n    A: '1'\ncondition: sel", id: "r1") + """
                   ---
                   title: Filter for another service
                   logsource:
                       product: windows
                       service: security
                   filter:
                       rules: any
                       selection:
                           A: '1'
                       condition: not selection
                   """;
        Assert.Single(Load(yaml).CreateMatcher().Match(Event(("A", "1"))));
    }

    [Fact]
    public void UnknownLogsource_IsRejected()
    {
        Assert.Contains("category 'made_up'", Rejection(Rule("sel:\n    A: 1\ncondition: sel", "product: windows\ncategory: made_up")), StringComparison.Ordinal);
        Assert.Contains("product 'linux'", Rejection(Rule("sel:\n    A: 1\ncondition: sel", "product: linux\nservice: auth")), StringComparison.Ordinal);
    }

    [Fact]
    public void LogsourceOverride_AddsAService()
    {
        var mapping = LogsourceMapping.Default.Override("services:\n  myapp: MyCompany/App\n", out var error);
        Assert.NotNull(mapping);
        Assert.Equal("", error);
        var set = Load(Rule("sel:\n    A: '1'\ncondition: sel", "product: windows\nservice: myapp"), new SigmaEngineOptions { Logsources = mapping });
        Assert.Empty(set.Rejections);
        var ev = new SigmaEvent().Add("Channel", "mycompany/app").Add("EventID", "7").Add("A", "1");
        Assert.Single(set.CreateMatcher().Match(ev));
    }

    [Fact]
    public void BadLogsourceMapping_GivesAMessage()
    {
        Assert.Null(LogsourceMapping.Parse("categories:\n  x:\n    event_ids: [1]\n", out var error));
        Assert.Contains("needs a channel", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Index_RuleOnlyMeetsItsChannelAndEventId()
    {
        var set = Load(Rule("sel:\n    EventID: 4624\n    LogonType: '3'\ncondition: sel", "product: windows\nservice: security"));
        var matcher = set.CreateMatcher();
        Assert.Single(matcher.Match(new SigmaEvent().Add("Channel", "Security").Add("EventID", "4624").Add("LogonType", "3")));
        Assert.Empty(matcher.Match(new SigmaEvent().Add("Channel", "Security").Add("EventID", "4625").Add("LogonType", "3")));
        Assert.Empty(matcher.Match(new SigmaEvent().Add("Channel", "System").Add("EventID", "4624").Add("LogonType", "3")));
    }

    [Fact]
    public void ProductOnlyRule_AppliesToEveryEvent()
    {
        var set = Load(Rule("keywords:\n    - 'mimikatz'\ncondition: keywords", "product: windows"));
        var matcher = set.CreateMatcher();
        Assert.Single(matcher.Match(new SigmaEvent().Add("Channel", "Security").Add("EventID", "1").Add("X", "run mimikatz")));
        Assert.Single(matcher.Match(new SigmaEvent().Add("X", "run mimikatz")));
    }

    [Fact]
    public void FieldNamesWithSpaces_AreReadWithoutThem() =>
        Assert.Equal(["Defender"], new SigmaEvent().Add("Threat Name", "Defender").Values("ThreatName"));
}
