using Vigie.Sigma.Detection;

namespace Vigie.Sigma.Tests.Detection;

public sealed class RegexLiteralTests
{
    [Theory]
    [InlineData(@"(?:get).*&&\s?get.*(?:environment|invoke)", "get")]
    [InlineData(@"mimikatz\.exe", "mimikatz.exe")]
    [InlineData(@"abcd?e", "abc")]
    [InlineData(@"ab+cdef", "cdef")]
    [InlineData(@"x{2}yyyy", "yyyy")]
    [InlineData(@"\\Windows\\Temp\\[a-z]+\.exe", @"\Windows\Temp\")]
    [InlineData(@"^powershell\s+-enc", "powershell")]
    [InlineData(@"(?i)(?:set).*&&\s?set", "&&")]
    public void Required_FindsAPlainRunEveryMatchContains(string pattern, string expected) =>
        Assert.Equal(expected, RegexLiterals.Required(pattern, ignoreCase: false));

    [Theory]
    [InlineData("abc|def")]
    [InlineData("(abc)")]
    [InlineData("a{1,3}")]
    [InlineData("a.b.c")]
    [InlineData(@"\d+\s*\w")]
    [InlineData("[abc]+")]
    public void Required_WhenNoRunIsCertain_GivesNone(string pattern) =>
        Assert.Null(RegexLiterals.Required(pattern, ignoreCase: false));

    [Fact]
    public void Required_UnderIgnoreCase_AvoidsLettersWithUnicodeFolds()
    {
        // The regex engine matches "Key" (Kelvin sign) against (?i)key; ordinal folding would not.
        Assert.Equal("ey", RegexLiterals.Required("(?i)key", ignoreCase: false));
        Assert.Equal("mimi", RegexLiterals.Required("mimikatz", ignoreCase: true));
    }
}
