using static Vigie.Sigma.Tests.TestRules;

namespace Vigie.Sigma.Tests.Detection;

public sealed class ConditionTests
{
    private const string Selections = "a:\n    A: '1'\nb:\n    B: '1'\nc:\n    C: '1'\n";

    private static bool Eval(string condition, bool a, bool b, bool c) =>
        Matches(Selections + "condition: " + condition, ("A", a ? "1" : "0"), ("B", b ? "1" : "0"), ("C", c ? "1" : "0"));

    [Theory]
    [InlineData(true, false, false, true)]
    [InlineData(false, true, false, false)]
    [InlineData(false, true, true, true)]
    public void AndBindsTighterThanOr(bool a, bool b, bool c, bool expected) =>
        Assert.Equal(expected, Eval("a or b and c", a, b, c));

    [Theory]
    [InlineData(false, true, false, true)]
    [InlineData(true, true, false, false)]
    [InlineData(false, false, false, false)]
    public void NotBindsTighterThanAnd(bool a, bool b, bool c, bool expected) =>
        Assert.Equal(expected, Eval("not a and b", a, b, c));

    [Fact]
    public void Parentheses_Group() =>
        Assert.False(Eval("(a or b) and c", true, false, false));

    [Fact]
    public void NestedNotAndParentheses() =>
        Assert.True(Eval("not (a and not (b or c))", true, false, true));

    [Fact]
    public void Keywords_AreCaseInsensitive() =>
        Assert.True(Eval("a AND NOT b", true, false, false));

    [Fact]
    public void OneOfPattern_IsAnOr()
    {
        const string detection = "sel_a:\n    A: '1'\nsel_b:\n    B: '1'\nother:\n    C: '1'\ncondition: 1 of sel_*";
        Assert.True(Matches(detection, ("B", "1")));
        Assert.False(Matches(detection, ("C", "1")));
    }

    [Fact]
    public void AllOfPattern_IsAnAnd()
    {
        const string detection = "sel_a:\n    A: '1'\nsel_b:\n    B: '1'\ncondition: all of sel_*";
        Assert.True(Matches(detection, ("A", "1"), ("B", "1")));
        Assert.False(Matches(detection, ("A", "1")));
    }

    [Fact]
    public void OneOfThem_LeavesOutUnderscoreIdentifiers()
    {
        const string detection = "a:\n    A: '1'\n_hidden:\n    H: '1'\ncondition: 1 of them";
        Assert.True(Matches(detection, ("A", "1")));
        Assert.False(Matches(detection, ("H", "1")));
    }

    [Fact]
    public void AllOfThem_NeedsEveryIdentifierButUnderscoreOnes()
    {
        const string detection = "a:\n    A: '1'\nb:\n    B: '1'\n_hidden:\n    H: '1'\ncondition: all of them";
        Assert.True(Matches(detection, ("A", "1"), ("B", "1")));
        Assert.False(Matches(detection, ("A", "1")));
    }

    [Fact]
    public void ConditionList_IsAnOr()
    {
        const string detection = "a:\n    A: '1'\nb:\n    B: '1'\ncondition:\n    - a\n    - b";
        Assert.True(Matches(detection, ("B", "1")));
        Assert.False(Matches(detection, ("C", "1")));
    }

    [Fact]
    public void ListOfMaps_IsAnOrOfAnds()
    {
        const string detection = "sel:\n    - A: '1'\n      B: '1'\n    - C: '1'\ncondition: sel";
        Assert.True(Matches(detection, ("A", "1"), ("B", "1")));
        Assert.False(Matches(detection, ("A", "1")));
        Assert.True(Matches(detection, ("C", "1")));
    }

    [Fact]
    public void KeywordList_SearchesEveryValue()
    {
        const string detection = "keywords:\n    - 'sekurlsa::'\n    - 'event::clear'\ncondition: keywords";
        Assert.True(Matches(detection, ("Message", "run SEKURLSA::logonpasswords")));
        Assert.False(Matches(detection, ("Message", "nothing")));
    }

    [Fact]
    public void KeywordAll_NeedsEveryKeywordSomewhere()
    {
        const string detection = "keywords:\n    '|all':\n        - 'OabVirtualDirectory'\n        - ' -ExternalUrl '\ncondition: keywords";
        Assert.True(Matches(detection, ("A", "Set-OabVirtualDirectory"), ("B", "x -ExternalUrl y")));
        Assert.False(Matches(detection, ("A", "Set-OabVirtualDirectory")));
    }

    [Fact]
    public void EventIdNumber_MatchesItsText() =>
        Assert.True(Matches("sel:\n    EventID:\n        - 4688\n        - 1\ncondition: sel"));

    [Theory]
    [InlineData("sel and", "ends too early")]
    [InlineData("sel and (sel", "missing ')'")]
    [InlineData("nosuch", "does not define")]
    [InlineData("1 of nothing*", "matches no search identifier")]
    [InlineData("sel | count() > 5", "obsolete")]
    [InlineData("2x of sel", "quantifier")]
    public void BadCondition_IsRejectedWithAReason(string condition, string reason) =>
        Assert.Contains(reason, Rejection(Rule("sel:\n    A: '1'\ncondition: " + condition)), StringComparison.Ordinal);
}
