using static Vigie.Sigma.Tests.TestRules;

namespace Vigie.Sigma.Tests.Detection;

/// <summary>null (absent or no value), '' (present and empty) and exists (present, whatever the value) are three different things.</summary>
public sealed class NullEmptyExistsTests
{
    private const string Null = "sel:\n    CommandLine: null\ncondition: sel";
    private const string Empty = "sel:\n    CommandLine: ''\ncondition: sel";
    private const string Exists = "sel:\n    CommandLine|exists: true\ncondition: sel";
    private const string NotExists = "sel:\n    CommandLine|exists: false\ncondition: sel";

    [Fact]
    public void AbsentField_IsNullAndDoesNotExist()
    {
        Assert.True(Matches(Null));
        Assert.False(Matches(Empty));
        Assert.False(Matches(Exists));
        Assert.True(Matches(NotExists));
    }

    [Fact]
    public void NullValue_IsNullAndExists()
    {
        Assert.True(Matches(Null, ("CommandLine", null)));
        Assert.False(Matches(Empty, ("CommandLine", null)));
        Assert.True(Matches(Exists, ("CommandLine", null)));
        Assert.False(Matches(NotExists, ("CommandLine", null)));
    }

    [Fact]
    public void EmptyValue_IsEmptyAndExistsButIsNotNull()
    {
        Assert.False(Matches(Null, ("CommandLine", "")));
        Assert.True(Matches(Empty, ("CommandLine", "")));
        Assert.True(Matches(Exists, ("CommandLine", "")));
    }

    [Fact]
    public void NotNull_AsANegatedSelection()
    {
        const string detection = "sel:\n    EventID: 1\nfilter:\n    CommandLine: null\ncondition: sel and not filter";
        Assert.True(Matches(detection, ("CommandLine", "x")));
        Assert.False(Matches(detection));
    }

    [Fact]
    public void WildcardStar_MatchesAnyPresentValueButNotAbsent()
    {
        Assert.True(Matches("sel:\n    CommandLine: '*'\ncondition: sel", ("CommandLine", "")));
        Assert.False(Matches("sel:\n    CommandLine: '*'\ncondition: sel"));
    }

    [Fact]
    public void MultiValuedField_MatchesWhenAnyValueMatches()
    {
        Assert.True(Matches("sel:\n    Data|contains: 'b'\ncondition: sel", ("Data", "a"), ("Data", "b")));
        Assert.True(Matches("sel:\n    Data|contains|all: ['a', 'b']\ncondition: sel", ("Data", "a"), ("Data", "b")));
        Assert.False(Matches("sel:\n    Data|contains: 'c'\ncondition: sel", ("Data", "a"), ("Data", "b")));
    }
}
