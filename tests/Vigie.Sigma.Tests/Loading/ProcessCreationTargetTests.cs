using static Vigie.Sigma.Tests.TestRules;

namespace Vigie.Sigma.Tests.Loading;

/// <summary>process_creation rules on Security 4688: renamed fields, and no match when a Sysmon-only field would decide.</summary>
public sealed class ProcessCreationTargetTests
{
    private const string ProcessCreation = "product: windows\ncategory: process_creation";

    private static SigmaEvent Security4688(params (string, string)[] fields)
    {
        var ev = new SigmaEvent().Add("Channel", "Security").Add("EventID", "4688");
        foreach (var (name, value) in fields)
        {
            ev.Add(name, value);
        }

        return ev;
    }

    [Fact]
    public void RenamedFields_MatchOn4688()
    {
        var set = Load(Rule("sel:\n    Image|endswith: '\\whoami.exe'\n    ParentImage|endswith: '\\cmd.exe'\n    User|contains: 'bob'\ncondition: sel", ProcessCreation));
        var match = Assert.Single(set.CreateMatcher().Match(Security4688(("NewProcessName", @"C:\Windows\System32\whoami.exe"),
            ("ParentProcessName", @"C:\Windows\System32\cmd.exe"), ("SubjectUserName", "bob"))));
        Assert.Equal("security-4688", match.Target);
        Assert.Equal("sysmon", Assert.Single(set.CreateMatcher().Match(Event(("Image", @"C:\x\whoami.exe"), ("ParentImage", @"C:\cmd.exe"), ("User", "DOM\\bob")))).Target);
    }

    [Fact]
    public void RuleThatNeedsASysmonOnlyField_DoesNotApplyTo4688()
    {
        var set = Load(Rule("sel:\n    OriginalFileName: 'whoami.exe'\ncondition: sel", ProcessCreation));
        Assert.Equal(1, set.VariantCount);
        Assert.Empty(set.CreateMatcher().Match(Security4688(("OriginalFileName", "whoami.exe"))));
    }

    [Fact]
    public void FilterOnASysmonOnlyField_MakesThe4688VariantUndecidable()
    {
        var set = Load(Rule("sel:\n    Image|endswith: '\\x.exe'\nfilter:\n    Hashes|contains: 'ABC'\ncondition: sel and not filter", ProcessCreation));
        Assert.Equal(1, set.VariantCount);
        Assert.Empty(set.CreateMatcher().Match(Security4688(("NewProcessName", @"C:\x.exe"))));
    }

    [Fact]
    public void AlternativeOnASysmonOnlyField_StillMatchesThroughTheOther()
    {
        var set = Load(Rule("sel_img:\n    - Image|endswith: '\\x.exe'\n    - OriginalFileName: 'x.exe'\ncondition: sel_img", ProcessCreation));
        var matcher = set.CreateMatcher();
        Assert.Single(matcher.Match(Security4688(("NewProcessName", @"C:\x.exe"))));
        Assert.Empty(matcher.Match(Security4688(("NewProcessName", @"C:\y.exe"))));
    }

    [Fact]
    public void SysmonOnlyFieldInsideAFilterSelection_ExcludesWhatTheOtherItemsMatch()
    {
        // filter = Image is y.exe AND Hashes ...: on 4688 the filter may hold whenever Image is y.exe, so those events do not match.
        var set = Load(Rule("sel:\n    CommandLine|contains: 'run'\nfilter:\n    Image|endswith: '\\y.exe'\n    Hashes|contains: 'ABC'\ncondition: sel and not filter", ProcessCreation));
        var matcher = set.CreateMatcher();
        Assert.Single(matcher.Match(Security4688(("CommandLine", "run"), ("NewProcessName", @"C:\x.exe"))));
        Assert.Empty(matcher.Match(Security4688(("CommandLine", "run"), ("NewProcessName", @"C:\y.exe"))));
    }

    [Fact]
    public void IntegrityLevel_TranslatesToTheMandatoryLabelSid()
    {
        var set = Load(Rule("sel:\n    Image|endswith: '\\x.exe'\n    IntegrityLevel:\n        - 'System'\n        - 'S-1-16-12288'\ncondition: sel", ProcessCreation));
        var matcher = set.CreateMatcher();
        Assert.Single(matcher.Match(Security4688(("NewProcessName", @"C:\x.exe"), ("MandatoryLabel", "S-1-16-16384"))));
        Assert.Single(matcher.Match(Security4688(("NewProcessName", @"C:\x.exe"), ("MandatoryLabel", "S-1-16-12288"))));
        Assert.Empty(matcher.Match(Security4688(("NewProcessName", @"C:\x.exe"), ("MandatoryLabel", "S-1-16-8192"))));
        Assert.Single(matcher.Match(Event(("Image", @"C:\x.exe"), ("IntegrityLevel", "system"))));
    }

    [Fact]
    public void IntegrityLevel_WithAnUntranslatableModifier_CannotBeDecidedOn4688()
    {
        var set = Load(Rule("sel:\n    IntegrityLevel|contains: 'igh'\ncondition: sel", ProcessCreation));
        Assert.Equal(1, set.VariantCount);
    }
}
