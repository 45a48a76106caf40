namespace Vigie.Browser.Tests;

/// <summary>The harness's own address patterns (no browser): Playwright's glob, with <c>?</c> taken as itself.</summary>
public sealed class BrowserHarnessTests
{
    [Theory]
    [InlineData("**/incidents/*", "http://127.0.0.1:5000/incidents/12", true)]
    [InlineData("**/incidents/*", "http://127.0.0.1:5000/incidents/12/journal", false)]
    [InlineData("**/incidents/*", "http://127.0.0.1:5000/", false)]
    [InlineData("**/journal?added=*", "http://127.0.0.1:5000/incidents/3/journal?added=7", true)]
    [InlineData("**/journal?added=*", "http://127.0.0.1:5000/incidents/3/journalXadded=7", false)]
    [InlineData("**/incidents/3/services*", "http://127.0.0.1:5000/incidents/3/services?vue=tableau", true)]
    [InlineData("**/incidents/3/accueil", "http://127.0.0.1:5000/incidents/3/accueil?enregistre=1", false)]
    [InlineData("**/incidents/3/redirections/4/slip?nouveau=1", "http://127.0.0.1:5000/incidents/3/redirections/4/slip?nouveau=1", true)]
    public void GlobRegex_MatchesAsPlaywrightsGlob(string glob, string url, bool matches) =>
        Assert.Equal(matches, BrowserHarness.GlobRegex(glob).IsMatch(url));
}
