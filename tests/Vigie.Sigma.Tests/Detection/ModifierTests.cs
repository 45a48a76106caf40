using static Vigie.Sigma.Tests.TestRules;

namespace Vigie.Sigma.Tests.Detection;

public sealed class ModifierTests
{
    [Theory]
    [InlineData("C:\\Windows\\System32\\CMD.EXE", true)]
    [InlineData("C:\\Windows\\System32\\cmd.exe.bak", false)]
    public void EndsWith_WhenCaseDiffers_MatchesCaseInsensitively(string image, bool expected) =>
        Assert.Equal(expected, Matches("sel:\n    Image|endswith: '\\cmd.exe'\ncondition: sel", ("Image", image)));

    [Fact]
    public void StartsWithAndContains_MatchTheirPlace()
    {
        Assert.True(Matches("sel:\n    CommandLine|startswith: 'net '\ncondition: sel", ("CommandLine", "NET user")));
        Assert.False(Matches("sel:\n    CommandLine|startswith: 'net '\ncondition: sel", ("CommandLine", "x net user")));
        Assert.True(Matches("sel:\n    CommandLine|contains: 'user'\ncondition: sel", ("CommandLine", "net USER x")));
    }

    [Fact]
    public void PlainValue_WhenNoWildcard_MustEqualWholeValue()
    {
        Assert.True(Matches("sel:\n    Image: 'C:\\Windows\\cmd.exe'\ncondition: sel", ("Image", "c:\\windows\\CMD.exe")));
        Assert.False(Matches("sel:\n    Image: 'C:\\Windows\\cmd.exe'\ncondition: sel", ("Image", "c:\\windows\\cmd.exe2")));
    }

    [Fact]
    public void Cased_WhenCaseDiffers_DoesNotMatch()
    {
        Assert.False(Matches("sel:\n    CommandLine|contains|cased: 'Invoke'\ncondition: sel", ("CommandLine", "invoke-x")));
        Assert.True(Matches("sel:\n    CommandLine|contains|cased: 'Invoke'\ncondition: sel", ("CommandLine", "Invoke-x")));
    }

    [Theory]
    [InlineData("'prog?.exe'", "progA.exe", true)]
    [InlineData("'prog?.exe'", "prog.exe", false)]
    [InlineData("'antivirus_V*.exe'", "antivirus_V21.2.1.exe", true)]
    [InlineData("'a*b*c'", "aXXbYYc", true)]
    [InlineData("'a*b*c'", "aXXcYYb", false)]
    [InlineData("'*'", "", true)]
    public void Wildcards_MatchAsGlobs(string pattern, string value, bool expected) =>
        Assert.Equal(expected, Matches($"sel:\n    Image: {pattern}\ncondition: sel", ("Image", value)));

    [Theory]
    // \* and \? are plain characters
    [InlineData(@"'a\*b'", "a*b", true)]
    [InlineData(@"'a\*b'", "aXb", false)]
    [InlineData(@"'a\?b'", "a?b", true)]
    [InlineData(@"'a\?b'", "aXb", false)]
    // \\* is a backslash followed by a wildcard
    [InlineData(@"'a\\*'", @"a\anything", true)]
    [InlineData(@"'a\\*'", "anything", false)]
    // \\\* is a backslash and a plain star
    [InlineData(@"'a\\\*'", @"a\*", true)]
    [InlineData(@"'a\\\*'", @"a\x", false)]
    // a plain backslash not before a wildcard: single or double
    [InlineData(@"'C:\Windows'", @"C:\Windows", true)]
    [InlineData(@"'C:\\Windows'", @"C:\Windows", true)]
    // three or four backslashes are two
    [InlineData(@"'\\\\server'", @"\\server", true)]
    [InlineData(@"'\\\server'", @"\\server", true)]
    public void EscapedWildcards_FollowTheSpecification(string pattern, string value, bool expected) =>
        Assert.Equal(expected, Matches($"sel:\n    Image: {pattern}\ncondition: sel", ("Image", value)));

    [Fact]
    public void All_RequiresEveryValue()
    {
        const string detection = "sel:\n    CommandLine|contains|all:\n        - ' -a '\n        - ' -b '\ncondition: sel";
        Assert.True(Matches(detection, ("CommandLine", "x -b  -a y")));
        Assert.False(Matches(detection, ("CommandLine", "x -a y")));
    }

    [Theory]
    [InlineData("x -s y", true)]
    [InlineData("x /s y", true)]
    [InlineData("x \u2013s y", true)]
    [InlineData("x \u2014s y", true)]
    [InlineData("x \u2015s y", true)]
    [InlineData("x +s y", false)]
    public void Windash_MatchesEveryDashVariant(string commandLine, bool expected) =>
        Assert.Equal(expected, Matches("sel:\n    CommandLine|windash|contains: ' -s '\ncondition: sel", ("CommandLine", commandLine)));

    [Fact]
    public void Windash_InsideAWord_KeepsTheDash()
    {
        // Only a dash or slash that starts a word is permuted (pySigma's \B[-/]\b).
        Assert.False(Matches("sel:\n    CommandLine|windash|contains: 'Get-Item'\ncondition: sel", ("CommandLine", "Get/Item")));
        Assert.True(Matches("sel:\n    CommandLine|windash|contains: 'Get-Item'\ncondition: sel", ("CommandLine", "Get-Item")));
    }

    [Fact]
    public void Regex_IsCaseSensitiveUnlessI()
    {
        Assert.False(Matches("sel:\n    CommandLine|re: 'inv.ke'\ncondition: sel", ("CommandLine", "INVOKE")));
        Assert.True(Matches("sel:\n    CommandLine|re|i: 'inv.ke'\ncondition: sel", ("CommandLine", "INVOKE")));
        Assert.True(Matches("sel:\n    CommandLine|re: 'o{2,}'\ncondition: sel", ("CommandLine", "xfoo bar")));
    }

    [Fact]
    public void Regex_LiteralPrecheck_NeverChangesTheAnswer()
    {
        // The regex engine only starts when the value holds the pattern's plain text ("Invoke-"), in any case.
        Assert.True(Matches("sel:\n    CommandLine|re: '(?i)invoke-[a-z]+shell'\ncondition: sel", ("CommandLine", "x INVOKE-PowerShell y")));
        Assert.False(Matches("sel:\n    CommandLine|re: 'Invoke-[a-z]+'\ncondition: sel", ("CommandLine", "INVOKE-expression")));
        Assert.True(Matches("sel:\n    CommandLine|re: 'Invoke-[a-z]+'\ncondition: sel", ("CommandLine", "a Invoke-expression")));
        Assert.False(Matches("sel:\n    CommandLine|re: 'Invoke-[a-z]+'\ncondition: sel", ("CommandLine", "Invoke expression")));
        // The Kelvin sign equals k under the regex engine's case-insensitivity, not under ordinal folding: still matched.
        Assert.True(Matches("sel:\n    CommandLine|re|i: 'mimikatz'\ncondition: sel", ("CommandLine", "mimi\u212Aatz")));
    }

    [Fact]
    public void Regex_MultilineAndDotAll()
    {
        Assert.False(Matches("sel:\n    CommandLine|re: '^b'\ncondition: sel", ("CommandLine", "a\nb")));
        Assert.True(Matches("sel:\n    CommandLine|re|m: '^b'\ncondition: sel", ("CommandLine", "a\nb")));
        Assert.False(Matches("sel:\n    CommandLine|re: 'a.b'\ncondition: sel", ("CommandLine", "a\nb")));
        Assert.True(Matches("sel:\n    CommandLine|re|s: 'a.b'\ncondition: sel", ("CommandLine", "a\nb")));
    }

    [Fact]
    public void Base64_EncodesTheValue() =>
        Assert.True(Matches("sel:\n    CommandLine|base64|contains: 'cmd'\ncondition: sel", ("CommandLine", "x Y21k y")));

    [Theory]
    [InlineData("L2Jpbi9iYXNo")]
    [InlineData("9iaW4vYmFza")]
    [InlineData("vYmluL2Jhc2")]
    public void Base64Offset_MatchesEachOfTheThreeShifts(string encoded) =>
        Assert.True(Matches("sel:\n    CommandLine|base64offset|contains: '/bin/bash'\ncondition: sel", ("CommandLine", "echo " + encoded + "== | base64 -d")));

    [Fact]
    public void Base64Offset_WhenTextIsElsewhere_DoesNotMatch() =>
        Assert.False(Matches("sel:\n    CommandLine|base64offset|contains: '/bin/bash'\ncondition: sel", ("CommandLine", "/bin/bash")));

    [Theory]
    [InlineData("wide", "YwBtAGQA")]
    [InlineData("utf16le", "YwBtAGQA")]
    [InlineData("utf16be", "AGMAbQBk")]
    [InlineData("utf16", "//5jAG0AZAA=")]
    public void Utf16Variants_EncodeBeforeBase64(string modifier, string encoded) =>
        Assert.True(Matches($"sel:\n    CommandLine|{modifier}|base64|contains: 'cmd'\ncondition: sel", ("CommandLine", "-enc " + encoded)));

    [Theory]
    [InlineData("YwBtAGQA")]
    [InlineData("MAbQBkA")]
    [InlineData("jAG0AZA")]
    public void WideBase64Offset_MatchesPowerShellEncodedCommands(string encoded) =>
        Assert.True(Matches("sel:\n    CommandLine|wide|base64offset|contains: 'cmd'\ncondition: sel", ("CommandLine", "powershell -enc xx" + encoded + "yy")));

    [Theory]
    [InlineData("gt", "10", "11", true)]
    [InlineData("gt", "10", "10", false)]
    [InlineData("gte", "10", "10", true)]
    [InlineData("lt", "10", "9.5", true)]
    [InlineData("lte", "10", "10", true)]
    [InlineData("lt", "10", "abc", false)]
    [InlineData("gt", "10", "0x10", true)]
    [InlineData("lt", "100", "99 ", true)]
    [InlineData("gt", "5", "", false)]
    public void NumericComparisons_ReadTheValueAsANumber(string op, string bound, string value, bool expected) =>
        Assert.Equal(expected, Matches($"sel:\n    Count|{op}: {bound}\ncondition: sel", ("Count", value)));

    [Fact]
    public void NumericComparison_WhenRuleValueIsNotANumber_IsRejected() =>
        Assert.Contains("not a number", Rejection(Rule("sel:\n    Count|gt: abc\ncondition: sel")), StringComparison.Ordinal);

    [Theory]
    [InlineData("hour", "3", "2024-05-01 03:10:00.123", true)]
    [InlineData("hour", "3", "2024-05-01T04:10:00.1234567890Z", false)]
    [InlineData("minute", "10", "2024-05-01T04:10:00Z", true)]
    [InlineData("day", "1", "2024-05-01 04:10:00", true)]
    [InlineData("month", "5", "2024-05-01 04:10:00", true)]
    [InlineData("year", "2024", "2024-05-01 04:10:00", true)]
    [InlineData("week", "18", "2024-05-01 04:10:00", true)]
    [InlineData("hour", "3", "not a date", false)]
    public void TimeModifiers_ExtractAPartOfTheDate(string part, string expected, string value, bool matches) =>
        Assert.Equal(matches, Matches($"sel:\n    UtcTime|{part}: {expected}\ncondition: sel", ("UtcTime", value)));

    [Fact]
    public void TimeModifier_WithComparison_ComparesThePart() =>
        Assert.True(Matches("sel:\n    UtcTime|hour|gte: 22\ncondition: sel", ("UtcTime", "2024-05-01 23:10:00")));

    [Theory]
    [InlineData("10.0.0.0/8", "10.1.2.3", true)]
    [InlineData("10.0.0.0/8", "11.1.2.3", false)]
    [InlineData("192.168.1.0/25", "192.168.1.127", true)]
    [InlineData("192.168.1.0/25", "192.168.1.128", false)]
    [InlineData("10.0.0.0/8", "::ffff:10.1.2.3", true)]
    [InlineData("fe80::/10", "fe80::1", true)]
    [InlineData("fe80::/10", "FEBF:ffff::1", true)]
    [InlineData("fe80::/10", "fec0::1", false)]
    [InlineData("2001:db8::/32", "2001:db8:1234::5", true)]
    [InlineData("2001:db8::/32", "10.0.0.1", false)]
    [InlineData("10.0.0.0/8", "not an ip", false)]
    public void Cidr_MatchesIPv4AndIPv6Networks(string network, string address, bool expected) =>
        Assert.Equal(expected, Matches($"sel:\n    DestinationIp|cidr: '{network}'\ncondition: sel", ("DestinationIp", address)));

    [Fact]
    public void Cidr_WhenNotANetwork_IsRejected() =>
        Assert.Contains("not a network", Rejection(Rule("sel:\n    DestinationIp|cidr: 'x/8'\ncondition: sel")), StringComparison.Ordinal);

    [Fact]
    public void Fieldref_ComparesTwoFieldsOfTheEvent()
    {
        const string detection = "sel:\n    TargetFilename|fieldref: Image\ncondition: sel";
        Assert.True(Matches(detection, ("TargetFilename", @"C:\a.exe"), ("Image", @"c:\A.EXE")));
        Assert.False(Matches(detection, ("TargetFilename", @"C:\a.exe"), ("Image", @"C:\b.exe")));
        Assert.False(Matches(detection, ("TargetFilename", @"C:\a.exe")));
    }

    [Fact]
    public void Fieldref_WithNeqAndContains()
    {
        Assert.True(Matches("sel:\n    User|fieldref|neq: ParentUser\ncondition: sel", ("User", "a"), ("ParentUser", "b")));
        Assert.False(Matches("sel:\n    User|fieldref|neq: ParentUser\ncondition: sel", ("User", "a"), ("ParentUser", "A")));
        Assert.True(Matches("sel:\n    CommandLine|fieldref|contains: Image\ncondition: sel", ("CommandLine", "\"x.exe\" -a"), ("Image", "x.exe")));
    }

    [Fact]
    public void Neq_MatchesWhenTheValueDiffers()
    {
        Assert.True(Matches("sel:\n    User|neq: 'SYSTEM'\ncondition: sel", ("User", "bob")));
        Assert.False(Matches("sel:\n    User|neq: 'SYSTEM'\ncondition: sel", ("User", "system")));
        Assert.True(Matches("sel:\n    Count|neq: 5\ncondition: sel", ("Count", "6")));
    }

    [Fact]
    public void Expand_ReplacesPlaceholdersFromTheUserFile()
    {
        var placeholders = SigmaPlaceholders.Parse("Administrators: [admin, root]\n", out var error);
        Assert.NotNull(placeholders);
        var set = Load(Rule("sel:\n    User|expand: '%Administrators%'\ncondition: sel"), new SigmaEngineOptions { Placeholders = placeholders });
        Assert.Empty(set.Rejections);
        var matcher = set.CreateMatcher();
        Assert.Single(matcher.Match(Event(("User", "ROOT"))));
        Assert.Empty(matcher.Match(Event(("User", "bob"))));
        Assert.Equal("", error);
    }

    [Fact]
    public void Expand_EscapedPercent_IsPlain()
    {
        var placeholders = SigmaPlaceholders.Parse("name: [x]\n", out _);
        var set = Load(Rule("sel:\n    Value|expand: '\\%plain%name%'\ncondition: sel"), new SigmaEngineOptions { Placeholders = placeholders! });
        Assert.Empty(set.Rejections);
        Assert.Single(set.CreateMatcher().Match(Event(("Value", "%plainx"))));
    }

    [Fact]
    public void Expand_WhenPlaceholderUnknown_RejectsTheRule() =>
        Assert.Contains("%Servers%", Rejection(Rule("sel:\n    Host|expand: '%Servers%'\ncondition: sel")), StringComparison.Ordinal);

    [Fact]
    public void Placeholder_WithoutExpand_IsALiteral() =>
        Assert.True(Matches("sel:\n    Host: '%Servers%'\ncondition: sel", ("Host", "%servers%")));

    [Fact]
    public void UnknownModifier_RejectsTheRule() =>
        Assert.Contains("unknown modifier 'containz'", Rejection(Rule("sel:\n    Image|containz: x\ncondition: sel")), StringComparison.Ordinal);
}
